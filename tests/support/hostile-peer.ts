// Drives tests/support/hostile-peer-process.mjs: a peer with the right key that writes raw bytes under
// y-webrtc to every connection it has (docs/sync.md, "Limits").
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { roomNameFor } from '../../src/sync/link';
import { deriveAccess } from '../../src/sync/access';
import { waitFor } from './node-peer';

const SCRIPT = fileURLToPath(new URL('./hostile-peer-process.mjs', import.meta.url));

export interface HostileConnection {
  openedAt: number | null;
  closedAt: number | null;
  /** Set when this side (the hostile peer's own transport) closed it, not the partner. */
  localError: string | null;
  received: { step2: number; other: number };
}

export type Attack =
  | { name: 'step1Flood'; params: { count: number } }
  | { name: 'undeliverable'; params: { count: number; bytes: number } }
  | { name: 'tinyUpdates'; params: { count: number } }
  | { name: 'presenceFlood'; params: { clients: number; stateBytes: number; perMessage: number } }
  | { name: 'bcPeerId' }
  | { name: 'raw'; params: { base64: string[] } }
  | { name: 'bigFrames'; params: { total: number; send: number } }
  | { name: 'outOfOrder' }
  | { name: 'badMarker' };

export interface HostilePeer {
  connections(): Promise<HostileConnection[]>;
  /** Wait for an open connection; returns its index in connections(). */
  connected(timeoutMs?: number): Promise<number>;
  attack(attack: Attack): Promise<{ targets: number; sent: number }>;
  /** Wait until connection `index` is closed by the partner; returns how long after `since` it closed. */
  droppedAfter(index: number, since: number, timeoutMs?: number): Promise<number>;
  /** Leave and join again as a new y-webrtc peer (after being dropped). */
  rejoin(): Promise<void>;
  /** Apply a valid Yjs update to the hostile peer's document: y-webrtc sends it as usual. */
  update(update: Uint8Array): Promise<void>;
  stop(): Promise<void>;
}

type Call = <T>(message: Record<string, unknown>) => Promise<T>;

/** One hostile peer process, joined to the room. */
async function spawnHostile(options: HostileOptions): Promise<{ child: ChildProcess; call: Call; exited: () => string | null }> {
  const child: ChildProcess = fork(SCRIPT, [], { execArgv: ['--max-old-space-size=4096'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`hostile peer exited with ${code}`)));
    child.on('message', (message: { ready?: boolean; id?: number; value?: unknown }) => {
      if (message.ready) return resolve();
      const resolveCall = pending.get(message.id!);
      pending.delete(message.id!);
      resolveCall?.(message.value);
    });
  });
  // A call never outlives the process: if it dies (a crash in the native WebRTC stack), fail, naming how.
  let exited: string | null = null;
  const rejecters = new Set<(error: Error) => void>();
  child.on('exit', (code, signal) => {
    exited = `the hostile peer process exited (code ${code}, signal ${signal})`;
    for (const reject of rejecters) reject(new Error(exited));
  });
  const call: Call = async <T>(message: Record<string, unknown>): Promise<T> => {
    if (exited) throw new Error(exited);
    const value = await new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      rejecters.add(reject);
      pending.set(id, (result) => {
        rejecters.delete(reject);
        resolve(result);
      });
      child.send({ ...message, id });
    });
    if (value && typeof value === 'object' && 'error' in value) throw new Error(String((value as { error: unknown }).error));
    return value as T;
  };
  if (options.kind === 'edit') {
    // An edit link: the room and password from its view secret, and the proof of writing (a member gone bad).
    const keys = await deriveAccess({ kind: 'edit', secret: options.secret });
    await call({ type: 'join', roomName: keys.room, password: keys.password, relay: options.relay, writers: { verifyKey: keys.writers!.verifyKeyText, editSecret: options.secret } });
  } else {
    await call({ type: 'join', roomName: await roomNameFor(options.secret), password: options.secret, relay: options.relay });
  }
  return { child, call, exited: () => exited };
}

/** `kind`: the link's (`edit` for a workspace with view links, `join` before them; `join` by default). */
interface HostileOptions {
  secret: string;
  relay: string;
  kind?: 'edit' | 'join';
}

export async function startHostilePeer(options: HostileOptions): Promise<HostilePeer> {
  let current = await spawnHostile(options);
  const call: Call = (message) => current.call(message);
  const connections = () => call<HostileConnection[]>({ type: 'connections' });
  return {
    connections,
    async connected(timeoutMs = 30_000) {
      let index = -1;
      await waitFor(async () => {
        index = (await connections()).findIndex((c) => c.openedAt !== null && c.closedAt === null);
        return index >= 0;
      }, 'the hostile peer to connect', timeoutMs);
      return index;
    },
    attack: (attack) => call({ type: 'attack', name: attack.name, params: 'params' in attack ? attack.params : {} }),
    async droppedAfter(index, since, timeoutMs = 30_000) {
      let connection: HostileConnection | undefined;
      await waitFor(async () => {
        connection = (await connections())[index];
        return connection?.closedAt != null;
      }, `connection ${index} to be dropped`, timeoutMs);
      if (connection!.localError) throw new Error(`the hostile peer closed the connection itself: ${connection!.localError}`);
      return connection!.closedAt! - since;
    },
    // @roamhq/wrtc sometimes crashes (SIGSEGV) tearing a dropped connection down, in the hostile
    // process, not in the page under test: a new process joins instead, as a new peer would.
    async rejoin() {
      if (current.exited()) current = await spawnHostile(options);
      else await call({ type: 'rejoin' });
    },
    update: (update) => call({ type: 'update', update: Buffer.from(update).toString('base64') }),
    async stop() {
      if (current.child.exitCode !== null) return;
      await call({ type: 'leave' }).catch(() => undefined);
      current.child.kill();
    },
  };
}
