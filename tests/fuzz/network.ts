import * as Y from 'yjs';
import type { Prng } from '../unit/helpers';

/** The origin of updates a peer receives from the network (a provider's, in the app). */
export const NETWORK = 'fuzz-network';

/**
 * A lossy, reordering, duplicating mesh between Y.Docs, as y-webrtc is under a bad network.
 *
 * Each doc's updates (every 'update' event, its own and those it received, as y-webrtc relays
 * them) go onto a queue per link, one queue per direction. Delivery takes any message of a queue, not the oldest
 * (so updates arrive out of order), and now and then leaves it there to be delivered again (so
 * updates arrive twice). A cut link drops what is sent over it, and what was in flight may be
 * dropped or held until the link heals. Only a sync handshake (state vectors, as y-protocols'
 * sync steps 1 and 2 on reconnect) repairs what was dropped. Yjs must cope with all of it: an
 * update whose dependencies have not arrived waits in the doc's pending structs.
 */
export class Network {
  private readonly docs: (Y.Doc | null)[];
  private readonly up: boolean[][];
  /** queues[from][to]: updates sent by `from` not yet taken off the wire for `to`. */
  private readonly queues: Uint8Array[][][];
  private readonly detach: (() => void)[] = [];
  /** How many messages were delivered, dropped, duplicated; for the run's statistics. */
  readonly stats = { delivered: 0, dropped: 0, duplicated: 0, handshakes: 0, wholeStates: 0 };
  /**
   * What a peer answers a partner who holds nothing with, in place of its encoded state
   * (stateForNewPeer in src/model/new-peer.ts, as chunked-peer.js's `wholeState` sends it): null for the encoding.
   */
  wholeState: (index: number) => Uint8Array[] | null = () => null;
  /** What the network found wrong on its own (a whole state that is not the document). */
  readonly failures: string[] = [];

  constructor(
    readonly size: number,
    private readonly rng: Prng,
  ) {
    this.docs = Array.from({ length: size }, () => null);
    this.up = Array.from({ length: size }, () => Array.from({ length: size }, () => true));
    this.queues = Array.from({ length: size }, () => Array.from({ length: size }, () => []));
  }

  /** Put `doc` on the network as peer `index`: from now on what it writes is sent to the others. */
  attach(index: number, doc: Y.Doc): void {
    this.docs[index] = doc;
    // Like y-webrtc's room, every update is sent on, including those that came from the network:
    // a peer relays what it hears, so an update reaches peers its author is cut off from.
    const onUpdate = (update: Uint8Array) => {
      for (let to = 0; to < this.size; to++) {
        if (to === index || !this.docs[to]) continue;
        if (this.up[index]![to]) this.queues[index]![to]!.push(update);
        else this.stats.dropped++;
      }
    };
    doc.on('update', onUpdate);
    this.detach.push(() => doc.off('update', onUpdate));
  }

  attached(index: number): boolean {
    return this.docs[index] !== null;
  }

  isUp(a: number, b: number): boolean {
    return this.up[a]![b]!;
  }

  /** Split the peers into groups; links between groups go down. In-flight messages on cut links are dropped or held. */
  partition(groupOf: number[]): void {
    for (let a = 0; a < this.size; a++) {
      for (let b = 0; b < this.size; b++) {
        const up = a === b || groupOf[a] === groupOf[b];
        if (this.up[a]![b] && !up && this.rng.bool(0.5)) {
          this.stats.dropped += this.queues[a]![b]!.length;
          this.queues[a]![b]!.length = 0;
        }
        this.up[a]![b] = up;
      }
    }
  }

  heal(): void {
    for (const row of this.up) row.fill(true);
  }

  pending(): number {
    let count = 0;
    for (let a = 0; a < this.size; a++) for (let b = 0; b < this.size; b++) if (this.up[a]![b]) count += this.queues[a]![b]!.length;
    return count;
  }

