import { createCipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, sign } from 'node:crypto';
import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import { afterEach, describe, expect, it } from 'vitest';
import { SealedLog, Workspace, coveredStateVector, encodeDeletions, readUpdate } from '../../src/model';
import { deriveAccess } from '../../src/sync/access';
import { canWrite, deriveKeeperKeys, keeperDocumentName, keeperDocumentNameV2, keeperToken, newEntryId, sealEntry, unsealEntry, type KeeperKeys } from '../../src/sync/keeper/keys';
import { KeeperSync, memoryInMemory, type KeeperMemoryStore, type KeeperTuning } from '../../src/sync/keeper/sync';
import { Prng } from './helpers';

/**
 * The member's side of the keeper (src/sync/keeper/sync.ts) with the keeper played by a plain
 * SealedLog: members' logs and the keeper's exchange state-vector diffs when a test says so, as
 * a Hocuspocus provider does on connecting. Nothing moves in between: edits are concurrent.
 */

const SECRET = 'Lj2k9sQw-TkX3vNa0bYc7dEf';
/** Version 2: an edit secret, its view link and the writers' keys (src/sync/access.ts). */
const EDIT_SECRET = 'Lj2k9sQw-TkX3vNa0bYc7dEf';

async function writerKeys(secret = EDIT_SECRET): Promise<KeeperKeys> {
  const access = await deriveAccess({ kind: 'edit', secret });
  return deriveKeeperKeys(access.shared, access.writers);
}

/** The same workspace as a view link's holder has it: it reads, it cannot sign. */
async function viewerKeys(secret = EDIT_SECRET): Promise<KeeperKeys> {
  const edit = await deriveAccess({ kind: 'edit', secret });
  const view = await deriveAccess({ kind: 'view', secret: edit.view!.secret, verifyKey: edit.view!.verifyKey });
  return deriveKeeperKeys(view.shared, view.writers);
}

/** A version 1 entry sealed with a version 2 log's own sealing key: what an old client, or a viewer, could make. */
function asVersion1(keys: KeeperKeys): KeeperKeys {
  return { ...keys, version: 1, writers: null };
}
// Large bounds and timers: these tests compact and catch up by calling the methods themselves.
const QUIET: Partial<KeeperTuning> = { flushMs: 1_000_000, catchUpMs: 1_000_000, compactEntries: 1_000_000, compactBytes: 1 << 30, compactJitterMs: 0 };

class Keeper {
  readonly log = new SealedLog();
  exchange(log: SealedLog): void {
    const toKeeper = Y.encodeStateAsUpdate(log.doc, Y.encodeStateVector(this.log.doc));
    const toMember = Y.encodeStateAsUpdate(this.log.doc, Y.encodeStateVector(log.doc));
    Y.applyUpdate(this.log.doc, toKeeper, 'member');
    Y.applyUpdate(log.doc, toMember, 'keeper');
  }
  /** A keeper that loses entries (a bad disk, a bad operator). */
  drop(ids: string[]): void {
    this.log.doc.transact(() => {
      for (const id of ids) this.log.doc.getMap('entries').delete(id);
    }, 'dropped');
  }
  /** Anything anyone with the token could add: the keeper's operator, say. */
  put(id: string, value: unknown): void {
    this.log.doc.getMap('entries').set(id, value);
  }
}

class Member {
  workspace: Workspace;
  sync!: KeeperSync;
  readonly log = new SealedLog();
  readonly memory: KeeperMemoryStore = memoryInMemory();
  constructor(
    readonly keys: KeeperKeys,
    readonly keeper: Keeper,
    workspace = new Workspace(),
    private readonly tuning: Partial<KeeperTuning> = QUIET,
    private readonly random: () => number = Math.random,
  ) {
    this.workspace = workspace;
  }
  async start(): Promise<this> {
    this.sync = new KeeperSync({ keys: this.keys, workspace: this.workspace, log: this.log, memory: this.memory, tuning: this.tuning, random: this.random });
    await this.sync.start();
    return this;
  }
  /** Talk to the keeper: send and receive, then let the member read what came. */
  async connect(): Promise<void> {
    await this.sync.flush();
    this.keeper.exchange(this.log);
    this.sync.setSynced(true);
    await this.sync.idle();
    this.keeper.exchange(this.log);
    await this.sync.idle();
  }
  /**
   * Close the tab and open it again: the stored workspace (a new client id), the stored log.
   * A tab closed as browsers do stashes what it had not sealed (pagehide); a crash does not.
   */
  async restart(how: 'closed' | 'crashed' = 'crashed'): Promise<void> {
    if (how === 'closed') this.sync.stash();
    this.sync.destroy();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.workspace.doc), 'storage');
    this.workspace.destroy();
    this.workspace = new Workspace(doc);
    await this.start();
  }
  stop(): void {
    this.sync.destroy();
    this.workspace.destroy();
  }
}

const members: Member[] = [];
afterEach(() => {
  for (const member of members.splice(0)) member.stop();
});

