// The keeper (keeper/): real keeper processes, a real Redis, Hocuspocus providers in Node.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { ClassicLevel } from 'classic-level';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Extension } from '@hocuspocus/server';
import { startKeeper } from '../../keeper/src/index.mjs';
import { accessFor, documentNameFor, documentNameForV2, isWellFormedDocumentName, isWellFormedToken } from '../../keeper/src/names.mjs';
import { startKeeperProcess, startRedis, type KeeperProcess } from '../support/keeper';

/** The formula the app uses (written out here, not imported from the keeper). */
const nameFor = (token: string) =>
  `tavola-k1-${createHash('sha256').update(`tavola/keeper/document/v1/${token}`).digest('base64url')}`;
const newToken = () => randomBytes(32).toString('base64url');
/** Yjs stores a Uint8Array as binary content, but refuses a Buffer. */
const bytes = (length: number) => new Uint8Array(randomBytes(length));

/** ws emits 'error' when a connecting socket is closed; the provider has stopped listening by then. */
class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Client {
  doc: Y.Doc;
  entries: Y.Map<Uint8Array>;
  provider: HocuspocusProvider;
  state: { authenticated: boolean; failed: string | null; synced: boolean };
  /** The provider saw every change it sent acknowledged. */
  settled(): boolean;
  destroy(): void;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openClient(url: string, name: string, token: string): Client {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: NodeWebSocket });
  const provider = new HocuspocusProvider({ websocketProvider, name, token, document: doc });
  const state = { authenticated: false, failed: null as string | null, synced: false };
  provider.on('authenticated', () => (state.authenticated = true));
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => (state.failed = reason));
  provider.on('synced', () => (state.synced = true));
  provider.attach();
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    provider.destroy();
    websocketProvider.destroy();
  };
  cleanups.push(destroy);
  return {
    doc,
    entries: doc.getMap<Uint8Array>('entries'),
    provider,
    state,
    settled: () => state.synced && provider.unsyncedChanges === 0,
    destroy,
  };
}

async function keeperProcess(options: Parameters<typeof startKeeperProcess>[0] = {}): Promise<KeeperProcess> {
  const keeper = await startKeeperProcess(options);
  cleanups.push(() => keeper.stop());
  return keeper;
}

