// A Node peer in a workspace's room, in a child process: real WebRTC (@roamhq/wrtc), Tavola's
// transport (@tavola/webrtc) or plain y-webrtc, through a real relay.
import { fork, type ChildProcess } from 'node:child_process';
import * as Y from 'yjs';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../src/model';
import { roomNameFor } from '../../src/sync/link';
import { deriveAccess } from '../../src/sync/access';

const PEER_SCRIPT = fileURLToPath(new URL('./peer-process.mjs', import.meta.url));

export interface NodePeer {
  /** Send the peer a Yjs update (as if it had made those edits). */
  apply(update: Uint8Array): Promise<void>;
  /** The peer's document, read through the model. */
  workspace(): Promise<Workspace>;
  peerCount(): Promise<number>;
  /** The peer's Yjs client id (its presence's key). */
  clientId(): Promise<number>;
  /** Close its links and its relay with no goodbye, as a closed tab or a lost network. */
  vanish(): Promise<void>;
  /** Document updates received over WebRTC, duplicates included. */
  receivedUpdates(): Promise<number>;
  /** Pairs of partners this peer knows are linked to each other (@tavola/webrtc's mesh). */
  meshLinks(): Promise<number>;
  /** In a room with writers: what each connected partner proved, and how many of its changes were ignored. */
  roles(): Promise<{ role: 'unknown' | 'writer' | 'viewer' | null; ignored: number; settledMs: number | null }[]>;
  /** Connections to partners that closed since the peer joined. */
  linksClosed(): Promise<number>;
  /** How many entries one of the document's top-level maps holds (cheap to poll). */
  count(map: string): Promise<number>;
  stop(): Promise<void>;
}

/** In a workspace with view links: how the peer holds it (docs/sync.md, "Edit and view links"). */
export interface PeerAccess {
  kind: 'edit' | 'view';
  /** The edit secret, or the view secret. */
  secret: string;
  /** A view holder's verify key. */
  verifyKey?: string;
  /** A modified viewer: it answers challenges with a made-up proof and sends its changes anyway. */
  forge?: boolean;
}

/**
 * `plain`: y-webrtc with its own simple-peer, without Tavola's transport (as any y-webrtc program).
 * `access`: join a workspace with view links (room and password from the view secret; writers checked).
 */
/**
 * `deafFirstLink`: the peer's first connection loses everything it sends after its opening
 * challenge and sync step 1 (a link that broke one way, tests/sync/silent-link.test.ts).
 * `loseFirstChallenge`: the first writers' challenge the peer sends is lost.
 */
export async function startNodePeer(options: { secret: string; relay: string; password?: string; roomName?: string; plain?: boolean; access?: PeerAccess; deafFirstLink?: boolean; loseFirstChallenge?: boolean }): Promise<NodePeer> {
  const child: ChildProcess = fork(PEER_SCRIPT, [], { env: { ...process.env, TAVOLA_PLAIN_Y_WEBRTC: options.plain ? '1' : '0' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, (value: unknown) => void>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`peer process exited with ${code}`)));
    child.on('message', (message: { ready?: boolean; id?: number; value?: unknown }) => {
      if (message.ready) return resolve();
      const resolveCall = pending.get(message.id!);
      pending.delete(message.id!);
      resolveCall?.(message.value);
    });
  });
  const call = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (value: unknown) => void);
      child.send({ ...message, id });
    });
  await ready;
  if (options.access) {
    const { access } = options;
    const keys = await deriveAccess({ kind: access.kind, secret: access.secret, ...(access.verifyKey ? { verifyKey: access.verifyKey } : {}) });
    const writers = options.plain ? undefined : { verifyKey: keys.writers!.verifyKeyText, ...(access.kind === 'edit' ? { editSecret: access.secret } : {}), forge: access.forge ?? false };
    await call({ type: 'join', roomName: keys.room, password: keys.password, relay: options.relay, writers, deafFirstLink: options.deafFirstLink, loseFirstChallenge: options.loseFirstChallenge });
  } else {
    await call({ type: 'join', roomName: options.roomName ?? (await roomNameFor(options.secret)), password: options.password ?? options.secret, relay: options.relay, deafFirstLink: options.deafFirstLink });
  }
  return {
    apply: (update) => call({ type: 'apply', update: Buffer.from(update).toString('base64') }),
    async workspace() {
      const workspace = new Workspace();
      workspace.applyUpdate(new Uint8Array(Buffer.from(await call<string>({ type: 'state' }), 'base64')));
      return workspace;
    },
    peerCount: () => call<number>({ type: 'peers' }),
    clientId: () => call<number>({ type: 'clientId' }),
    vanish: () => call<void>({ type: 'vanish' }),
    receivedUpdates: () => call<number>({ type: 'received' }),
    meshLinks: () => call<number>({ type: 'meshLinks' }),
    count: (map) => call<number>({ type: 'count', map }),
    roles: () => call({ type: 'roles' }),
    linksClosed: () => call<number>({ type: 'linksClosed' }),
    async stop() {
      if (child.exitCode !== null) return;
      await call({ type: 'leave' });
      child.kill();
    },
  };
}

/** Poll until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One change to the document's `focusPoints` map (key = value), as the peer's own edit. */
export async function putKey(peer: NodePeer, key: string): Promise<void> {
  const doc = new Y.Doc();
  doc.getMap('focusPoints').set(key, key);
  await peer.apply(Y.encodeStateAsUpdate(doc));
}
