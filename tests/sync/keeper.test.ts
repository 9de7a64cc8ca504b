import { generateKeyPairSync, hkdfSync, sign } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import { deriveAccess, type WorkspaceAccess } from '../../src/sync/access';
import { KeeperConnection } from '../../src/sync/keeper/connection';
import { deriveKeeperKeys, keeperToken, newEntryId, sealEntry, type KeeperKeys } from '../../src/sync/keeper/keys';
import type { KeeperTuning } from '../../src/sync/keeper/sync';
import { newSecret } from '../../src/sync/link';
import { startKeeperProcess, startRedis } from '../support/keeper';
import { waitFor } from '../support/node-peer';
import { startTcpProxy } from '../support/tcp-proxy';

/**
 * Members of a workspace as Node programs (the app's own KeeperConnection, `ws` for WebSocket)
 * and real keeper processes: LevelDB on disk, Redis for two of them. No WebRTC anywhere: the
 * keeper is the only way between members.
 */

const FAST: Partial<KeeperTuning> = { flushMs: 20, catchUpMs: 400, compactJitterMs: 100 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Member {
  workspace: Workspace;
  connection: KeeperConnection;
  close(): Promise<void>;
}

/** A `join` link's secret (version 1), or an edit or view link (version 2). */
type Holder = string | WorkspaceAccess;

async function keeperKeysOf(holder: Holder): Promise<KeeperKeys> {
  if (typeof holder === 'string') return deriveKeeperKeys(holder);
  const access = await deriveAccess(holder);
  return deriveKeeperKeys(access.shared, access.writers);
}

/** An edit link and the view link of the same workspace. */
async function editAndView(): Promise<{ edit: WorkspaceAccess; view: WorkspaceAccess }> {
  const edit: WorkspaceAccess = { kind: 'edit', secret: newSecret() };
  const { view } = await deriveAccess(edit);
  return { edit, view: { kind: 'view', secret: view!.secret, verifyKey: view!.verifyKey } };
}

async function member(holder: Holder, keepers: string[], workspace = new Workspace(), tuning: Partial<KeeperTuning> = FAST): Promise<Member> {
  const link = typeof holder === 'string' ? { secret: holder } : { access: holder };
  const connection = new KeeperConnection(workspace, { ...link, keepers, workspaceId: 'keeper-test-ws', persist: false, store: null, WebSocketPolyfill: WebSocket, tuning });
  await connection.start();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await connection.destroy();
    workspace.destroy();
  };
  cleanups.push(close);
  return { workspace, connection, close };
}

/** The founding member: a workspace with a topic, all of it at the keeper. */
async function founder(secret: Holder, keepers: string[], name = 'Ports working group', topicTitle = 'Organised crime in ports') {
  const workspace = new Workspace();
  workspace.initialise({ name });
  const topic = workspace.topics.add(topicTitle);
  const m = await member(secret, keepers, workspace);
  await m.connection.whenSent();
  return { ...m, topic };
}

const texts = (workspace: Workspace, topic: string) => workspace.focusPoints.ofTopic(topic).map((p) => p.text);

async function filesUnder(dir: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

/**
 * A client with the token that writes into the log directly: a link holder gone rogue, or the
 * keeper's operator; with a view link, a modified viewer. `token` replaces the one it would send.
 */
async function rawClient(url: string, secret: Holder, token?: string) {
  const keys = await keeperKeysOf(secret);
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: keys.documentName, token: token ?? (await keeperToken(keys)), document: doc, awareness: null });
  provider.attach();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    provider.destroy();
    socket.destroy();
  };
  cleanups.push(close);
  await waitFor(() => provider.isSynced, 'the raw client synced');
  const entries = doc.getMap<unknown>('entries');
  return { keys, doc, entries, provider, close, sent: () => waitFor(() => !provider.hasUnsyncedChanges, 'the raw client’s writes acknowledged') };
}