  /**
   * Deliver up to `count` messages over links that are up: each time a random link with something
   * on it, and a random message of its queue; with probability `duplicate` the message stays on
   * the queue and will arrive again.
   */
  deliver(count: number, duplicate = 0.15): number {
    let delivered = 0;
    for (let i = 0; i < count; i++) {
      const links: [number, number][] = [];
      for (let a = 0; a < this.size; a++) {
        for (let b = 0; b < this.size; b++) {
          if (a !== b && this.up[a]![b] && this.docs[b] && this.queues[a]![b]!.length > 0) links.push([a, b]);
        }
      }
      if (links.length === 0) break;
      const [from, to] = this.rng.pick(links);
      const queue = this.queues[from]![to]!;
      const at = this.rng.int(0, queue.length - 1);
      const update = queue[at]!;
      if (this.rng.bool(duplicate)) this.stats.duplicated++;
      else queue.splice(at, 1);
      Y.applyUpdate(this.docs[to]!, update, NETWORK);
      this.stats.delivered++;
      delivered++;
    }
    return delivered;
  }

  /**
   * The sync handshake between two peers whose link is up (y-protocols sync steps 1 and 2: each
   * sends its state vector, the other answers with what it lacks). Returns whether either changed.
   */
  handshake(a: number, b: number): boolean {
    const docA = this.docs[a];
    const docB = this.docs[b];
    if (!docA || !docB || a === b || !this.up[a]![b]) return false;
    this.stats.handshakes++;
    const answer = (from: number, to: Y.Doc, doc: Y.Doc) => {
      const whole = isEmpty(to) ? this.wholeState(from) : null;
      if (!whole) return applyCounting(to, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(to)));
      this.stats.wholeStates++;
      // Together they are the answerer's document: the same state vector and the same deletions,
      // in a bare document (the joiner's model may write at once in answer: repairs).
      const bare = new Y.Doc();
      for (const update of whole) Y.applyUpdate(bare, update);
      if (!doc.store.pendingStructs && !doc.store.pendingDs && !Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(bare))) {
        this.failures.push(`peer ${from}'s whole state for a new peer is not its document`);
      }
      bare.destroy();
      // A sync step 2, then an update, on one channel: in that order.
      return whole.reduce((sum, update) => sum + applyCounting(to, update), 0);
    };
    return answer(a, docB, docA) + answer(b, docA, docB) > 0;
  }

  /**
   * Heal every link and deliver everything until nothing moves: what is queued, in random order
   * and partly twice, then handshakes between every pair. Writes peers make on receiving (repairs
   * handing content over) are sent on and delivered too. Returns false if the peers never went
   * quiet (they keep writing in answer to each other).
   */
  settle(maxRounds = 30): boolean {
    this.heal();
    for (let round = 0; round < maxRounds; round++) {
      while (this.pending() > 0) this.deliver(this.pending(), 0.1);
      let changed = false;
      for (let a = 0; a < this.size; a++) for (let b = a + 1; b < this.size; b++) if (this.handshake(a, b)) changed = true;
      if (!changed && this.pending() === 0) return true;
      // Whatever the handshakes caused peers to write is queued now; the next round delivers it.
      this.dropAllQueued();
      if (!changed) return true;
    }
    return false;
  }

  /** Forget what is queued: after full handshakes every peer already has it. */
  private dropAllQueued(): void {
    for (const row of this.queues) for (const queue of row) queue.length = 0;
  }

  destroy(): void {
    for (const off of this.detach) off();
  }
}

/** Apply `update` from the network; 1 when it changed the document, else 0. */
/** A document that holds nothing: its state vector is empty, as a new peer's sync step 1 says. */
function isEmpty(doc: Y.Doc): boolean {
  return Y.encodeStateVector(doc).byteLength === 1;
}

function applyCounting(doc: Y.Doc, update: Uint8Array): number {
  let changed = 0;
  const onUpdate = () => {
    changed = 1;
  };
  doc.on('update', onUpdate);
  Y.applyUpdate(doc, update, NETWORK);
  doc.off('update', onUpdate);
  return changed;
}
