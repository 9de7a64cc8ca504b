import * as Y from 'yjs';

/**
 * The keeper's document of one workspace (docs/keeper.md): a Y.Map `entries` of entry id →
 * sealed bytes. The keeper stores and forwards it without a key; members add their sealed
 * changes to it and apply what others added. Entries are only ever added whole or removed
 * whole (compaction), so concurrent members never conflict on one: ids are random.
 */
export class SealedLog {
  readonly doc: Y.Doc;
  private readonly entries: Y.Map<unknown>;

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.entries = doc.getMap('entries');
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** The sealed bytes of an entry; undefined for a missing entry or a value that is not bytes. */
  get(id: string): Uint8Array | undefined {
    const value = this.entries.get(id);
    return value instanceof Uint8Array ? value : undefined;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Add one sealed entry (one member's batch of changes). */
  add(id: string, sealed: Uint8Array): void {
    this.doc.transact(() => this.entries.set(id, sealed), SEALED_LOG_ORIGIN);
  }

  /**
   * Compaction: remove the entries a snapshot replaces and add the snapshot, in one transaction,
   * so no partner ever sees the log without either.
   */
  replace(removed: Iterable<string>, id: string, sealed: Uint8Array): void {
    this.doc.transact(() => {
      for (const old of removed) this.entries.delete(old);
      this.entries.set(id, sealed);
    }, SEALED_LOG_ORIGIN);
  }

  /** Entries added (or replaced) and removed, by anyone, as they happen. */
  observe(listener: (change: { added: string[]; removed: string[]; local: boolean }) => void): () => void {
    const handler = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
      const added: string[] = [];
      const removed: string[] = [];
      for (const [key, change] of event.changes.keys) {
        if (change.action === 'delete') removed.push(key);
        else added.push(key);
      }
      listener({ added, removed, local: transaction.origin === SEALED_LOG_ORIGIN });
    };
    this.entries.observe(handler);
    return () => this.entries.unobserve(handler);
  }

  /** The whole log as one update (what the keeper would hand a new member). */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  applyUpdate(update: Uint8Array, origin: unknown = 'remote'): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /** Every update to the log (for tests that play the keeper's part). */
  observeUpdates(listener: (update: Uint8Array, origin: unknown) => void): () => void {
    this.doc.on('update', listener);
    return () => this.doc.off('update', listener);
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/** The origin of this copy's own writes to its log. */
export const SEALED_LOG_ORIGIN = Symbol('sealed-log');

/**
 * Per client, the clock ranges [from, to) an update holds, sorted and joined. Gaps are left out:
 * Yjs marks them with Skip structs when it merges updates with holes between them, or when a
 * document that holds pending structs (waiting for changes it has not received) is encoded whole.
 */
export type UpdateSpan = Map<number, [number, number][]>;

/**
 * What a set of updates holds of each client without a gap from clock 0: the state vector of
 * their union. A client whose range starts above 0 or has a hole counts only up to the hole.
 */
export function coveredStateVector(spans: Iterable<UpdateSpan>): Map<number, number> {
  const ranges = new Map<number, [number, number][]>();
  for (const span of spans) {
    for (const [client, list] of span) {
      const all = ranges.get(client);
      if (all) all.push(...list);
      else ranges.set(client, [...list]);
    }
  }
  const vector = new Map<number, number>();
  for (const [client, list] of ranges) {
    list.sort((a, b) => a[0] - b[0]);
    let end = 0;
    for (const [from, to] of list) {
      if (from > end) break;
      end = Math.max(end, to);
    }
    if (end > 0) vector.set(client, end);
  }
  return vector;
}

/** Per client, the clock ranges [from, to) an update deletes (or a document holds deleted), sorted and merged. */
export type DeleteRanges = Map<number, [number, number][]>;

/** What an update holds: its clocks per client and what it deletes. Throws on garbage. */
export interface UpdateContents {
  span: UpdateSpan;
  deletes: DeleteRanges;
}

/** The clocks an update holds and the ranges it deletes, in one reading (Y.decodeUpdate). */
export function readUpdate(update: Uint8Array): UpdateContents {
  const { structs, ds } = Y.decodeUpdate(update);
  const clocks = new Map<number, [number, number][]>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const list = clocks.get(client);
    if (list) list.push([clock, clock + struct.length]);
    else clocks.set(client, [[clock, clock + struct.length]]);
  }
  const span: UpdateSpan = new Map();
  for (const [client, list] of clocks) {
    const ranges = normalise(list);
    if (ranges.length > 0) span.set(client, ranges);
  }
  const deletes: DeleteRanges = new Map();
  for (const [client, items] of ds.clients) {
    const ranges = normalise(items.map((item) => [item.clock, item.clock + item.len] as [number, number]));
    if (ranges.length > 0) deletes.set(client, ranges);
  }
  return { span, deletes };
}

/** Everything a workspace's document holds deleted (its delete set), as ranges: about 1–3 ms for 5 MB. */
export function deletedRanges(workspace: { readonly doc: Y.Doc }): DeleteRanges {
  const deletes: DeleteRanges = new Map();
  for (const [client, items] of Y.createDeleteSetFromStructStore(workspace.doc.store).clients) {
    const ranges = normalise(items.map((item) => [item.clock, item.clock + item.len] as [number, number]));
    if (ranges.length > 0) deletes.set(client, ranges);
  }
  return deletes;
}

/** Sorted, overlapping and touching ranges joined, empty ones dropped. */
function normalise(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.filter(([from, to]) => to > from).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** The union of several sets of deleted ranges. */
export function unionDeletions(sets: Iterable<DeleteRanges>): DeleteRanges {
  const all = new Map<number, [number, number][]>();
  for (const set of sets) {
    for (const [client, ranges] of set) {
      const list = all.get(client);
      if (list) list.push(...ranges.map(([from, to]) => [from, to] as [number, number]));
      else all.set(client, ranges.map(([from, to]) => [from, to] as [number, number]));
    }
  }
  const out: DeleteRanges = new Map();
  for (const [client, list] of all) {
    const ranges = normalise(list);
    if (ranges.length > 0) out.set(client, ranges);
  }
  return out;
}

/** What of `held` is not in `covered`. Both normalised (as readUpdate and deletedRanges give them). */
export function missingDeletions(held: DeleteRanges, covered: DeleteRanges): DeleteRanges {
  const out: DeleteRanges = new Map();
  for (const [client, ranges] of held) {
    const cover = covered.get(client) ?? [];
    const missing: [number, number][] = [];
    let i = 0;
    for (const [from, to] of ranges) {
      let start = from;
      while (i < cover.length && cover[i]![1] <= start) i++;
      let j = i;
      while (start < to) {
        const c = cover[j];
        if (!c || c[0] >= to) {
          missing.push([start, to]);
          break;
        }
        if (c[0] > start) missing.push([start, c[0]]);
        start = Math.max(start, c[1]);
        j++;
      }
    }
    if (missing.length > 0) out.set(client, missing);
  }
  return out;
}

/** Ranges in both sets. */
export function commonDeletions(a: DeleteRanges, b: DeleteRanges): DeleteRanges {
  const out: DeleteRanges = new Map();
  for (const [client, ranges] of a) {
    const other = b.get(client);
    if (!other) continue;
    const common: [number, number][] = [];
    for (const [from, to] of ranges) {
      for (const [f, t] of other) {
        const start = Math.max(from, f);
        const end = Math.min(to, t);
        if (end > start) common.push([start, end]);
      }
    }
    const merged = normalise(common);
    if (merged.length > 0) out.set(client, merged);
  }
  return out;
}

/**
 * A Yjs update (v1) that holds no new content and deletes exactly these ranges: what a member
 * seals when its copy holds deletions that no entry of the log holds.
 */
export function encodeDeletions(set: DeleteRanges): Uint8Array {
  const bytes: number[] = [];
  const varUint = (n: number) => {
    while (n > 0x7f) {
      bytes.push(0x80 | (n % 0x80));
      n = Math.floor(n / 0x80);
    }
    bytes.push(n);
  };
  // No structs.
  varUint(0);
  // The delete set, clients in descending order as Yjs writes it.
  const clients = [...set].filter(([, ranges]) => ranges.length > 0).sort((a, b) => b[0] - a[0]);
  varUint(clients.length);
  for (const [client, ranges] of clients) {
    varUint(client);
    varUint(ranges.length);
    for (const [from, to] of ranges) {
      varUint(from);
      varUint(to - from);
    }
  }
  return Uint8Array.from(bytes);
}