describe('keeper between members who are never online together', () => {
  it('A edits and closes; the keeper restarts; B gets everything, edits and closes; A reopens and gets B’s edits', async () => {
    const keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const secret = newSecret();
    const a = await founder(secret, [keeper.url]);
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'Share container risk profiles' });
    await a.connection.whenSent();
    const kept = a.workspace.encodeState();
    await a.close();

    await keeper.stop();
    const again = await startKeeperProcess({ data: keeper.data, port: keeper.port });
    cleanups.push(() => again.stop());

    const b = await member(secret, [again.url]);
    await waitFor(() => texts(b.workspace, a.topic).length === 1, 'B has A’s focus point');
    expect(b.workspace.meta().name).toBe('Ports working group');
    b.workspace.focusPoints.add({ topicId: a.topic, text: 'Joint inspections in Rotterdam' });
    await b.connection.whenSent();
    await b.close();

    // A's stored copy, as its browser would reopen it.
    const reopened = new Workspace();
    reopened.applyUpdate(kept, 'storage');
    const a2 = await member(secret, [again.url], reopened);
    await waitFor(() => texts(a2.workspace, a.topic).length === 2, 'A has B’s focus point');
    expect(texts(a2.workspace, a.topic)).toEqual(['Share container risk profiles', 'Joint inspections in Rotterdam']);
    expect(a2.workspace.problems()).toEqual([]);
  });

  it('two keeper processes on one Redis: A on one, B on the other, live edits both ways', async () => {
    // Redis's default pub/sub buffer limit (32 MB) would drop a large snapshot between keepers (docs/keeper.md).
    const redis = await startRedis(['--client-output-buffer-limit', 'pubsub 0 0 0']);
    cleanups.push(() => redis.stop());
    const one = await startKeeperProcess({ redis: redis.url, id: 'one' });
    cleanups.push(() => one.stop());
    const two = await startKeeperProcess({ redis: redis.url, id: 'two' });
    cleanups.push(() => two.stop());
    const secret = newSecret();
    const a = await founder(secret, [one.url]);
    const b = await member(secret, [two.url]);
    await waitFor(() => b.workspace.topics.list().length === 1, 'B has the workspace through keeper two');
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'From A on keeper one' });
    await waitFor(() => texts(b.workspace, a.topic).includes('From A on keeper one'), 'B has A’s edit');
    b.workspace.focusPoints.add({ topicId: a.topic, text: 'From B on keeper two' });
    await waitFor(() => texts(a.workspace, a.topic).includes('From B on keeper two'), 'A has B’s edit');
    // Typing into the same point from both sides at once ends the same everywhere.
    const [point] = a.workspace.focusPoints.ofTopic(a.topic);
    a.workspace.focusPoints.textOf(point!.id)!.set('From A on keeper one, agreed');
    b.workspace.focusPoints.textOf(point!.id)!.set('Edited: From A on keeper one');
    const merged = 'Edited: From A on keeper one, agreed';
    await waitFor(() => texts(a.workspace, a.topic)[0] === merged && texts(b.workspace, a.topic)[0] === merged, 'both copies hold both edits');
    expect(texts(a.workspace, a.topic)).toEqual(texts(b.workspace, a.topic));
  });

  it('a conference of 50 members works through one keeper alone', async () => {
    const keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const secret = newSecret();
    const first = await founder(secret, [keeper.url], 'Conference session', 'Questions from the floor');
    const crew: Member[] = [first];
    for (let i = 1; i < 50; i++) crew.push(await member(secret, [keeper.url]));
    await waitFor(() => crew.every((m) => m.workspace.topics.list().length === 1), 'all 50 have the workspace', 60_000);
    // Everyone adds a point at once.
    crew.forEach((m, i) => m.workspace.focusPoints.add({ topicId: first.topic, text: `Question ${i + 1}` }));
    await waitFor(() => crew.every((m) => m.workspace.focusPoints.ofTopic(first.topic).length === 50), 'all 50 have all 50 points', 90_000);
    const expected = [...texts(first.workspace, first.topic)].sort();
    expect(expected).toEqual(Array.from({ length: 50 }, (_, i) => `Question ${i + 1}`).sort());
    for (const m of crew) expect(texts(m.workspace, first.topic)).toEqual(texts(first.workspace, first.topic));
  }, 180_000);
});