async function group(
  count: number,
  keeper = new Keeper(),
  tuning: Partial<KeeperTuning> = QUIET,
  random?: () => number,
  keysPromise: Promise<KeeperKeys> = deriveKeeperKeys(SECRET),
): Promise<{ keeper: Keeper; members: Member[] }> {
  const keys = await keysPromise;
  const made: Member[] = [];
  for (let i = 0; i < count; i++) {
    const member = await new Member(keys, keeper, new Workspace(), tuning, random).start();
    made.push(member);
    members.push(member);
  }
  return { keeper, members: made };
}

function content(workspace: Workspace) {
  return {
    name: workspace.meta().name,
    topics: workspace.topics.list().map((topic) => ({ title: topic.title, points: workspace.focusPoints.ofTopic(topic.id).map((p) => [p.text, p.status]) })),
  };
}

describe('keeper keys and sealing (docs/keeper.md test vectors)', () => {
  it('derives the document name and token from the secret, and seals as the contract says', async () => {
    const keys = await deriveKeeperKeys(SECRET);
    expect(keys.token).toBe('LLvN8dagKRzxehrBfOIzpk09EPU2Sfx_D_AHiWmFQWo');
    expect(keys.documentName).toBe('tavola-k1-FWlfTWTZbAdnxiNXzSdGAkVSj1rdcoCo5XqUTk0Lsm4');
    expect(await keeperDocumentName(keys.token)).toBe(keys.documentName);
    // Neither the secret nor the WebRTC room name appears in what the keeper sees.
    expect(keys.documentName).not.toContain(SECRET);
    expect(keys.token).not.toContain(SECRET);
    const sealed = await sealEntry(keys, 'AAAAAAAAAAAAAAAAAAAAAA', 'changes', new Uint8Array([0, 0]), new Uint8Array(12));
    expect(Buffer.from(sealed).toString('hex')).toBe('01000000000000000000000000177d7161be37d422706747713bd9a5ab4136ed');
    expect(await unsealEntry(keys, 'AAAAAAAAAAAAAAAAAAAAAA', sealed)).toEqual({ kind: 'changes', update: new Uint8Array([0, 0]) });
  });

  it('refuses an entry moved under another id, into another workspace, tampered with, or sealed with another key', async () => {
    const keys = await deriveKeeperKeys(SECRET);
    const other = await deriveKeeperKeys('another-secret-of-24-chars');
    const update = Y.encodeStateAsUpdate(new Workspace().doc);
    const id = newEntryId();
    const sealed = await sealEntry(keys, id, 'snapshot', update);
    expect((await unsealEntry(keys, id, sealed))?.kind).toBe('snapshot');
    expect(await unsealEntry(keys, newEntryId(), sealed)).toBeNull();
    expect(await unsealEntry({ ...keys, documentName: other.documentName }, id, sealed)).toBeNull();
    expect(await unsealEntry(other, id, sealed)).toBeNull();
    const tampered = sealed.slice();
    tampered[20] = tampered[20]! ^ 1;
    expect(await unsealEntry(keys, id, tampered)).toBeNull();
    expect(await unsealEntry(keys, id, new Uint8Array(3))).toBeNull();
    // Two seals of the same change never share a nonce.
    const again = await sealEntry(keys, id, 'snapshot', update);
    expect(Buffer.from(again.subarray(1, 13)).equals(Buffer.from(sealed.subarray(1, 13)))).toBe(false);
  });
});

/**
 * Version 2, computed here a second time with Node's own crypto (HKDF, Ed25519, AES-GCM) rather
 * than WebCrypto, from the contract's text alone (docs/keeper.md, "Version 2").
 */
function independentV2(editSecret: string, seconds: string) {
  const hkdf = (ikm: string, salt: string, info: string) => Buffer.from(hkdfSync('sha256', Buffer.from(ikm), Buffer.from(salt), Buffer.from(info), 32));
  const viewSecret = hkdf(editSecret, 'tavola/link/v2', 'tavola view secret').toString('base64url');
  const seed = hkdf(editSecret, 'tavola/link/v2', 'tavola signing key');
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const verifyKey = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  const token = hkdf(viewSecret, 'tavola/keeper/v2', 'tavola keeper token').toString('base64url');
  const key = hkdf(viewSecret, 'tavola/keeper/v2', 'tavola keeper sealing key');
  const documentName = `tavola-k2-${createHash('sha256').update(`tavola/keeper/document/v2/${token}/${verifyKey}`).digest('base64url')}`;
  const proof = sign(null, Buffer.from(`tavola/keeper/writer/v2\0${documentName}\0${seconds}`), privateKey).toString('base64url');
  const seal = (entryId: string, plaintext: Buffer, nonce: Buffer) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.from(`tavola/keeper/entry/v2\0${documentName}\0${entryId}`));
    const body = Buffer.concat([Buffer.from([2]), nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return Buffer.concat([body, sign(null, Buffer.concat([Buffer.from(`tavola/keeper/entry/v2\0${documentName}\0${entryId}\0`), body]), privateKey)]);
  };
  return { viewSecret, verifyKey, token, documentName, writerToken: `${token}.${verifyKey}.${seconds}.${proof}`, seal };
}

