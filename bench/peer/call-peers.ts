// The Node peers of the bench's call (docs/performance.md, "A call of ten"): one child process
// each (call-peer.mjs), started together, each holding the workspace's state from a file before
// it joins a room, so that joining costs a state vector, not the whole workspace.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PEER_SCRIPT = fileURLToPath(new URL('./call-peer.mjs', import.meta.url));

/** A person of the call: a name for the presence list (the app shows everyone in the room). */
const PEOPLE = [
  ['Hanna', 'Hamburg', '#2ca02c'],
  ['Rui', 'Porto', '#d62728'],
  ['Giulia', 'Genoa', '#9467bd'],
  ['Marc', 'Marseille', '#8c564b'],
  ['Ana', 'Valencia', '#e377c2'],
  ['Piotr', 'Gdansk', '#17becf'],
  ['Liga', 'Riga', '#bcbd22'],
  ['Eleni', 'Piraeus', '#3f51b5'],
  ['Sven', 'Malmo', '#1f77b4'],
] as const;

/** Between two peers joining. */
const JOIN_INTERVAL_MS = 300;

export interface Room {
  roomName: string;
  password: string;
  relay: string;
}

class PeerProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly ready: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => {
        const error = new Error(`a call peer exited (code ${code})`);
        reject(error);
        for (const call of this.pending.values()) call.reject(error);
        this.pending.clear();
      });
      child.on('message', (message: { ready?: boolean; id?: number; value?: unknown }) => {
        if (message.ready) return resolve();
        const call = this.pending.get(message.id!);
        this.pending.delete(message.id!);
        call?.resolve(message.value);
      });
    });
  }

  call<T>(message: Record<string, unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...message, id });
    });
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

export interface CallPeers {
  readonly count: number;
  /** Every peer joins the room; resolves once each is connected to `others` peers (everyone). */
  join(room: Room, others: number, timeoutMs?: number): Promise<{ connectMs: number }>;
  /** Each peer types into its own point, one character every `intervalMs`, staggered. */
  startTyping(pointIds: string[], intervalMs: number, chars: string): Promise<void>;
  /** Stops the typing; how many characters each peer typed. */
  stopTyping(): Promise<number[]>;
  leave(): Promise<void>;
  stop(): Promise<void>;
}

/** `count` peers, each with the state in `statePath` (a Yjs update) loaded. */
export async function startCallPeers(count: number, statePath: string): Promise<CallPeers> {
  if (count > PEOPLE.length) throw new Error(`at most ${PEOPLE.length} call peers`);
  // No execArgv: the transport is chosen in webrtc.mjs alone.
  const peers = Array.from({ length: count }, () => new PeerProcess(fork(PEER_SCRIPT, [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })));
  const all = <T>(message: Record<string, unknown> | ((index: number) => Record<string, unknown>)) =>
    Promise.all(peers.map((peer, i) => peer.call<T>(typeof message === 'function' ? message(i) : message)));
  try {
    await Promise.all(peers.map((peer) => peer.ready));
    await all({ type: 'load', statePath });
  } catch (error) {
    peers.forEach((peer) => peer.kill());
    throw error;
  }
  return {
    count,
    async join(room, others, timeoutMs = 60_000) {
      const started = performance.now();
      // One after the other, as people join a call: two peers that announce themselves at the
      // same moment both start a connection to the other ("glare"), and y-webrtc's answer to
      // that can leave the pair never connected.
      for (const [i, peer] of peers.entries()) {
        await peer.call({ type: 'join', ...room, profile: { name: PEOPLE[i]![0], organisation: PEOPLE[i]![1], color: PEOPLE[i]![2] } });
        await new Promise((resolve) => setTimeout(resolve, JOIN_INTERVAL_MS));
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const connected = await all<number>({ type: 'peers' });
        if (connected.every((n) => n >= others)) return { connectMs: performance.now() - started };
        if (Date.now() > deadline) throw new Error(`call peers not all connected after ${timeoutMs} ms: ${connected.join(', ')} of ${others} each`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async startTyping(pointIds, intervalMs, chars) {
      if (pointIds.length < count) throw new Error(`${count} call peers need ${count} focus points, not ${pointIds.length}`);
      await all((i) => ({ type: 'type', pointId: pointIds[i], intervalMs, chars, startDelayMs: (i * intervalMs) / count }));
    },
    stopTyping: () => all<number>({ type: 'stop' }),
    async leave() {
      await all({ type: 'leave' });
    },
    async stop() {
      await Promise.race([all({ type: 'leave' }).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      peers.forEach((peer) => peer.kill());
    },
  };
}
