import { fromBase64, toBase64 } from '../../lib/bytes';
import { commonDeletions, coveredStateVector, deletedRanges, encodeDeletions, mergeUpdates, missingDeletions, readUpdate, unionDeletions, type DeleteRanges, type SealedLog, type UpdateContents, type Workspace } from '../../model';
import { canWrite, newEntryId, sealEntry, unsealEntry, type EntryKind, type KeeperKeys } from './keys';
import { markPartnersOrigin } from '../origins';

/**
 * The member's side of a keeper's log, with no network of its own (docs/keeper.md): seals this
 * copy's own changes into the log, applies what partners added, catches up what the log lacks,
 * and compacts the log when it has grown. The log is a Yjs document; whoever carries it (a
 * Hocuspocus provider, or a test) brings partners' entries and takes ours away.
 *
 * A view holder of a workspace with writers (version 2) only reads: it never seals, catches up
 * or compacts, and the keeper would not take its writes anyway.
 */

/** The origin of changes applied from the keeper's log. */
export const KEEPER_ORIGIN = Object.freeze({ keeper: true });
// What the keepers bring is partners' changes: storage may batch them (persistence.ts).
markPartnersOrigin(KEEPER_ORIGIN);

export interface KeeperTuning {
  /** Own changes wait this long to be sealed as one entry. */
  flushMs: number;
  /** How often the log is checked for changes nobody sealed (a partner without a keeper, a lost batch). */
  catchUpMs: number;
  /** Compact when the log holds more change entries than this… */
  compactEntries: number;
  /** …or more bytes of changes than both this and the snapshots hold. */
  compactBytes: number;
  /** A random wait before compacting, so that members seldom compact at once. */
  compactJitterMs: number;
}

export const DEFAULT_TUNING: KeeperTuning = {
  flushMs: 250,
  catchUpMs: 20_000,
  compactEntries: 256,
  compactBytes: 1 << 20,
  compactJitterMs: 5_000,
};

/** What this copy remembers between sessions: the entries it has applied, when its last change reached a keeper. */
export interface KeeperMemory {
  applied: string[];
  reachedAt: number | null;
  /** This copy added entries that no keeper has acknowledged yet (kept across a reload). */
  unsent?: boolean;
  /** Own changes not sealed yet when the page went away (base64 of one Yjs update): sealed first next time. */
  waiting?: string;
}
export interface KeeperMemoryStore {
  load(): KeeperMemory;
  save(memory: KeeperMemory): void;
}

export function memoryIn(store: { getItem(key: string): string | null; setItem(key: string, value: string): void }, key: string): KeeperMemoryStore {
  return {
    load() {
      try {
        const raw = JSON.parse(store.getItem(key) ?? 'null') as Partial<KeeperMemory> | null;
        const applied = Array.isArray(raw?.applied) ? raw.applied.filter((id): id is string => typeof id === 'string') : [];
        return {
          applied,
          reachedAt: typeof raw?.reachedAt === 'number' ? raw.reachedAt : null,
          unsent: raw?.unsent === true,
          ...(typeof raw?.waiting === 'string' ? { waiting: raw.waiting } : {}),
        };
      } catch {
        return { applied: [], reachedAt: null };
      }
    },
    save(memory) {
      try {
        store.setItem(key, JSON.stringify(memory));
      } catch {
        // A full storage: entries are applied again next time, which changes nothing.
      }
    },
  };
}

export function memoryInMemory(): KeeperMemoryStore {
  let memory: KeeperMemory = { applied: [], reachedAt: null };
  return { load: () => ({ ...memory, applied: [...memory.applied] }), save: (next) => (memory = { ...next, applied: [...next.applied] }) };
}

interface EntryInfo extends UpdateContents {
  kind: EntryKind;
  bytes: number;
}

export interface KeeperSyncStats {
  /** Entries in the log. */
  entries: number;
  /** Entries that did not unseal or apply (not from a link holder, or not signed by a writer, or damaged): ignored. */
  unreadable: number;
  /** Entries this copy sealed in this session. */
  sealed: number;
  /** Partners' entries applied in this session. */
  applied: number;
  /** Compactions this copy made in this session. */
  compactions: number;
  /** Own changes not yet sealed. */
  pending: number;
}

export interface KeeperSyncOptions {
  keys: KeeperKeys;
  workspace: Workspace;
  log: SealedLog;
  memory?: KeeperMemoryStore;
  tuning?: Partial<KeeperTuning>;
  /** For the jitter before compacting (tests pass a seeded one). */
  random?: () => number;
  onChange?: () => void;
}