const V2 = {
  viewSecret: 'n7OtvRHZGGTWA0D-WMfkYQDLs0D_kj3jHy1pspxPmKg',
  verifyKey: 'xyp50gehPG8gq9J30VTBI73o7EKglgZIpyLxmJplqxc',
  token: 'q7n3yQp2LQPNca1c7rQ6jufzLyYVVWkHKelPCrV6qlk',
  documentName: 'tavola-k2-2kZexNSBdJL4JQrz4NYi0yXWg_2NfFVUXgJ-QNPfbqs',
  writerProof: '1764000000.xG6x2ThSkOtyeXYXYolPlaMF_Itz5EvDgj7D_0ViFhryz9nSspTSCSZGIrxzAb6W08dZ7wiW6GGwmM8qyx0uBg',
  ciphertext: '8f4a398c0c450048303012d8d06afb91e6bebe',
  signature: 'eee837f39748f5edcb4161ace7aadff2c9e5453a41185bbf5c6b3d54239e2a66fc92e03c0f854c6ef8b4fb2c5ced2e89925aadb29ebf055a902ac2357fe13601',
};

describe('keeper version 2: a workspace with writers (docs/keeper.md test vectors)', () => {
  it('derives the token, the document name and the tokens sent from the view secret and the verify key, as Node’s crypto does', async () => {
    const writer = await writerKeys();
    const viewer = await viewerKeys();
    const node = independentV2(EDIT_SECRET, '1764000000');
    expect(node).toMatchObject({ viewSecret: V2.viewSecret, verifyKey: V2.verifyKey, token: V2.token, documentName: V2.documentName, writerToken: `${V2.token}.${V2.verifyKey}.${V2.writerProof}` });
    for (const keys of [writer, viewer]) {
      expect(keys).toMatchObject({ version: 2, token: V2.token, documentName: V2.documentName });
      expect(keys.writers?.verifyKeyText).toBe(V2.verifyKey);
    }
    expect(await keeperDocumentNameV2(V2.token, V2.verifyKey)).toBe(V2.documentName);
    // The same view secret without writers is another log: version 1 names never open version 2 logs.
    expect((await deriveKeeperKeys(V2.viewSecret)).documentName).not.toBe(V2.documentName);
    expect(await keeperToken(writer, 1_764_000_000_123)).toBe(`${V2.token}.${V2.verifyKey}.${V2.writerProof}`);
    expect(await keeperToken(viewer)).toBe(`${V2.token}.${V2.verifyKey}`);
    expect([canWrite(writer), canWrite(viewer), canWrite(await deriveKeeperKeys(SECRET))]).toEqual([true, false, true]);
    // Nothing the keeper sees holds the edit secret or the view secret.
    for (const seen of [V2.documentName, await keeperToken(writer)]) {
      expect(seen).not.toContain(EDIT_SECRET);
      expect(seen).not.toContain(V2.viewSecret);
    }
  });

  it('seals a signed entry as the contract says; a viewer unseals it and cannot seal', async () => {
    const writer = await writerKeys();
    const viewer = await viewerKeys();
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    const sealed = await sealEntry(writer, id, 'changes', new Uint8Array([0, 0]), new Uint8Array(12));
    const expected = `02${'00'.repeat(12)}${V2.ciphertext}${V2.signature}`;
    expect(Buffer.from(sealed).toString('hex')).toBe(expected);
    expect(independentV2(EDIT_SECRET, '0').seal(id, Buffer.from([0, 0, 0]), Buffer.alloc(12)).toString('hex')).toBe(expected);
    expect(await unsealEntry(viewer, id, sealed)).toEqual({ kind: 'changes', update: new Uint8Array([0, 0]) });
    expect(await unsealEntry(writer, id, sealed)).toEqual({ kind: 'changes', update: new Uint8Array([0, 0]) });
    await expect(sealEntry(viewer, id, 'changes', new Uint8Array([0, 0]))).rejects.toThrow(/view holder/);
  });

  it('ignores a version 1 entry, an unsigned one, a forged signature and a signature made for another entry id', async () => {
    const writer = await writerKeys();
    const viewer = await viewerKeys();
    const update = Y.encodeStateAsUpdate(new Workspace().doc);
    const id = newEntryId();
    const good = await sealEntry(writer, id, 'snapshot', update);
    expect((await unsealEntry(viewer, id, good))?.kind).toBe('snapshot');
    // Sealed with the log's own key (a viewer has it), in version 1.
    const v1 = await sealEntry(asVersion1(viewer), id, 'changes', update);
    expect(await unsealEntry(asVersion1(viewer), id, v1)).not.toBeNull();
    expect(await unsealEntry(writer, id, v1)).toBeNull();
    // Version 2 without its signature, with none, with zeros, with another key's, moved to another id.
    const body = good.subarray(0, good.byteLength - 64);
    const withSignature = (signature: Uint8Array) => Uint8Array.from([...body, ...signature]);
    const other = generateKeyPairSync('ed25519').privateKey;
    const prefix = Buffer.from(`tavola/keeper/entry/v2\0${writer.documentName}\0${id}\0`);
    const forged = [
      body,
      withSignature(new Uint8Array(64)),
      withSignature(sign(null, Buffer.concat([prefix, body]), other)),
      // A bit flipped in the ciphertext: the signature no longer holds (and neither would the tag).
      Uint8Array.from(good, (byte, i) => (i === 20 ? byte ^ 1 : byte)),
    ];
    for (const [i, sealed] of forged.entries()) expect(await unsealEntry(writer, id, sealed), `forgery ${i}`).toBeNull();
    expect(await unsealEntry(writer, newEntryId(), good)).toBeNull();
    // Another workspace with writers: another verify key.
    expect(await unsealEntry(await writerKeys('another-edit-secret-000'), id, good)).toBeNull();
    // And a version 1 log reads no version 2 entry.
    expect(await unsealEntry(asVersion1(writer), id, good)).toBeNull();
  });

  it('a viewer reads what writers seal, seals nothing of its own, never catches up nor compacts; its forged entries are ignored and counted', async () => {
    const keeper = new Keeper();
    const { members: [a, b] } = await group(2, keeper, QUIET, undefined, writerKeys());
    const { members: [v] } = await group(1, keeper, QUIET, undefined, viewerKeys());
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    a!.workspace.focusPoints.add({ topicId: topic, text: 'From a writer' });
    await a!.connect();
    await v!.connect();
    expect(content(v!.workspace)).toEqual(content(a!.workspace));
    expect(v!.sync.writes).toBe(false);
    // A modified viewer edits its own copy: nothing is sealed, checked for or compacted.
    v!.workspace.focusPoints.add({ topicId: topic, text: 'From the viewer' });
    await v!.sync.flush();
    await v!.sync.catchUpNow();
    await v!.sync.catchUpNow();
    expect(await v!.sync.compactNow(true)).toBe(false);
    await v!.connect();
    expect(v!.sync.stats()).toMatchObject({ sealed: 0, compactions: 0, pending: 0 });
    // And entries it makes with the log's key anyway: version 1, unsigned, a writer's entry moved.
    const since = a!.workspace.stateVector();
    const update = v!.workspace.encodeStateSince(since);
    const [writersId] = keeper.log.ids();
    const [v1Id, unsignedId, movedId, zerosId] = [newEntryId(), newEntryId(), newEntryId(), newEntryId()];
    keeper.put(v1Id, await sealEntry(asVersion1(v!.keys), v1Id, 'changes', update));
    // What a writer's entry would be without its signature (the viewer cannot make one: sealed here with a writer's key, then cut).
    keeper.put(unsignedId, (await sealEntry(a!.keys, unsignedId, 'changes', update)).slice(0, -64));
    keeper.put(zerosId, Uint8Array.from([...(await sealEntry(a!.keys, zerosId, 'changes', update)).slice(0, -64), ...new Uint8Array(64)]));
    keeper.put(movedId, keeper.log.get(writersId!)!);
    await b!.connect();
    await a!.connect();
    expect(b!.sync.stats().unreadable).toBe(4);
    expect(content(b!.workspace)).toEqual(content(a!.workspace));
    expect(a!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['From a writer']);
  });
});