describe('what the keeper sees', () => {
  it.each(['join', 'edit'] as const)('its data folder and the traffic it receives hold none of the names, texts, secrets or workspace id (%s link)', async (kind) => {
    const keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const proxy = await startTcpProxy({ port: keeper.port });
    cleanups.push(() => proxy.stop());
    const secret = newSecret();
    const workspaceId = 'Wk3r9xQ2mVbN7pLs';
    // With writers: A holds the edit link, B the view link.
    const edit: WorkspaceAccess = { kind: 'edit', secret };
    const keysOfEdit = await deriveAccess(edit);
    const [holderA, holderB]: [Holder, Holder] = kind === 'join' ? [secret, secret] : [edit, { kind: 'view', secret: keysOfEdit.view!.secret, verifyKey: keysOfEdit.view!.verifyKey }];
    const a = await founder(holderA, [proxy.url], 'Rotterdam and Lisbon ports group', 'Cocaine through container terminals');
    a.workspace.members.add({ name: 'Gemeente Rotterdam' });
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'Rotterdam shares its risk profiles with Lisbon' });
    await a.connection.whenSent();
    const b = await member(holderB, [proxy.url]);
    await waitFor(() => texts(b.workspace, a.topic).length === 1, 'B got it through the keeper');
    await a.close();
    await b.close();
    await keeper.stop();
    const keys = await keeperKeysOf(holderA);
    const traffic = Buffer.concat([proxy.received(), proxy.receivedMessages()]);
    const disk = await filesUnder(keeper.data);
    // The captures are real: the keeper got the document name and stored the log.
    expect(traffic.includes(keys.documentName)).toBe(true);
    expect(disk.includes(keys.documentName)).toBe(true);
    expect(disk.byteLength).toBeGreaterThan(500);
    // The edit link's secrets: the view secret and the Ed25519 seed of the signing key (src/sync/access.ts).
    const seed = Buffer.from(hkdfSync('sha256', Buffer.from(secret), Buffer.from('tavola/link/v2'), Buffer.from('tavola signing key'), 32));
    if (kind === 'edit') {
      // The verify key is the keeper's to see (it checks writers with it), and nothing more.
      expect(traffic.includes(keysOfEdit.writers!.verifyKeyText)).toBe(true);
      for (const bytes of [seed, Buffer.from(keysOfEdit.view!.secret)]) {
        expect(traffic.includes(bytes), 'traffic holds an edit link’s secret').toBe(false);
        expect(disk.includes(bytes), 'data folder holds an edit link’s secret').toBe(false);
      }
    }
    for (const needle of ['Rotterdam and Lisbon ports group', 'Cocaine through container terminals', 'Gemeente Rotterdam', 'Rotterdam shares its risk profiles', 'Rotterdam', 'Lisbon', secret, keysOfEdit.view!.secret, seed.toString('base64url'), workspaceId, 'keeper-test-ws']) {
      expect(traffic.includes(needle), `traffic holds “${needle}”`).toBe(false);
      expect(disk.includes(needle), `data folder holds “${needle}”`).toBe(false);
    }
  });
});