export class KeeperSync {
  private readonly keys: KeeperKeys;
  /** This copy adds to the log (a writer, or anyone in version 1); a view holder only reads. */
  readonly writes: boolean;
  private readonly workspace: Workspace;
  private readonly log: SealedLog;
  private readonly memory: KeeperMemoryStore;
  private readonly tuning: KeeperTuning;
  private readonly random: () => number;
  private readonly onChange: () => void;
  private readonly info = new Map<string, EntryInfo>();
  private readonly unreadable = new Set<string>();
  private applied = new Set<string>();
  private pending: Uint8Array[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private catchUpTimer: ReturnType<typeof setInterval> | undefined;
  private compactTimer: ReturnType<typeof setTimeout> | undefined;
  /** Clients the last catch-up check saw ahead of the log, with their clock then. */
  private ahead = new Map<number, number>();
  /** Deletions the last catch-up check found in the workspace and in no entry. */
  private deletionsAhead: DeleteRanges | null = null;
  private synced = false;
  private firstCheckDone = false;
  /** At start, this copy had sealed entries and no keeper had ever acknowledged one: its log may hold only those. */
  private neverReached = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly cleanups: (() => void)[] = [];
  private destroyed = false;
  private counts = { sealed: 0, applied: 0, compactions: 0 };
  reachedAt: number | null = null;
  /** Own entries are in the log that no keeper has acknowledged yet. */
  unsent = false;
  /** What stash() kept, until it is sealed. */
  private waiting: string | null = null;

  constructor(options: KeeperSyncOptions) {
    this.keys = options.keys;
    this.writes = canWrite(options.keys);
    this.workspace = options.workspace;
    this.log = options.log;
    this.memory = options.memory ?? memoryInMemory();
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.random = options.random ?? Math.random;
    this.onChange = options.onChange ?? (() => {});
  }

  /** Read the log as it is (applying what this copy lacks), then follow both documents. */
  async start(): Promise<void> {
    const memory = this.memory.load();
    this.applied = new Set(memory.applied);
    this.reachedAt = memory.reachedAt;
    this.unsent = memory.unsent ?? false;
    this.neverReached = memory.reachedAt === null && this.unsent;
    if (memory.waiting && this.writes) {
      this.waiting = memory.waiting;
      try {
        this.pending.push(fromBase64(memory.waiting));
      } catch {
        this.waiting = null;
      }
    }
    this.cleanups.push(
      this.workspace.observeUpdates((update, local) => {
        if (!local || this.destroyed || !this.writes) return;
        this.pending.push(update);
        this.flushTimer ??= setTimeout(() => {
          this.flushTimer = undefined;
          void this.flush();
        }, this.tuning.flushMs);
        this.onChange();
      }),
      this.log.observe(({ added, removed, local }) => {
        for (const id of removed) {
          this.info.delete(id);
          this.unreadable.delete(id);
        }
        if (removed.length > 0) this.rememberApplied();
        if (!local && added.length > 0) this.enqueue(() => this.read(added));
        this.onChange();
      }),
    );
    await this.enqueue(() => this.read(this.log.ids()));
    if (this.pending.length > 0) void this.flush();
  }

  /** Whether the log is in step with a keeper: only then is it checked for gaps and compacted. */
  setSynced(synced: boolean): void {
    if (this.synced === synced || this.destroyed) return;
    this.synced = synced;
    if (!this.writes) return;
    if (synced) {
      void this.enqueue(() => this.checkCatchUp());
      this.catchUpTimer = setInterval(() => void this.enqueue(() => this.checkCatchUp()), this.tuning.catchUpMs);
      this.considerCompaction();
    } else {
      clearInterval(this.catchUpTimer);
      this.catchUpTimer = undefined;
      this.ahead.clear();
      this.deletionsAhead = null;
    }
  }

  /**
   * The page is going away: keep the own changes not sealed yet where the next session finds
   * them (localStorage, synchronous), as sealing takes a moment the page may not get. A change
   * that holds only deletions and is lost anyway (a crash) is found again by catching up, which
   * compares delete sets too.
   */
  stash(): void {
    if (this.pending.length === 0 || this.destroyed) return;
    this.waiting = toBase64(this.pending.length === 1 ? this.pending[0]! : mergeUpdates(this.pending));
    this.rememberApplied();
  }

  /** Seal the changes waiting now (also called when the page is hidden). */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    return this.enqueue(async () => {
      if (this.pending.length === 0) return;
      const updates = this.pending;
      this.pending = [];
      this.waiting = null;
      await this.seal('changes', updates.length === 1 ? updates[0]! : mergeUpdates(updates));
    });
  }

