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

/** Per client, the range of clocks an update holds: [from, to). */
export type UpdateSpan = Map<number, [number, number]>;

/** Which clocks of which clients an update holds (Yjs's parseUpdateMeta). Throws on garbage. */
export function updateSpan(update: Uint8Array): UpdateSpan {
  const { from, to } = Y.parseUpdateMeta(update);
  const span: UpdateSpan = new Map();
  for (const [client, start] of from) {
    const end = to.get(client) ?? start;
    if (end > start) span.set(client, [start, end]);
  }
  return span;
}

/**
 * What a set of updates holds of each client without a gap from clock 0: the state vector of
 * their union. A client whose range starts above 0 or has a hole counts only up to the hole.
 */
export function coveredStateVector(spans: Iterable<UpdateSpan>): Map<number, number> {
  const ranges = new Map<number, [number, number][]>();
  for (const span of spans) {
    for (const [client, range] of span) {
      const list = ranges.get(client);
      if (list) list.push(range);
      else ranges.set(client, [range]);
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