describe('a workspace with writers (version 2): view links at the keeper', () => {
  it('a modified viewer that writes to the keeper anyway changes nothing for a new member; writers’ changes reach viewers', async () => {
    let keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const { edit, view } = await editAndView();
    const a = await founder(edit, [keeper.url]);
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'From a writer' });
    await a.connection.whenSent();
    const viewer = await member(view, [keeper.url]);
    await waitFor(() => texts(viewer.workspace, a.topic).length === 1, 'the viewer has the writer’s point');

    // The modified viewer: Hocuspocus's own provider with the view token, writing anyway.
    const started = performance.now();
    const rogue = await rawClient(keeper.url, view);
    const connectMs = performance.now() - started;
    expect(rogue.provider.authorizedScope).toBe('readonly');
    await waitFor(() => rogue.entries.size > 0, 'the modified viewer sees the entries');
    const writers = new Map([...rogue.entries.entries()]);
    const [writersId] = [...writers.keys()];
    // Entries it can make with the log's sealing key (it has it: it reads): version 1, and version 2 signed with a key of its own.
    const update = (() => {
      const copy = new Workspace();
      copy.applyUpdate(viewer.workspace.encodeState(), 'test');
      const before = copy.stateVector();
      copy.focusPoints.add({ topicId: a.topic, text: 'Made up by the viewer' });
      const diff = copy.encodeStateSince(before);
      copy.destroy();
      return diff;
    })();
    const keys = await keeperKeysOf(view);
    const own = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const forgedIds = [newEntryId(), newEntryId(), newEntryId()];
    const forged = [
      await sealEntry({ ...keys, version: 1, writers: null }, forgedIds[0]!, 'changes', update),
      await sealEntry({ ...keys, writers: { ...keys.writers!, signingKey: own.privateKey } }, forgedIds[1]!, 'changes', update),
      writers.get(writersId!) as Uint8Array,
    ];
    rogue.doc.transact(() => {
      forged.forEach((sealed, i) => rogue.entries.set(forgedIds[i]!, sealed));
      // And it deletes the writer's entries: a new member would get nothing.
      for (const id of writers.keys()) rogue.entries.delete(id);
    });
    // A writer's proof it cannot make: a signature of its own key, and a writer's real proof from 11 minutes ago.
    const writerKeys = await keeperKeysOf(edit);
    const seconds = String(Math.floor(Date.now() / 1000));
    const badProof = sign(null, Buffer.from(`tavola/keeper/writer/v2\0${keys.documentName}\0${seconds}`), generateKeyPairSync('ed25519').privateKey).toString('base64url');
    const forger = await rawClient(keeper.url, view, `${keys.token}.${keys.writers!.verifyKeyText}.${seconds}.${badProof}`);
    const stale = await rawClient(keeper.url, view, await keeperToken(writerKeys, Date.now() - 11 * 60_000));
    for (const client of [forger, stale]) {
      expect(client.provider.authorizedScope).toBe('readonly');
      client.doc.transact(() => {
        for (const id of writers.keys()) client.entries.delete(id);
        client.entries.set(newEntryId(), forged[1]!);
      });
    }
    // A writer's fresh proof writes.
    const honest = await rawClient(keeper.url, edit);
    expect(honest.provider.authorizedScope).toBe('read-write');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The keeper answered "not applied" and applied nothing.
    for (const client of [rogue, forger, stale]) expect(client.provider.hasUnsyncedChanges).toBe(true);
    expect([...honest.entries.keys()].sort()).toEqual([...writers.keys()].sort());

    // A writer's next change still reaches the viewer through the keeper.
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'Later, from the writer' });
    await waitFor(() => texts(viewer.workspace, a.topic).length === 2, 'the viewer has the writer’s later point');
    expect(viewer.connection.snapshot().stats).toMatchObject({ sealed: 0, compactions: 0, unreadable: 0 });
    expect(viewer.connection.snapshot().status.kind).toBe('up-to-date');
    await a.connection.whenSent();
    const expected = a.workspace.encodeState();
    await a.close();
    await viewer.close();
    for (const client of [rogue, forger, stale, honest]) client.close();

    // Nothing of the viewers' reached the disk either: a keeper started again from its folder holds the writers' log alone.
    await keeper.stop();
    const disk = await filesUnder(keeper.data);
    for (const id of forgedIds.slice(0, 2)) expect(disk.includes(id), `the data folder holds the viewer's entry ${id}`).toBe(false);
    keeper = await startKeeperProcess({ data: keeper.data, port: keeper.port });
    cleanups.push(() => keeper.stop());
    for (const holder of [edit, view]) {
      const fresh = await member(holder, [keeper.url]);
      await waitFor(() => texts(fresh.workspace, a.topic).length === 2, 'a new member has the workspace from the keeper alone');
      expect(texts(fresh.workspace, a.topic)).toEqual(['From a writer', 'Later, from the writer']);
      const reference = new Workspace();
      reference.applyUpdate(expected, 'test');
      expect(fresh.workspace.stateVector()).toEqual(reference.stateVector());
      expect(fresh.workspace.meta().name).toBe(reference.meta().name);
      reference.destroy();
      expect(fresh.connection.snapshot().stats?.unreadable).toBe(0);
      await fresh.close();
    }
    console.info(`keeper v2: a viewer's connection to synced ${connectMs.toFixed(0)} ms`);
  }, 60_000);
});