describe('KeeperSync', () => {
  it('carries A’s work to B, who is never online at the same time, and B’s back to A', async () => {
    const { members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports working group' });
    const topic = a!.workspace.topics.add('Organised crime in ports');
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Share container risk profiles' });
    await a!.connect();
    expect(a!.sync.stats()).toMatchObject({ unreadable: 0, pending: 0 });

    await b!.connect();
    expect(content(b!.workspace)).toEqual(content(a!.workspace));
    b!.workspace.focusPoints.add({ topicId: topic, text: 'Joint inspections in Rotterdam' });
    await b!.connect();

    await a!.connect();
    expect(a!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['Share container risk profiles', 'Joint inspections in Rotterdam']);
  });

  it('seals what is typed in the rich-text editor (y-prosemirror writes with its own key as origin) at once', async () => {
    const { members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const id = a!.workspace.practices.add({ title: 'Port security pact' });
    await a!.connect();
    await b!.connect();
    const fragment = a!.workspace.practices.section(id, 'context')!.bindFragment();
    a!.workspace.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Typed in the editor')]);
      fragment.insert(fragment.length, [paragraph]);
    }, ySyncPluginKey);
    expect(a!.sync.stats().pending).toBeGreaterThan(0);
    await a!.connect();
    await b!.connect();
    expect(b!.workspace.practices.get(id)?.context).toBe('Typed in the editor');
  });

  it('seals only its own changes, and nothing doubles when a change also came over WebRTC', async () => {
    const { keeper, members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    await b!.connect();
    const before = keeper.log.size;
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Both ways' });
    // B gets it over WebRTC first, then A's entry from the keeper.
    Y.applyUpdate(b!.workspace.doc, Y.encodeStateAsUpdate(a!.workspace.doc, Y.encodeStateVector(b!.workspace.doc)), 'webrtc');
    await a!.connect();
    await b!.connect();
    expect(keeper.log.size).toBe(before + 1);
    expect(b!.sync.stats().sealed).toBe(0);
    expect(b!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['Both ways']);
  });

  it('ignores and counts garbage, replays, moved entries and another workspace’s entries; every document stays whole', async () => {
    const { keeper, members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Kept' });
    await a!.connect();
    const [realId] = keeper.log.ids();
    const real = keeper.log.get(realId!)!;
    const other = await deriveKeeperKeys('another-secret-of-24-chars');
    keeper.put(newEntryId(), new Uint8Array([1, 2, 3, 4]));
    keeper.put(newEntryId(), crypto.getRandomValues(new Uint8Array(300)));
    keeper.put(newEntryId(), 'not even bytes');
    keeper.put(newEntryId(), real); // the same bytes under another id
    keeper.put(newEntryId(), await sealEntry(other, 'x', 'changes', Y.encodeStateAsUpdate(new Y.Doc())));
    // A link holder sealing something that is not a Yjs update.
    const badId = newEntryId();
    keeper.put(badId, await sealEntry(a!.keys, badId, 'changes', new Uint8Array([9, 9, 9, 9, 9])));
    await b!.connect();
    expect(b!.sync.stats().unreadable).toBe(6);
    expect(content(b!.workspace)).toEqual(content(a!.workspace));
    expect(b!.workspace.problems()).toEqual([]);
    // A replay: the same entry again after it was compacted away applies nothing new.
    await b!.sync.compactNow(true);
    await b!.connect();
    expect(keeper.log.has(realId!)).toBe(false);
    keeper.put(realId!, real);
    await a!.connect();
    expect(content(a!.workspace)).toEqual(content(b!.workspace));
    expect(a!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['Kept']);
  });

  it('brings a whole workspace to a keeper that has none of it, at the first check', async () => {
    const keys = await deriveKeeperKeys(SECRET);
    const keeper = new Keeper();
    const existing = new Workspace();
    existing.initialise({ name: 'Made before the keeper' });
    existing.topics.add('Old topic');
    const a = await new Member(keys, keeper, existing).start();
    members.push(a);
    await a.connect();
    expect(a.sync.stats().sealed).toBe(1);
    const { members: [b] } = await group(1, keeper);
    await b!.connect();
    expect(content(b!.workspace)).toEqual(content(existing));
    // A new member brings nothing back: the keeper has it all.
    expect(b!.sync.stats().sealed).toBe(0);
    await b!.sync.catchUpNow();
    await b!.sync.catchUpNow();
    expect(b!.sync.stats().sealed).toBe(0);
  });

  it('brings the whole workspace at its first check when its log holds only its own entries that no keeper ever took (a refusing keeper, then one that accepts)', async () => {
    const keys = await deriveKeeperKeys(SECRET);
    const keeper = new Keeper();
    const existing = new Workspace();
    existing.initialise({ name: 'Made before the keeper' });
    const topic = existing.topics.add('Old topic');
    const a = await new Member(keys, keeper, existing).start();
    members.push(a);
    // Sealed while the keeper refused: the entry holds the point alone.
    a.workspace.focusPoints.add({ topicId: topic, text: 'Written while refused' });
    await a.sync.flush();
    await a.restart();
    await a.connect();
    const { members: [b] } = await group(1, keeper);
    await b!.connect();
    expect(content(b!.workspace)).toEqual(content(a.workspace));
  });

  it('seals, at its second check, what a partner without a keeper sent over WebRTC', async () => {
    const { keeper, members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    await b!.connect();
    const noKeeper = new Workspace();
    Y.applyUpdate(noKeeper.doc, Y.encodeStateAsUpdate(a!.workspace.doc), 'webrtc');
    noKeeper.focusPoints.add({ topicId: topic, text: 'From a partner with no keeper' });
    Y.applyUpdate(a!.workspace.doc, Y.encodeStateAsUpdate(noKeeper.doc), 'webrtc');
    const sealed = a!.sync.stats().sealed;
    await a!.sync.catchUpNow();
    expect(a!.sync.stats().sealed).toBe(sealed);
    await a!.sync.catchUpNow();
    expect(a!.sync.stats().sealed).toBe(sealed + 1);
    await a!.connect();
    await b!.connect();
    expect(b!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['From a partner with no keeper']);
    expect(keeper.log.size).toBeGreaterThan(0);
    noKeeper.destroy();
  });

  it('heals a keeper that dropped entries, and a batch lost when a tab closed before sealing it', async () => {
    const { keeper, members: [a, b, c] } = await group(3);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    a!.workspace.focusPoints.add({ topicId: topic, text: 'One' });
    await a!.connect();
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Two' });
    await a!.connect();
    keeper.drop(keeper.log.ids().slice(-1));
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Three, never sealed' });
    await a!.restart();
    await a!.connect();
    await b!.connect();
    expect(b!.workspace.problems()).toEqual([]);
    // Two checks later, A has sealed again what the keeper lost and what the closed tab never sealed.
    await a!.sync.catchUpNow();
    await a!.sync.catchUpNow();
    await a!.connect();
    await c!.connect();
    expect(c!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['One', 'Two', 'Three, never sealed']);
  });

  it('seals again, at its second check, a deletion that never reached the log (a crash before sealing, an entry the keeper dropped)', async () => {
    const { keeper, members: [a, b, c] } = await group(3);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    const point = a!.workspace.focusPoints.add({ topicId: topic, text: 'Count the cruise calls' });
    await a!.connect();
    await b!.connect();
    // Only deletions: no new clock, so comparing state vectors alone never finds them. A's tab
    // crashes before sealing hers; the keeper loses B's entry.
    a!.workspace.focusPoints.textOf(point)!.set('Count the calls');
    await a!.restart('crashed');
    const before = new Set(keeper.log.ids());
    b!.workspace.focusPoints.textOf(point)!.set('Count cruise calls');
    await b!.connect();
    keeper.drop(keeper.log.ids().filter((id) => !before.has(id)));
    await a!.connect();
    await c!.connect();
    expect(c!.workspace.focusPoints.get(point)?.text).toBe('Count the cruise calls');
    // The first check (on connecting) notes what is missing, the second seals it.
    await a!.sync.catchUpNow();
    await a!.connect();
    // B learns that its entry is gone when it next talks to the keeper.
    await b!.connect();
    await b!.sync.catchUpNow();
    await b!.sync.catchUpNow();
    await b!.connect();
    await c!.connect();
    expect(c!.workspace.focusPoints.get(point)?.text).toBe('Count calls');
    await a!.connect();
    expect(c!.workspace.focusPoints.get(point)?.text).toBe(a!.workspace.focusPoints.get(point)?.text);
    expect(c!.workspace.focusPoints.get(point)?.text).toBe(b!.workspace.focusPoints.get(point)?.text);
    expect(c!.workspace.focusPoints.get(point)?.text).not.toBe('Count the cruise calls');
  });

  it('reads the clocks an update holds without its gaps: a snapshot of a copy with changes waiting for others does not claim them', () => {
    const source = new Workspace();
    source.initialise({ name: 'Ports' });
    const first = source.encodeState();
    const vector = source.stateVector();
    const topic = source.topics.add('Ports');
    const middle = source.encodeStateSince(vector);
    const vector2 = source.stateVector();
    source.focusPoints.add({ topicId: topic, text: 'Later' });
    const last = source.encodeStateSince(vector2);
    // A copy that has the first and last changes but not the middle one: the last waits (pending).
    const copy = new Workspace();
    copy.applyUpdate(first, 'test');
    copy.applyUpdate(last, 'test');
    const snapshot = copy.encodeState();
    const { span } = readUpdate(snapshot);
    const client = source.clientId;
    const ranges = span.get(client)!;
    expect(ranges.length).toBe(2);
    expect(coveredStateVector([span]).get(client)).toBe(vector.get(client));
    // With the middle change too, it covers everything up to the source's clock.
    expect(coveredStateVector([span, readUpdate(middle).span]).get(client)).toBe(source.stateVector().get(client));
    // And deletions are read: a text shortened, as ranges of the deleted clocks.
    const text = source.focusPoints.textOf(source.focusPoints.ofTopic(topic)[0]!.id)!;
    const before = source.stateVector();
    text.set('Lat');
    const deletions = readUpdate(source.encodeStateSince(before));
    expect(deletions.span.size).toBe(0);
    expect([...deletions.deletes.values()].flat().reduce((sum, [from, to]) => sum + to - from, 0)).toBe(2);
    const alone = encodeDeletions(deletions.deletes);
    const other = new Workspace();
    other.applyUpdate(first, 'test');
    other.applyUpdate(middle, 'test');
    other.applyUpdate(last, 'test');
    other.applyUpdate(alone, 'test');
    expect(other.focusPoints.ofTopic(topic)[0]!.text).toBe('Lat');
  });

  it('applies again an entry remembered as applied whose changes the stored workspace lost (a tab closed before IndexedDB wrote them)', async () => {
    const { members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    await b!.connect();
    expect(b!.sync.stats().applied).toBe(1);
    // B's memory says applied; its stored workspace came back empty.
    b!.sync.destroy();
    b!.workspace.destroy();
    b!.workspace = new Workspace();
    await b!.start();
    await b!.connect();
    expect(b!.workspace.topics.get(topic)?.title).toBe('Ports');
    // And an entry it really holds is not applied twice.
    await b!.restart();
    await b!.connect();
    expect(b!.sync.stats().applied).toBe(0);
  });

  it('a tab that closes before sealing a deletion stashes it, and the next session seals it', async () => {
    const { members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    const point = a!.workspace.focusPoints.add({ topicId: topic, text: 'Shore power now' });
    await a!.connect();
    // Only deletions: no new characters, so the state vector does not move.
    a!.workspace.focusPoints.textOf(point)!.set('Shore power');
    expect(a!.sync.stats().pending).toBe(1);
    await a!.restart('closed');
    await a!.sync.idle();
    await a!.connect();
    await b!.connect();
    expect(b!.workspace.focusPoints.get(point)?.text).toBe('Shore power');
  });

  it('remembers, across a reload, that its entries have not reached a keeper yet, and when they did', async () => {
    const { members: [a] } = await group(1);
    a!.workspace.initialise({ name: 'Ports' });
    await a!.sync.flush();
    expect(a!.sync.unsent).toBe(true);
    // Closed before any keeper acknowledged it.
    await a!.restart();
    expect(a!.sync.unsent).toBe(true);
    expect(a!.sync.reachedAt).toBeNull();
    a!.sync.markReached(1_000);
    expect(a!.sync).toMatchObject({ unsent: false, reachedAt: 1_000 });
    // Nothing new: a later acknowledgement does not move the time.
    a!.sync.markReached(2_000);
    expect(a!.sync.reachedAt).toBe(1_000);
    await a!.restart();
    expect(a!.sync).toMatchObject({ unsent: false, reachedAt: 1_000 });
  });

  it('two members compacting at once lose nothing, and a third one’s concurrent entry stays', async () => {
    const { keeper, members: [a, b, c] } = await group(3);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    for (const member of [a!, b!, c!]) await member.connect();
    for (let i = 0; i < 5; i++) {
      for (const [n, member] of [a!, b!, c!].entries()) {
        member.workspace.focusPoints.add({ topicId: topic, text: `p${i}-${n}` });
        await member.connect();
      }
    }
    const before = keeper.log.size;
    // A and B each have something the other has not seen; C adds during their compaction.
    a!.workspace.focusPoints.add({ topicId: topic, text: 'only A saw this' });
    await a!.sync.flush();
    b!.workspace.focusPoints.add({ topicId: topic, text: 'only B saw this' });
    await b!.sync.flush();
    c!.workspace.focusPoints.add({ topicId: topic, text: 'C, meanwhile' });
    await c!.sync.flush();
    expect(await a!.sync.compactNow(true)).toBe(true);
    expect(await b!.sync.compactNow(true)).toBe(true);
    keeper.exchange(c!.log);
    keeper.exchange(a!.log);
    keeper.exchange(b!.log);
    // Two snapshots, C's entry of meanwhile, and C's last entry of the rounds, which neither A nor B had read.
    expect(keeper.log.size).toBe(4);
    expect(keeper.log.size).toBeLessThan(before);
    const { members: [d] } = await group(1, keeper);
    await d!.connect();
    const texts = d!.workspace.focusPoints.ofTopic(topic).map((p) => p.text);
    expect(texts).toHaveLength(18);
    expect(texts).toEqual(expect.arrayContaining(['only A saw this', 'only B saw this', 'C, meanwhile']));
    // The next compaction makes it one snapshot again.
    expect(await d!.sync.compactNow(false)).toBe(true);
    keeper.exchange(d!.log);
    expect(keeper.log.size).toBe(1);
  });

  it('compacts by itself when the log grows past its bounds', async () => {
    const { keeper, members: [a, b] } = await group(2, new Keeper(), { ...QUIET, compactEntries: 10 });
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    for (let i = 0; i < 25; i++) {
      a!.workspace.focusPoints.add({ topicId: topic, text: `point ${i}` });
      await a!.connect();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await a!.sync.idle();
    }
    await a!.connect();
    expect(a!.sync.stats().compactions).toBeGreaterThan(0);
    expect(keeper.log.size).toBeLessThanOrEqual(11);
    await b!.connect();
    expect(b!.workspace.focusPoints.ofTopic(topic)).toHaveLength(25);
  });
});

/**
 * Seeded random runs over every operation a member and a keeper can do: edit, seal, talk to the
 * keeper, hear a partner over WebRTC, compact, check for gaps, close the tab before sealing, and
 * a keeper that drops entries or holds garbage. At the end everyone talks to the keeper only, and
 * every copy must hold everything anyone wrote, with or without a last compaction.
 *
 * Even seeds run a workspace with writers (version 2) and a modified viewer beside the three
 * writers: it reads, hears writers over WebRTC, and puts entries into the keeper's log anyway
 * (version 1, unsigned, signed with another key, a writer's entry moved) and deletes writers'
 * entries, as a keeper that took its writes would hold them (a real keeper refuses them). Nobody
 * may end with anything of the viewer's, and the viewer must end with everything.
 */
describe('keeper fuzz', () => {
  const otherSigningKey = crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
  // TAVOLA_KEEPER_FUZZ_RUNS=5000 npx vitest run --project unit tests/unit/keeper-sync.test.ts for a long run.
  const RUNS = Number(process.env.TAVOLA_KEEPER_FUZZ_RUNS ?? 120);
  it(`${RUNS} seeded runs: every member ends with everything, through the keeper alone`, async () => {
    const failures: string[] = [];
    const only = process.env.TAVOLA_KEEPER_FUZZ_SEED ? Number(process.env.TAVOLA_KEEPER_FUZZ_SEED) : null;
    for (let seed = only ?? 1; seed <= (only ?? RUNS); seed++) {
      const rng = new Prng(seed);
      const compactAtEnd = rng.bool();
      const signed = seed % 2 === 0;
      const { keeper, members: crew } = await group(3, new Keeper(), QUIET, () => rng.next(), signed ? writerKeys() : deriveKeeperKeys(SECRET));
      const viewer = signed ? (await group(1, keeper, QUIET, () => rng.next(), viewerKeys())).members[0]! : null;
      crew[0]!.workspace.initialise({ name: 'Fuzz' });
      const topic = crew[0]!.workspace.topics.add('Fuzz');
      const ops: string[] = [];
      const viewerOps = viewer ? ['view', 'forge', 'forge', 'vdelete', 'toviewer'] : [];
      for (let step = 0; step < 40; step++) {
        const m = crew[rng.int(0, crew.length - 1)]!;
        const op = rng.pick(['edit', 'edit', 'edit', 'text', 'flush', 'connect', 'connect', 'webrtc', 'compact', 'catchup', 'close', 'crash', 'drop', 'garbage', ...viewerOps]);
        ops.push(`${crew.indexOf(m)}:${op}`);
        if (viewer && viewerOps.includes(op)) {
          if (op === 'view') await viewer.connect();
          else if (op === 'toviewer') Y.applyUpdate(viewer.workspace.doc, Y.encodeStateAsUpdate(m.workspace.doc, Y.encodeStateVector(viewer.workspace.doc)), 'webrtc');
          else if (op === 'vdelete' && keeper.log.size > 0) keeper.drop([rng.pick(keeper.log.ids())]);
          else if (op === 'forge') {
            const id = rng.id();
            const how = rng.pick(['v1', 'unsigned', 'other-key', 'moved']);
            if (how === 'moved') {
              if (keeper.log.size > 0) keeper.put(id, keeper.log.get(rng.pick(keeper.log.ids())) ?? new Uint8Array(1));
            } else {
              const copy = new Workspace(new Y.Doc());
              copy.applyUpdate(viewer.workspace.encodeState(), 'test');
              const before = copy.stateVector();
              if (copy.topics.get(topic)) copy.focusPoints.add({ topicId: topic, text: `VIEWER ${step}` });
              else copy.topics.add(`VIEWER ${step}`);
              const update = copy.encodeStateSince(before);
              copy.destroy();
              const forger = { ...viewer.keys, writers: { ...viewer.keys.writers!, signingKey: (await otherSigningKey).privateKey } };
              const sealed = how === 'v1' ? await sealEntry(asVersion1(viewer.keys), id, 'changes', update) : await sealEntry(forger, id, 'changes', update);
              keeper.put(id, how === 'unsigned' ? sealed.slice(0, -64) : sealed);
            }
          }
          continue;
        }
        const received = m.workspace.topics.list().length > 0;
        if (op === 'edit' && received) m.workspace.focusPoints.add({ topicId: topic, text: rng.word() });
        else if (op === 'text' && received) {
          const points = m.workspace.focusPoints.ofTopic(topic);
          if (points.length > 0) {
            const point = rng.pick(points);
            const text = m.workspace.focusPoints.textOf(point.id)!;
            text.set(rng.bool() ? `${point.text}${rng.word()}` : [...point.text].slice(1).join(''));
          }
        } else if (op === 'flush') await m.sync.flush();
        else if (op === 'connect') await m.connect();
        else if (op === 'webrtc') {
          const other = rng.pick(crew.filter((x) => x !== m));
          Y.applyUpdate(other.workspace.doc, Y.encodeStateAsUpdate(m.workspace.doc, Y.encodeStateVector(other.workspace.doc)), 'webrtc');
        } else if (op === 'compact') await m.sync.compactNow(true);
        else if (op === 'catchup') await m.sync.catchUpNow();
        else if (op === 'close') await m.restart('closed');
        else if (op === 'crash') await m.restart('crashed');
        else if (op === 'drop' && keeper.log.size > 0) keeper.drop([rng.pick(keeper.log.ids())]);
        else if (op === 'garbage') keeper.put(rng.id(), crypto.getRandomValues(new Uint8Array(rng.int(1, 80))));
      }
      // Only the keeper from here: seal, talk, check twice, and compact once each.
      for (let round = 0; round < 3; round++) for (const m of crew) await m.connect();
      for (const m of crew) {
        await m.sync.catchUpNow();
        await m.sync.catchUpNow();
        await m.connect();
      }
      // Half the runs end without compacting: catching up alone must bring everything, deletions
      // that never reached the log included.
      if (compactAtEnd) {
        for (const m of crew) {
          await m.sync.compactNow(true);
          // The compactor's snapshot reaches the keeper first, then everyone else.
          await m.connect();
          for (const n of crew) await n.connect();
        }
      } else {
        for (const m of crew) await m.connect();
      }
      const union = new Y.Doc();
      for (const m of crew) Y.applyUpdate(union, Y.encodeStateAsUpdate(m.workspace.doc));
      const expected = content(new Workspace(union));
      if (viewer) {
        await viewer.connect();
        if (JSON.stringify(expected).includes('VIEWER') || viewer.sync.stats().sealed > 0) failures.push(`seed ${seed}: the viewer’s entries were applied after ${ops.join(' ')}`);
      }
      for (const [i, m] of [...crew, ...(viewer ? [viewer] : [])].entries()) {
        const got = content(m.workspace);
        if (JSON.stringify(got) !== JSON.stringify(expected) || m.workspace.problems().length > 0) {
          failures.push(`seed ${seed}, member ${i}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)} after ${ops.join(' ')}`);
          break;
        }
      }
      for (const m of members.splice(0)) m.stop();
    }
    expect(failures.slice(0, 3).join('\n')).toBe('');
  }, Math.max(120_000, RUNS * 100));
});