async function synced(client: Client): Promise<Client> {
  await waitFor(() => client.settled() || client.state.failed !== null, 'the client to sync');
  expect(client.state.failed).toBeNull();
  return client;
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

/** Every key in a (closed) keeper data folder. */
async function keysIn(folder: string): Promise<string[]> {
  const db = new ClassicLevel<string, Uint8Array>(folder, { keyEncoding: 'utf8', valueEncoding: 'view' });
  try {
    return await db.keys().all();
  } finally {
    await db.close();
  }
}

describe('keeper', () => {
  test('document names follow the formula; tokens and names are checked for shape', async () => {
    // The test vector of docs/keeper.md.
    expect(await documentNameFor('LLvN8dagKRzxehrBfOIzpk09EPU2Sfx_D_AHiWmFQWo')).toBe('tavola-k1-FWlfTWTZbAdnxiNXzSdGAkVSj1rdcoCo5XqUTk0Lsm4');
    const token = newToken();
    expect(await documentNameFor(token)).toBe(nameFor(token));
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedDocumentName(nameFor(token))).toBe(true);
    for (const bad of ['', token.slice(1), `${token}A`, `${token.slice(1)}=`, `${token.slice(1)}+`, 42, null]) {
      expect(isWellFormedToken(bad), String(bad)).toBe(false);
    }
    for (const bad of [token, `tavola-k3-${token}`, `${nameFor(token)}x`, 'tavola-k1-', `tavola-k1-${token.slice(1)}.`]) {
      expect(isWellFormedDocumentName(bad), bad).toBe(false);
    }
  });

  test('version 2: the name binds the verify key; a writer’s proof writes within 10 minutes, anything else of the right workspace reads', async () => {
    // The test vector of docs/keeper.md, version 2.
    const vector = { token: 'q7n3yQp2LQPNca1c7rQ6jufzLyYVVWkHKelPCrV6qlk', verifyKey: 'xyp50gehPG8gq9J30VTBI73o7EKglgZIpyLxmJplqxc' };
    const vectorName = 'tavola-k2-2kZexNSBdJL4JQrz4NYi0yXWg_2NfFVUXgJ-QNPfbqs';
    expect(await documentNameForV2(vector.token, vector.verifyKey)).toBe(vectorName);
    const vectorProof = '1764000000.xG6x2ThSkOtyeXYXYolPlaMF_Itz5EvDgj7D_0ViFhryz9nSspTSCSZGIrxzAb6W08dZ7wiW6GGwmM8qyx0uBg';
    const at = 1_764_000_000_000;
    const vectorToken = `${vector.token}.${vector.verifyKey}`;
    expect(await accessFor(`${vectorToken}.${vectorProof}`, vectorName, at)).toEqual({ write: true });
    expect(await accessFor(`${vectorToken}.${vectorProof}`, vectorName, at + 600_000)).toEqual({ write: true });
    expect(await accessFor(`${vectorToken}.${vectorProof}`, vectorName, at + 601_000)).toEqual({ write: false });
    expect(await accessFor(`${vectorToken}.${vectorProof}`, vectorName, at - 601_000)).toEqual({ write: false });
    expect(await accessFor(vectorToken, vectorName, at)).toEqual({ write: false });

    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const verifyKey = publicKey.export({ format: 'jwk' }).x!;
    const token = newToken();
    const name = `tavola-k2-${createHash('sha256').update(`tavola/keeper/document/v2/${token}/${verifyKey}`).digest('base64url')}`;
    const seconds = String(Math.floor(Date.now() / 1000));
    const proof = (key = privateKey, forName = name, time = seconds) => sign(null, Buffer.from(`tavola/keeper/writer/v2\0${forName}\0${time}`), key).toString('base64url');
    expect(await documentNameForV2(token, verifyKey)).toBe(name);
    expect(isWellFormedDocumentName(name)).toBe(true);
    expect(await accessFor(`${token}.${verifyKey}.${seconds}.${proof()}`, name)).toEqual({ write: true });
    expect(await accessFor(`${token}.${verifyKey}`, name)).toEqual({ write: false });
    // A proof of another key, for another document, or for another time than it says: read only.
    expect(await accessFor(`${token}.${verifyKey}.${seconds}.${proof(generateKeyPairSync('ed25519').privateKey)}`, name)).toEqual({ write: false });
    expect(await accessFor(`${token}.${verifyKey}.${seconds}.${proof(privateKey, vectorName)}`, name)).toEqual({ write: false });
    expect(await accessFor(`${token}.${verifyKey}.${Number(seconds) + 1}.${proof()}`, name)).toEqual({ write: false });
    // Not this workspace, or not well formed: refused.
    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    for (const bad of [token, `${token}.${otherKey}`, `${newToken()}.${verifyKey}`, `${token}.${verifyKey}.${seconds}`, `${token}.${verifyKey}.x.${proof()}`, `${token}.${verifyKey}.${seconds}.${proof()}.`, `${token}.${verifyKey}.${seconds}.short`]) {
      expect(await accessFor(bad, name), bad).toBeNull();
    }
    // Version 1 tokens never open version 2 names, nor the other way round.
    expect(await accessFor(token, nameFor(token))).toEqual({ write: true });
    expect(await accessFor(`${token}.${verifyKey}`, nameFor(token))).toBeNull();
  });

  test('refuses a malformed token, a malformed document name and a token for another document; the document gets nothing', async () => {
    const keeper = await keeperProcess();
    const token = newToken();
    const other = newToken();
    const attempts = [
      { what: 'malformed token', name: nameFor(token), token: 'not-a-token' },
      { what: 'token of the right shape but one character off', name: nameFor(token), token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') },
      { what: 'malformed document name', name: 'workspace-1', token },
      { what: 'token for another document', name: nameFor(other), token },
    ];
    const refused = attempts.map((attempt) => {
      const client = openClient(keeper.url, attempt.name, attempt.token);
      client.entries.set('sealed', bytes(64));
      return { ...attempt, client };
    });
    await waitFor(() => refused.every(({ client }) => client.state.failed !== null), 'every refusal');
    for (const { what, client } of refused) {
      expect(client.state, what).toMatchObject({ authenticated: false, synced: false });
      expect(client.provider.unsyncedChanges, what).toBeGreaterThan(0);
    }

    // The positive control: the right token opens its document, which holds nothing.
    for (const [name, key] of [
      [nameFor(token), token],
      [nameFor(other), other],
    ] as const) {
      const reader = await synced(openClient(keeper.url, name, key));
      expect(reader.state.authenticated).toBe(true);
      expect(reader.entries.size).toBe(0);
      reader.destroy();
    }
    for (const { client } of refused) client.destroy();
    await keeper.stop();
    for (const key of await keysIn(keeper.data)) {
      expect(key).not.toMatch(/workspace-1/);
      expect(key.startsWith('l!'), `log entry ${key}`).toBe(false);
    }
  });

  test('entries survive a stop (SIGTERM) and a start on the same data folder', async () => {
    const token = newToken();
    const name = nameFor(token);
    const first = await keeperProcess();
    const writer = await synced(openClient(first.url, name, token));
    const written = new Map<string, Uint8Array>();
    for (let i = 0; i < 200; i++) {
      const value = bytes(16 + ((i * 37) % 2000));
      written.set(`entry-${i}`, value);
      writer.entries.set(`entry-${i}`, value);
    }
    writer.entries.delete('entry-7');
    written.delete('entry-7');
    await waitFor(writer.settled, 'the writes to be acknowledged');
    writer.destroy();

    const stopped = Date.now();
    await first.stop();
    const second = await keeperProcess({ data: first.data });
    const restarted = Date.now() - stopped;
    const reader = await synced(openClient(second.url, name, token));
    console.log(`keeper stop + start took ${restarted} ms; a new client synced ${written.size} entries ${Date.now() - stopped - restarted} ms later`);
    expect(reader.entries.size).toBe(written.size);
    for (const [key, value] of written) expect(sameBytes(reader.entries.get(key), value), key).toBe(true);
  });

  test('a SIGKILL right after the acknowledgement loses nothing; loading does not append to the log again', async () => {
    const token = newToken();
    const name = nameFor(token);
    const first = await keeperProcess();
    const writer = await synced(openClient(first.url, name, token));
    const written = new Map<string, Uint8Array>();
    for (let i = 0; i < 20; i++) {
      const value = bytes(100 + i);
      written.set(`entry-${i}`, value);
      writer.entries.set(`entry-${i}`, value);
    }
    await waitFor(writer.settled, 'the writes to be acknowledged');
    await first.kill();
    writer.destroy();

    // Killed well before Hocuspocus's debounced store (2 s): only the log holds the entries.
    const keys = await keysIn(first.data);
    expect(keys.filter((key) => key.startsWith('s!'))).toEqual([]);
    expect(keys.filter((key) => key.startsWith(`l!${name}!`)).length).toBeGreaterThan(0);

    // In this process, to watch the hooks: nothing the load applies reaches onChange, and the log
    // is folded into the state rather than appended to.
    const changes: unknown[] = [];
    const spy: Extension = {
      async onChange({ transactionOrigin }) {
        changes.push(transactionOrigin);
      },
    };
    const inProcess = await startKeeper({ port: 0, data: first.data, log: () => {}, extensions: [spy] });
    cleanups.push(() => inProcess.close());
    const reader = await synced(openClient(inProcess.url, name, token));
    expect(reader.entries.size).toBe(written.size);
    for (const [key, value] of written) expect(sameBytes(reader.entries.get(key), value), key).toBe(true);
    expect(changes).toEqual([]);
    const stored = await inProcess.db.keys().all();
    expect(stored).toEqual([`s!${name}`]);
    reader.destroy();
    await inProcess.close();

    const third = await keeperProcess({ data: first.data });
    const again = await synced(openClient(third.url, name, token));
    expect(again.entries.size).toBe(written.size);
  });

  test('two keepers sharing one Redis, each with its own data folder, relay live both ways', async () => {
    // As the keeper README asks: no pubsub output limit (Redis's default drops a subscriber at 32 MB).
    const redis = await startRedis(['--client-output-buffer-limit', 'pubsub 0 0 0']);
    cleanups.push(() => redis.stop());
    const one = await keeperProcess({ redis: redis.url, id: 'keeper-1' });
    const two = await keeperProcess({ redis: redis.url, id: 'keeper-2' });
    expect(one.data).not.toBe(two.data);
    const token = newToken();
    const name = nameFor(token);
    const a = await synced(openClient(one.url, name, token));
    const b = await synced(openClient(two.url, name, token));

    const fromA = bytes(300);
    a.entries.set('from-a', fromA);
    await waitFor(() => sameBytes(b.entries.get('from-a'), fromA), 'keeper 2’s client to see keeper 1’s client’s entry');
    const fromB = bytes(300);
    b.entries.set('from-b', fromB);
    await waitFor(() => sameBytes(a.entries.get('from-b'), fromB), 'keeper 1’s client to see keeper 2’s client’s entry');
    await waitFor(() => a.settled() && b.settled(), 'both clients to be acknowledged');
    a.destroy();
    b.destroy();

    // Each keeper stored what came from the other one, in its own folder.
    await Promise.all([one.stop(), two.stop()]);
    for (const keeper of [one, two]) {
      const alone = await keeperProcess({ data: keeper.data });
      const reader = await synced(openClient(alone.url, name, token));
      expect(sameBytes(reader.entries.get('from-a'), fromA), keeper.data).toBe(true);
      expect(sameBytes(reader.entries.get('from-b'), fromB), keeper.data).toBe(true);
      reader.destroy();
      await alone.stop();
    }
  });

  test('a 60 MB entry goes through and survives a restart', async () => {
    const token = newToken();
    const name = nameFor(token);
    const first = await keeperProcess();
    const writer = await synced(openClient(first.url, name, token));
    const big = bytes(60 * 1024 * 1024);
    const sent = Date.now();
    writer.entries.set('big', big);
    await waitFor(writer.settled, 'the 60 MB entry to be acknowledged', 45_000);
    const acknowledged = Date.now() - sent;
    writer.destroy();

    const stopped = Date.now();
    await first.stop();
    const second = await keeperProcess({ data: first.data });
    const restarted = Date.now() - stopped;
    const loading = Date.now();
    const reader = await synced(openClient(second.url, name, token));
    console.log(
      `60 MB entry: acknowledged in ${acknowledged} ms; stop + start ${restarted} ms; a new client had it ${Date.now() - loading} ms later`,
    );
    expect(sameBytes(reader.entries.get('big'), big)).toBe(true);
  });
});