describe('a keeper that misbehaves', () => {
  it('garbage, replayed and moved entries leave every member’s document whole, and are counted', async () => {
    const keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const secret = newSecret();
    const a = await founder(secret, [keeper.url]);
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'Kept' });
    await a.connection.whenSent();
    const rogue = await rawClient(keeper.url, secret);
    await waitFor(() => rogue.entries.size > 0, 'the rogue client sees the entries');
    const [someId] = [...rogue.entries.keys()];
    const some = rogue.entries.get(someId!) as Uint8Array;
    rogue.doc.transact(() => {
      rogue.entries.set(newEntryId(), crypto.getRandomValues(new Uint8Array(400)));
      rogue.entries.set(newEntryId(), 'text, not bytes');
      rogue.entries.set(newEntryId(), some); // moved under another id
      rogue.entries.set(someId!, some); // replayed under its own id
    });
    const badId = newEntryId();
    rogue.entries.set(badId, await sealEntry(rogue.keys, badId, 'changes', new Uint8Array([7, 7, 7, 7, 7, 7])));
    await rogue.sent();
    const b = await member(secret, [keeper.url]);
    await waitFor(() => texts(b.workspace, a.topic).length === 1 && (b.connection.snapshot().stats?.unreadable ?? 0) >= 4, 'B read the log');
    expect(b.connection.snapshot().stats?.unreadable).toBe(4);
    expect(texts(b.workspace, a.topic)).toEqual(['Kept']);
    expect(b.workspace.problems()).toEqual([]);
    expect(a.workspace.problems()).toEqual([]);
    // Still working: a new edit goes through.
    b.workspace.focusPoints.add({ topicId: a.topic, text: 'After the garbage' });
    await waitFor(() => texts(a.workspace, a.topic).includes('After the garbage'), 'A has B’s edit');
  });

  it('a keeper that drops entries, or loses its whole data folder, is healed by the members who still hold them', async () => {
    const keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const secret = newSecret();
    const a = await founder(secret, [keeper.url]);
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'One' });
    await a.connection.whenSent();
    // The operator deletes every entry.
    const rogue = await rawClient(keeper.url, secret);
    await waitFor(() => rogue.entries.size > 0, 'the rogue client sees the entries');
    rogue.doc.transact(() => {
      for (const id of [...rogue.entries.keys()]) rogue.entries.delete(id);
    });
    await rogue.sent();
    await waitFor(() => (a.connection.snapshot().stats?.entries ?? 0) > 0 && rogue.entries.size > 0, 'A sealed its workspace again', 20_000);
    const b = await member(secret, [keeper.url]);
    await waitFor(() => texts(b.workspace, a.topic).length === 1, 'B gets what the keeper had dropped');
    await b.close();

    // The keeper loses its disk: a new, empty data folder on the same address.
    await keeper.stop();
    await rm(keeper.data, { recursive: true, force: true });
    const fresh = await startKeeperProcess({ port: keeper.port });
    cleanups.push(() => fresh.stop());
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'Two' });
    await waitFor(() => a.connection.snapshot().status.kind === 'up-to-date', 'A is back in step with the keeper', 30_000);
    const c = await member(secret, [fresh.url]);
    await waitFor(() => texts(c.workspace, a.topic).length === 2, 'C, new, gets everything from the new keeper', 30_000);
    expect(texts(c.workspace, a.topic)).toEqual(['One', 'Two']);
    expect(c.workspace.problems()).toEqual([]);
  });

  it('says plainly when the keeper cannot be reached, keeps the edits, and sends them when it is back', async () => {
    const keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const proxy = await startTcpProxy({ port: keeper.port });
    cleanups.push(() => proxy.stop());
    const secret = newSecret();
    const a = await founder(secret, [proxy.url]);
    proxy.down();
    a.workspace.focusPoints.add({ topicId: a.topic, text: 'Written while the keeper was away' });
    await waitFor(() => a.connection.snapshot().status.kind === 'unreachable', 'A says the keeper cannot be reached', 20_000);
    expect(a.connection.snapshot().status).toEqual({ kind: 'unreachable', addresses: [proxy.url] });
    proxy.up();
    await waitFor(() => a.connection.snapshot().status.kind === 'up-to-date', 'A is in step again', 40_000);
    const b = await member(secret, [keeper.url]);
    await waitFor(() => texts(b.workspace, a.topic).length === 1, 'B gets the edit that waited');
  }, 90_000);

  it('a keeper refuses a token that does not match the document', async () => {
    const keeper = await startKeeperProcess({});
    cleanups.push(() => keeper.stop());
    const keys = await deriveKeeperKeys(newSecret());
    const other = await deriveKeeperKeys(newSecret());
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: keeper.url, WebSocketPolyfill: WebSocket });
    let refused = false;
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: keys.documentName, token: other.token, document: doc, awareness: null, onAuthenticationFailed: () => (refused = true) });
    provider.attach();
    cleanups.push(() => {
      provider.destroy();
      socket.destroy();
    });
    await waitFor(() => refused, 'the keeper refused');
    expect(provider.isSynced).toBe(false);
  });
});