  /** A keeper acknowledged everything in the log (the provider has nothing unacknowledged). */
  markReached(at = Date.now()): void {
    if (!this.unsent) return;
    this.unsent = false;
    this.reachedAt = at;
    this.rememberApplied();
    this.onChange();
  }

  stats(): KeeperSyncStats {
    return { entries: this.log.size, unreadable: this.unreadable.size, ...this.counts, pending: this.pending.length };
  }

  /** Resolves when everything queued so far (reading, sealing, compacting) is done. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** One catch-up check now (tests; the timer does it otherwise). */
  catchUpNow(): Promise<void> {
    return this.enqueue(() => this.checkCatchUp());
  }

  /** Compact now if the log is past its bounds (tests skip the jitter with this). */
  compactNow(force = false): Promise<boolean> {
    let done = false;
    return this.enqueue(async () => {
      done = await this.compact(force);
    }).then(() => done);
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.compactTimer);
    clearInterval(this.catchUpTimer);
    for (const cleanup of this.cleanups) cleanup();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(() => (this.destroyed ? undefined : task())).catch((error: unknown) => {
      console.warn('tavola keeper:', error);
    });
    this.queue = next;
    return next;
  }

  /**
   * Unseal entries, note what each holds, apply those this copy has not applied yet. An entry
   * remembered as applied whose changes the workspace does not hold is applied again: the
   * memory (localStorage) is written at once, the workspace (IndexedDB) a moment later, and a
   * tab closed in between must not leave the workspace without them.
   */
  private async read(ids: string[]): Promise<void> {
    const fresh: { id: string; update: Uint8Array }[] = [];
    let held: Map<number, number> | null = null;
    let heldDeletes: DeleteRanges | null = null;
    for (const id of ids) {
      const sealed = this.log.get(id);
      if (!sealed) {
        if (this.log.has(id)) this.unreadable.add(id);
        continue;
      }
      const opened = await unsealEntry(this.keys, id, sealed);
      // The entry may have been removed (compacted) while it was being unsealed.
      if (this.log.get(id) !== sealed) continue;
      let contents: UpdateContents | null = null;
      try {
        if (opened) contents = readUpdate(opened.update);
      } catch {
        contents = null;
      }
      if (!opened || !contents) {
        this.unreadable.add(id);
        continue;
      }
      this.info.set(id, { kind: opened.kind, bytes: sealed.byteLength, ...contents });
      this.unreadable.delete(id);
      if (this.applied.has(id)) {
        held ??= this.workspace.stateVector();
        heldDeletes ??= deletedRanges(this.workspace);
        const holds = held;
        const clocksHeld = [...contents.span].every(([client, ranges]) => (holds.get(client) ?? 0) >= ranges[ranges.length - 1]![1]);
        if (clocksHeld && missingDeletions(contents.deletes, heldDeletes).size === 0) continue;
      }
      fresh.push({ id, update: opened.update });
    }
    if (fresh.length > 0) {
      try {
        // One merged update applies much faster than many (a new member reads the whole log).
        this.workspace.applyUpdate(fresh.length === 1 ? fresh[0]!.update : mergeUpdates(fresh.map((entry) => entry.update)), KEEPER_ORIGIN);
        for (const { id } of fresh) this.applied.add(id);
      } catch {
        // One of them is not a Yjs update after all: apply them one by one and set the bad ones aside.
        for (const { id, update } of fresh) {
          try {
            this.workspace.applyUpdate(update, KEEPER_ORIGIN);
            this.applied.add(id);
          } catch {
            this.info.delete(id);
            this.unreadable.add(id);
          }
        }
      }
      this.counts.applied += fresh.filter(({ id }) => this.applied.has(id)).length;
      this.rememberApplied();
    }
    this.onChange();
    this.considerCompaction();
  }

  private async seal(kind: EntryKind, update: Uint8Array, replacing?: string[]): Promise<void> {
    if (!this.writes) return;
    const id = newEntryId();
    const sealed = await sealEntry(this.keys, id, kind, update);
    if (this.destroyed) return;
    this.info.set(id, { kind, bytes: sealed.byteLength, ...readUpdate(update) });
    this.applied.add(id);
    if (replacing) this.log.replace(replacing, id, sealed);
    else this.log.add(id, sealed);
    this.unsent = true;
    this.counts.sealed++;
    this.rememberApplied();
    this.onChange();
    this.considerCompaction();
  }

  /**
   * Changes this copy holds that no entry holds: a partner's who has no keeper (they came over
   * WebRTC), a batch lost when a tab closed, a whole workspace when its keeper is new. A client
   * seen ahead in two checks in a row is sealed: one check apart, a partner's own entry had time
   * to arrive. When the log has nothing readable at all, this copy brings everything at once.
   * Deletions alike: a change that only deleted (no new clock) and never reached the log (a
   * crash before sealing, an entry the keeper dropped) is found by comparing this copy's delete
   * set with the entries'; what is missing in two checks in a row is sealed, as deletions alone.
   */
  private async checkCatchUp(): Promise<void> {
    if (!this.synced || !this.writes) return;
    const covered = coveredStateVector([...this.info.values()].map((entry) => entry.span));
    const held = this.workspace.stateVector();
    const own = this.workspace.clientId;
    // A log that never met a keeper (nothing readable, or only this copy's entries sealed while no
    // keeper took them: a refusing keeper, offline) lacks what was written before them: all at once.
    const fresh = !this.firstCheckDone && (this.info.size === 0 || this.neverReached);
    this.firstCheckDone = true;
    const stale = new Map<number, number>();
    const ahead = new Map<number, number>();
    for (const [client, clock] of held) {
      const have = covered.get(client) ?? 0;
      if (clock <= have) continue;
      // Own changes are on their way as a batch, unless they were already ahead last time.
      if (fresh || (this.ahead.has(client) && have < this.ahead.get(client)! && !(client === own && this.pending.length > 0))) stale.set(client, have);
      else ahead.set(client, clock);
    }
    this.ahead = ahead;
    if (stale.size > 0) {
      const since = new Map(held);
      for (const [client, have] of stale) since.set(client, have);
      // With the whole delete set: every deletion is in the log after this.
      this.deletionsAhead = null;
      await this.seal('changes', this.workspace.encodeStateSince(since));
      return;
    }
    const missing = missingDeletions(deletedRanges(this.workspace), unionDeletions([...this.info.values()].map((entry) => entry.deletes)));
    const lasting = this.deletionsAhead ? commonDeletions(missing, this.deletionsAhead) : new Map<number, [number, number][]>();
    this.deletionsAhead = missing.size > 0 ? missing : null;
    // Own deletions may be in the batch on its way.
    if (lasting.size === 0 || this.pending.length > 0) return;
    this.deletionsAhead = null;
    await this.seal('changes', encodeDeletions(lasting));
  }

  private considerCompaction(): void {
    if (!this.writes || !this.synced || this.compactTimer || this.destroyed || !this.pastBounds()) return;
    this.compactTimer = setTimeout(() => {
      this.compactTimer = undefined;
      void this.enqueue(async () => {
        await this.compact(false);
      });
    }, this.random() * this.tuning.compactJitterMs);
  }

  private pastBounds(): boolean {
    let changes = 0;
    let changeBytes = 0;
    let snapshots = 0;
    let snapshotBytes = 0;
    for (const entry of this.info.values()) {
      if (entry.kind === 'snapshot') {
        snapshots++;
        snapshotBytes += entry.bytes;
      } else {
        changes++;
        changeBytes += entry.bytes;
      }
    }
    return (
      changes > this.tuning.compactEntries ||
      (changeBytes > this.tuning.compactBytes && changeBytes > snapshotBytes) ||
      // Two members compacted at once: one snapshot again.
      snapshots > 1
    );
  }

  /**
   * One sealed snapshot of this copy's whole workspace replaces every entry this copy has read
   * and applied: all of their changes are in the snapshot. Entries it could not read, and entries
   * that arrive meanwhile, stay. Two members compacting at once each remove only what their own
   * snapshot holds, so nothing is lost (tests/unit/keeper-sync.test.ts).
   */
  private async compact(force: boolean): Promise<boolean> {
    if (!this.writes || (!force && (!this.synced || !this.pastBounds()))) return false;
    const replaced = [...this.info.keys()].filter((id) => this.applied.has(id) && this.log.has(id));
    if (replaced.length === 0) return false;
    // Own changes not sealed yet are in the snapshot too.
    this.pending = [];
    this.waiting = null;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const snapshot = this.workspace.encodeState();
    await this.seal('snapshot', snapshot, replaced);
    this.counts.compactions++;
    return true;
  }

  private rememberApplied(): void {
    const present = [...this.applied].filter((id) => this.log.has(id));
    this.applied = new Set(present);
    this.memory.save({ applied: present, reachedAt: this.reachedAt, unsent: this.unsent, ...(this.waiting ? { waiting: this.waiting } : {}) });
  }
}
