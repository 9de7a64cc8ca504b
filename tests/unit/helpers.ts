import * as Y from 'yjs';
import { LocalAction, SystemAction, Workspace } from '../../src/model';

/** The origin given to updates that arrive from another peer, as a provider would. */
export const REMOTE = 'remote-peer';

/**
 * N workspaces standing in for N peers, each on its own Y.Doc, that talk only by exchanging Yjs
 * updates (Y.encodeStateAsUpdate / Y.applyUpdate), as y-webrtc would. Nothing moves until a test
 * calls sync() or exchange(): edits made in between are concurrent. partition() cuts the links
 * between groups, connect() restores them all; sync() only crosses links that are up.
 */
export class Peers {
  readonly workspaces: Workspace[];
  /** links[a][b]: whether peer a and peer b can reach each other. */
  private readonly links: boolean[][];

  constructor(count: number) {
    // Fixed client ids make Yjs's own tie-breaks (which concurrent write wins) repeatable.
    this.workspaces = Array.from({ length: count }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = i + 1;
      return new Workspace(doc);
    });
    this.links = this.workspaces.map(() => this.workspaces.map(() => true));
  }

  get count(): number {
    return this.workspaces.length;
  }

  /** Peer i (throws rather than returning undefined, to keep tests short). */
  at(i: number): Workspace {
    const workspace = this.workspaces[i];
    if (!workspace) throw new Error(`No peer ${i}`);
    return workspace;
  }

  /** Cut every link between peers of different groups; peers left out of every group are alone. */
  partition(...groups: number[][]): void {
    const groupOf = new Map<number, number>();
    groups.forEach((group, g) => group.forEach((peer) => groupOf.set(peer, g)));
    for (let a = 0; a < this.count; a++) {
      for (let b = 0; b < this.count; b++) {
        const ga = groupOf.get(a);
        this.links[a]![b] = a === b || (ga !== undefined && ga === groupOf.get(b));
      }
    }
  }

  /** Bring every link back up (peers still need sync() to catch up). */
  connect(): void {
    for (const row of this.links) row.fill(true);
  }

  /** Cut every link: each peer works alone until connect(). */
  disconnect(): void {
    this.partition();
  }

  connected(a: number, b: number): boolean {
    return this.links[a]![b]!;
  }

  /**
   * Send each of `a` and `b` what the other lacks (state-vector diff), as y-protocols' sync step 2
   * does. Ignores the links: it is how a test says "these two just talked". Returns whether either
   * document changed.
   */
  exchange(a: number, b: number): boolean {
    const docA = this.at(a).doc;
    const docB = this.at(b).doc;
    const toB = Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB));
    const toA = Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA));
    return applyCounting(docB, toB) + applyCounting(docA, toA) > 0;
  }

  /** Exchange updates over every live link until nothing changes: every connected group converges. */
  sync(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (let a = 0; a < this.count; a++) {
        for (let b = a + 1; b < this.count; b++) {
          if (this.connected(a, b) && this.exchange(a, b)) changed = true;
        }
      }
    }
  }

  /** connect() then sync(): every peer ends with the same document. */
  syncAll(): void {
    this.connect();
    this.sync();
  }

  destroy(): void {
    for (const workspace of this.workspaces) workspace.destroy();
  }
}

/** Apply `update` as a remote one; returns 1 when it changed the document, 0 when it was already known. */
function applyCounting(doc: Y.Doc, update: Uint8Array): number {
  let changed = 0;
  const onUpdate = () => {
    changed = 1;
  };
  doc.on('update', onUpdate);
  Y.applyUpdate(doc, update, REMOTE);
  doc.off('update', onUpdate);
  return changed;
}

/**
 * `count` peers that start from one shared document: `setup` runs on peer 0, then everyone syncs.
 * Returns the peers and whatever `setup` returned (ids, usually).
 */
export function createPeers<T = void>(count: number, setup?: (workspace: Workspace) => T): { peers: Peers; seed: T } {
  const peers = new Peers(count);
  const seed = setup ? setup(peers.at(0)) : (undefined as T);
  peers.syncAll();
  return { peers, seed };
}

/** The visible state of one topic's focus points, for comparing peers. */
export function focusPointSnapshot(workspace: Workspace, topicId: string) {
  return workspace.focusPoints.ofTopic(topicId).map((p) => ({ id: p.id, text: p.text, status: p.status }));
}

/**
 * A small seeded PRNG (mulberry32), so a failing random test can be replayed from its seed.
 * Not for anything but tests.
 */
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(probability = 0.5): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** A short word of lowercase letters (and now and then an emoji, to exercise surrogate pairs). */
  word(): string {
    if (this.bool(0.1)) return this.pick(['😀', '🇪🇺', 'ß', 'é']);
    let word = '';
    const length = this.int(1, 6);
    for (let i = 0; i < length; i++) word += String.fromCharCode(97 + this.int(0, 25));
    return word;
  }

  /** A random id in the model's alphabet. */
  id(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let id = '';
    for (let i = 0; i < 12; i++) id += alphabet[this.int(0, 63)];
    return id;
  }
}

/**
 * The action names of the transactions that change `workspace` from now on, one per transaction
 * (Y.Doc's 'update' event fires once per transaction that changed something). Remote updates
 * show up as their origin string.
 */
export function recordActions(workspace: Workspace): string[] {
  const actions: string[] = [];
  workspace.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    actions.push(origin instanceof LocalAction || origin instanceof SystemAction ? origin.name : String(origin));
  });
  return actions;
}
