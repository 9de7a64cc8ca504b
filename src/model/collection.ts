import * as Y from 'yjs';
import * as z from 'zod/mini';
import { CoText } from './text';
import { ID_PATTERN } from './ids';
import { type Ordered, orderKeysForPlacement, sortOrdered, isValidOrderKey, compareOrdered, FIRST_KEY } from './order';
import { generateKeyBetween } from 'fractional-indexing';
import { handOver, plainBeforeRemoval, rememberInitialContent, rememberOwnRemoved, salvagedKeys, takeWaiting, waitingEntries, waitingText } from './salvage';

/**
 * How a field is kept in the record's Y.Map: a plain value, a Y.Text, a set of ids (Y.Map
 * id → true), an ordered set of ids (Y.Map id → order key), or derived: read and written by the
 * record kind itself from other keys (a focus point's topic and order come from its `place`).
 */
export type Storage = 'value' | 'text' | 'set' | 'orderedSet' | 'derived';

export interface Field<T> {
  schema: z.ZodMiniType<T>;
  fallback: () => T;
  storage: Storage;
  /** For texts: the longest value read back whole; a longer one is cut to this length. */
  maxLength?: number;
}

export function value<T>(schema: z.ZodMiniType<T>, fallback: T | (() => T)): Field<T> {
  return { schema, fallback: typeof fallback === 'function' ? (fallback as () => T) : () => fallback, storage: 'value' };
}

/** A co-edited text (Y.Text). */
export function text(maxLength = 100_000): Field<string> {
  return { schema: z.string().check(z.maxLength(maxLength)), fallback: () => '', storage: 'text', maxLength };
}

/** A set of ids (Y.Map id → true): concurrent additions and removals of different ids all survive. */
export function idSet(): Field<string[]> {
  return { schema: z.array(z.string()), fallback: () => [], storage: 'set' };
}

/**
 * An ordered set of ids (Y.Map id → fractional order key, ties by id): a concurrent add, remove
 * and move of different ids all survive, and an id is never listed twice. Read as the ids in order.
 * (Schema 1 kept these as a Y.Array rewritten whole; such a value still reads, see docs/document.md.)
 */
export function orderedIds(): Field<string[]> {
  return { schema: z.array(z.string()), fallback: () => [], storage: 'orderedSet' };
}

/** A field the record kind reads and writes itself (see Collection.readDerived and writeDerived). */
export function derived<T>(schema: z.ZodMiniType<T>, fallback: T): Field<T> {
  return { schema, fallback: () => fallback, storage: 'derived' };
}

export interface BaseRecord {
  id: string;
  order: string;
  createdAt: string;
  deletedAt: string | null;
}

export type Fields<R> = { [K in keyof R]: Field<R[K]> };

const isoDateTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/));

export const baseFields: Fields<BaseRecord> = {
  id: value(z.string(), ''),
  // Invalid or missing keys sort last; the next move of such a record gives it a proper key.
  order: value(z.string().check(z.refine(isValidOrderKey)), '~'),
  createdAt: value(isoDateTime, () => new Date(0).toISOString()),
  deletedAt: value(z.nullable(isoDateTime), null),
};

/**
 * What one transaction changed in a collection: per record id, the fields that changed, or null
 * when the record was added, removed or replaced (every field may differ). Derived fields are
 * named, not the keys they are stored in.
 */
export type ChangedFields = ReadonlyMap<string, ReadonlySet<string> | null>;

/** Whether any of `fields` may have changed in any record of `changes`. */
export function anyFieldChanged(changes: ChangedFields, fields: readonly string[]): boolean {
  for (const changed of changes.values()) {
    if (changed === null) return true;
    for (const field of fields) if (changed.has(field)) return true;
  }
  return false;
}

/** Whether something other than `fields` may have changed in some record of `changes`. */
export function changedOtherThan(changes: ChangedFields, fields: readonly string[]): boolean {
  for (const changed of changes.values()) {
    if (changed === null) return true;
    for (const field of changed) if (!fields.includes(field)) return true;
  }
  return false;
}

export type ReadResult<R> =
  | { ok: true; record: R; repaired: string[] }
  | { ok: false; id: string; problem: string };

export type CollectionName = 'members' | 'topics' | 'focusPoints' | 'meetings' | 'practices';

/** Every flat record map: the collections of the group's work, and its saved versions (version.ts). */
export type RecordMapName = CollectionName | 'versions';

/** What a collection needs from its workspace. */
export interface Host {
  readonly doc: Y.Doc;
  transact(action: string, fn: () => void): void;
  /** The origin `transact` gives `action` (for changes applied as updates: rich-text migrations). */
  originOf?(action: string): unknown;
  /** Whether the document holds a workspace yet: nothing is migrated in one still waiting for it. */
  received?(): boolean;
}

export type Draft<R extends BaseRecord> = Partial<Omit<R, keyof BaseRecord>>;

/** Why a value was refused, for the screen to say in the person's language (the message is English, for logs). */
export type InvalidReason = 'too-long' | 'empty' | 'invalid' | 'period-order';

/** A value that a write was refused for: the message says which field and why, in plain words. */
export class InvalidValue extends Error {
  /** Why, as a code: `too-long` (with `length` and `limit`), `empty`, `invalid`, `period-order` (a period that ends before it starts); undefined where only the message says. */
  readonly reason: InvalidReason | undefined;
  /** For `too-long`: the most characters the field keeps. */
  readonly limit: number | undefined;
  /** For `too-long`: how many characters were given. */
  readonly length: number | undefined;
  constructor(
    readonly collection: string,
    readonly field: string,
    message: string,
    details: { reason: InvalidReason; limit?: number; length?: number } | undefined = undefined,
  ) {
    super(message);
    this.name = 'InvalidValue';
    this.reason = details?.reason;
    this.limit = details?.limit;
    this.length = details?.length;
  }
}

/**
 * One record kind kept as a flat Y.Map of id → record Y.Map. Every read is validated field by
 * field: a field of the wrong shape gets its fallback and is reported as repaired, unknown fields
 * are left alone (a newer version may have written them), and a record that is not a map at all,
 * or whose id is not one Tavola makes, is reported, never thrown.
 */
export class Collection<R extends BaseRecord> {
  private readonly map: Y.Map<unknown>;
  /**
   * Validated reads, kept until the record changes: a list reads every record, and validating
   * each one again on every keystroke made lists of thousands of points slow.
   */
  private readonly cache = new Map<string, ReadResult<R>>();

  constructor(
    protected readonly host: Host,
    readonly name: RecordMapName,
    private readonly fields: Fields<R>,
  ) {
    this.map = host.doc.getMap(name);
    // Registered first, so the cache is fresh before any other observer of this collection reads.
    this.map.observeDeep((events, transaction) => {
      // First, so what now waits for a key (salvage.ts) is there for every read below.
      const found = this.replaced(events, transaction);
      const changes = this.changedFields(events);
      for (const id of changes.keys()) this.cache.delete(id);
      this.recordsChanged(changes);
      this.handOverReplaced(found);
    });
  }

  /** The shared types of our records a partner's update replaced or removed, and what we had written into them. */
  private replaced(events: Y.YEvent<any>[], transaction: Y.Transaction): { record: Y.Map<unknown>; key: string; salvage: ReturnType<typeof salvagedKeys>[number]['salvage'] }[] {
    const found: { record: Y.Map<unknown>; key: string; salvage: ReturnType<typeof salvagedKeys>[number]['salvage'] }[] = [];
    for (const event of events) {
      if (event.target === this.map) continue;
      if (event.path.length === 2) rememberOwnRemoved(event, transaction);
      if (event.path.length !== 1) continue;
      for (const { key, salvage } of salvagedKeys(event, transaction)) found.push({ record: event.target as Y.Map<unknown>, key, salvage });
    }
    return found;
  }

  /**
   * A partner's update replaced a shared type of one of our records (two peers repaired the same
   * field at once): what this peer wrote into its copy goes into the one that stayed (salvage.ts).
   */
  private handOverReplaced(found: ReturnType<Collection<R>['replaced']>): void {
    if (found.length === 0) return;
    this.host.transact('repair', () => {
      for (const { record, key, salvage } of found) handOver(salvage, record.get(key));
    });
  }

  /** For subclasses that keep an index: called with what changed, before any other observer. */
  protected recordsChanged(_changes: ChangedFields): void {}

  /**
   * The fields a stored key holds. Most keys are their field; a record kind with derived fields
   * overrides this (a focus point's `place` holds its `topicId` and `order`).
   */
  protected fieldsStoredAt(key: string): readonly string[] {
    return [key];
  }

  /** Which records, and which of their fields, a batch of deep events touched. */
  private changedFields(events: Y.YEvent<any>[]): ChangedFields {
    const changes = new Map<string, Set<string> | null>();
    const touch = (id: string, fields: Iterable<string> | null) => {
      if (fields === null) return void changes.set(id, null);
      let known = changes.get(id);
      if (known === null) return;
      if (!known) changes.set(id, (known = new Set()));
      for (const key of fields) for (const field of this.fieldsStoredAt(key)) known.add(field);
    };
    for (const event of events) {
      if (event.target === this.map) {
        // A record added, removed or replaced: every field may differ.
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touch(key, null);
        continue;
      }
      const [id, key] = event.path;
      if (typeof id !== 'string') continue;
      if (typeof key === 'string') touch(id, [key]);
      else if (event.target instanceof Y.Map) touch(id, (event as Y.YMapEvent<unknown>).keysChanged);
      else touch(id, null);
    }
    return changes;
  }

  /** True while a transaction is open: observers (and so caches and indexes) are behind until it ends. */
  protected get inTransaction(): boolean {
    return this.host.doc._transaction !== null;
  }

  get size(): number {
    return this.map.size;
  }

  has(id: string): boolean {
    return this.map.get(id) instanceof Y.Map;
  }

  read(id: string): ReadResult<R> | undefined {
    if (!this.map.has(id)) return undefined;
    return this.cachedRead(id, this.map.get(id));
  }

  /**
   * The record as read and cached, NOT copied: for the model's own reads (indexes, filters), which
   * must neither change it nor hand it out. Copying every record a list looks at cost more than
   * reading it.
   */
  protected peek(id: string): R | undefined {
    if (!this.map.has(id)) return undefined;
    const result = this.readCached(id, this.map.get(id));
    return result.ok ? result.record : undefined;
  }

  /** Every entry as read and cached, not copied (see peek). */
  protected forEachRead(fn: (result: ReadResult<R>, id: string) => void): void {
    this.map.forEach((raw, id) => fn(this.readCached(id, raw), id));
  }

  /**
   * Some stored fields of every readable entry (unreadable ones are left out), read and checked
   * exactly as a whole read reads them, without reading the others (texts, sets) or caching: for
   * an index built once over every record, which needs only a few fields. `raw` is for a
   * subclass's own derived fields.
   */
  protected forEachPartial<K extends keyof R & string>(keys: readonly K[], fn: (values: Pick<R, K>, id: string, raw: Y.Map<unknown>) => void): void {
    for (const key of keys) if (this.fields[key].storage === 'derived') throw new Error(`${this.name}.${key} is derived`);
    this.map.forEach((raw, id) => {
      const values = this.readPartial(id, raw, keys);
      if (values) fn(values, id, raw as Y.Map<unknown>);
    });
  }

  /** What forEachPartial gives for one entry: undefined when it is gone or unreadable. */
  protected peekPartial<K extends keyof R & string>(id: string, keys: readonly K[]): { values: Pick<R, K>; raw: Y.Map<unknown> } | undefined {
    const raw = this.map.get(id);
    const values = raw === undefined ? undefined : this.readPartial(id, raw, keys);
    return values && { values, raw: raw as Y.Map<unknown> };
  }

  private readPartial<K extends keyof R & string>(id: string, raw: unknown, keys: readonly K[]): Pick<R, K> | undefined {
    if (unreadable(id, raw) !== null) return undefined;
    const record: Record<string, unknown> = {};
    for (const key of keys) this.readFieldInto(raw as Y.Map<unknown>, key, record, []);
    return record as Pick<R, K>;
  }

  /** Why an entry cannot be read at all, or null when it can (or is gone): its shape and id alone, nothing read. */
  problemOf(id: string): string | null {
    return this.map.has(id) ? unreadable(id, this.map.get(id)) : null;
  }

  /** A copy the caller owns (Solid stores write into the objects they are given). */
  protected copy(record: R): R {
    return cloneRecord(record);
  }

  /** The record, if it exists and could be read (repaired or not). */
  get(id: string): R | undefined {
    const result = this.read(id);
    return result?.ok ? result.record : undefined;
  }

  /** Every entry, readable or not. */
  readAll(): ReadResult<R>[] {
    const results: ReadResult<R>[] = [];
    this.map.forEach((raw, id) => results.push(this.cachedRead(id, raw)));
    return results;
  }

  private readCached(id: string, raw: unknown): ReadResult<R> {
    // Inside a transaction the cache may be stale: observers only run when it ends.
    if (this.inTransaction) return this.readRaw(id, raw);
    let result = this.cache.get(id);
    if (!result) {
      result = this.readRaw(id, raw);
      this.cache.set(id, result);
    }
    return result;
  }

  private cachedRead(id: string, raw: unknown): ReadResult<R> {
    const result = this.readCached(id, raw);
    // Callers own what they get (Solid stores write into the objects they are given).
    return result.ok ? { ok: true, record: cloneRecord(result.record), repaired: [...result.repaired] } : { ...result };
  }

  /** Readable records in order; deleted ones only when asked. */
  list(options: { deleted?: 'exclude' | 'include' | 'only'; where?: (record: R) => boolean } = {}): R[] {
    const deleted = options.deleted ?? 'exclude';
    const records: R[] = [];
    this.forEachRead((result) => {
      if (!result.ok) return;
      const record = result.record;
      if (deleted === 'exclude' && record.deletedAt) return;
      if (deleted === 'only' && !record.deletedAt) return;
      // `where` sees a copy: it is the caller's code.
      const copy = cloneRecord(record);
      if (options.where && !options.where(copy)) return;
      records.push(copy);
    });
    return sortOrdered(records);
  }

  /** Entries that could not be read at all. */
  problems(): { id: string; problem: string }[] {
    // Whether an entry can be read depends on its shape and id alone (every field is repaired
    // on reading): nothing is read whole, which cost 240 ms of a cold open with 10,000 points.
    const problems: { id: string; problem: string }[] = [];
    this.map.forEach((raw, id) => {
      const problem = unreadable(id, raw);
      if (problem) problems.push({ id, problem });
    });
    return problems;
  }

  /**
   * A co-edited text field of a record, or undefined if the record does not exist. Every record
   * Tavola creates has all its texts; one that lacks a text (another program wrote it) or holds a
   * plain string there is repaired here, with what it held kept as text. Two peers repairing the
   * same field at once lose nothing of what they type (salvage.ts).
   */
  text(id: string, field: keyof R & string): CoText | undefined {
    if (this.fields[field].storage !== 'text') throw new Error(`${this.name}.${field} is not a text field`);
    const record = this.map.get(id);
    if (!(record instanceof Y.Map)) return undefined;
    let ytext = record.get(field);
    if (!(ytext instanceof Y.Text)) {
      // A plain string a partner's half-arrived repair just removed is still what the field says.
      const previous = typeof ytext === 'string' ? ytext : ytext === undefined ? (plainBeforeRemoval(record, field) ?? '') : '';
      const replacement = new Y.Text(previous);
      this.host.transact('repair', () => record.set(field, replacement));
      rememberInitialContent(replacement);
      ytext = replacement;
    }
    return new CoText(ytext as Y.Text, (fn) => this.host.transact(`${this.name}.${field}.edit`, fn));
  }

  /**
   * Called after each transaction with the ids of the records that changed (added, edited,
   * removed), whether the change was made here, and per id the fields that changed (null: the
   * record was added, removed or replaced, so any field may have). A keystroke in a focus point
   * reports `text` alone, so a list that does not show texts need not be read again.
   */
  observe(listener: (ids: Set<string>, local: boolean, fields: ChangedFields) => void): () => void {
    const handler = (events: Y.YEvent<any>[], transaction: Y.Transaction) => {
      const fields = this.changedFields(events);
      if (fields.size > 0) listener(new Set(fields.keys()), transaction.local, fields);
    };
    this.map.observeDeep(handler);
    return () => this.map.unobserveDeep(handler);
  }

  /**
   * A new record: every field written in one transaction, every shared type (text, set) created
   * here and never later (DESIGN.md: no lazily created types).
   */
  protected insertRecord(action: string, id: string, values: Partial<R>, siblings: readonly Ordered[], index = siblings.length): string {
    if (!ID_PATTERN.test(id)) throw new InvalidValue(this.name, 'id', `${this.name}: ${JSON.stringify(id.slice(0, 80))} is not a valid id`, { reason: 'invalid' });
    const now = new Date().toISOString();
    const initial: Record<string, unknown> = { createdAt: now, deletedAt: null, ...values, id };
    const writes: [string, Field<unknown>, unknown][] = [];
    const derivedValues: Partial<R> = {};
    for (const key of Object.keys(this.fields) as (keyof R & string)[]) {
      if (key === 'order') continue;
      const field = this.fields[key] as Field<unknown>;
      const given = initial[key];
      const checked = given === undefined ? field.fallback() : this.checked(key, field, given);
      if (field.storage === 'derived') (derivedValues as Record<string, unknown>)[key] = checked;
      else writes.push([key, field, checked]);
    }
    this.host.transact(action, () => {
      const record = new Y.Map<unknown>();
      this.map.set(id, record);
      for (const [key, field, given] of writes) this.writeField(record, key, field, given);
      // Derived fields other than the order (rich texts) are written here, with the record.
      if (this.fields.order.storage !== 'derived' && Object.keys(derivedValues).length > 0) this.writeDerived(id, record, derivedValues);
      this.applyOrder(orderKeysForPlacement(siblings, id, index), new Map([[id, derivedValues]]));
    });
    return id;
  }

  protected patchRecord(action: string, id: string, values: Partial<R>): void {
    const record = this.recordMap(id);
    const writes: [string, Field<unknown>, unknown][] = [];
    const derivedValues: Partial<R> = {};
    let anyDerived = false;
    for (const [key, given] of Object.entries(values)) {
      if (key === 'id' || given === undefined) continue;
      const field = this.fields[key as keyof R] as Field<unknown> | undefined;
      if (!field) throw new Error(`${this.name} has no field ${key}`);
      const checked = this.checked(key, field, given);
      if (field.storage === 'derived') {
        (derivedValues as Record<string, unknown>)[key] = checked;
        anyDerived = true;
      } else writes.push([key, field, checked]);
    }
    this.host.transact(action, () => {
      for (const [key, field, given] of writes) this.writeField(record, key, field, given);
      if (anyDerived) this.writeDerived(id, record, derivedValues);
    });
  }

  /**
   * A value this code is about to write, checked against the schema its own reads apply: written
   * unchecked, a bad value would read back as the fallback and the person's input would vanish.
   */
  private checked(key: string, field: Field<unknown>, given: unknown): unknown {
    const parsed = field.schema.safeParse(given);
    if (!parsed.success) {
      const shown = typeof given === 'string' ? JSON.stringify(given.length > 80 ? `${given.slice(0, 80)}…` : given) : Array.isArray(given) ? 'this list' : String(given);
      const tooLong = typeof given === 'string' && field.maxLength !== undefined && given.length > field.maxLength;
      throw new InvalidValue(
        this.name,
        key,
        tooLong ? `${this.name}.${key}: ${given.length} characters is more than the ${field.maxLength} allowed` : `${this.name}.${key}: ${shown} is not a valid value`,
        tooLong ? { reason: 'too-long', limit: field.maxLength, length: given.length } : { reason: 'invalid' },
      );
    }
    return parsed.data;
  }

  /** Add or remove one id in a set field. */
  protected toggleInSet(action: string, id: string, field: keyof R & string, member: string, present: boolean): void {
    const record = this.recordMap(id);
    this.host.transact(action, () => {
      const set = this.sharedMap(record, field);
      if (present) set.set(member, true);
      else set.delete(member);
    });
  }

  /**
   * Put `member` at `index` of an ordered set field (adding it if absent): one key written, so a
   * partner's concurrent add, remove or move of another id survives.
   */
  protected placeInOrderedSet(action: string, id: string, field: keyof R & string, member: string, index: number): void {
    const record = this.recordMap(id);
    this.host.transact(action, () => {
      // Keys are placed among the map's entries, so an agenda stored otherwise is repaired first.
      const set = this.sharedMap(record, field);
      const others = orderedEntries(set).filter((entry) => entry.id !== member);
      for (const [entryId, key] of orderKeysForPlacement(others, member, index)) if (set.get(entryId) !== key) set.set(entryId, key);
    });
  }

  protected removeFromOrderedSet(action: string, id: string, field: keyof R & string, member: string): void {
    const record = this.recordMap(id);
    this.host.transact(action, () => {
      const set = this.sharedMap(record, field);
      if (set.has(member)) set.delete(member);
    });
  }

  /** Give a record's set or ordered-set field its Y.Map, keeping what it listed (migrations). */
  protected ensureSharedMap(id: string, field: keyof R & string): void {
    const record = this.recordMap(id);
    if (record.get(field) instanceof Y.Map) return;
    this.host.transact('workspace.migrate', () => this.sharedMap(record, field));
  }

  /**
   * The Y.Map of a set or ordered-set field. Records Tavola creates have it from the start; one
   * written otherwise (a plain list, or nothing) is repaired here, keeping what it listed, and a
   * concurrent repair elsewhere loses nothing (salvage.ts).
   */
  private sharedMap(record: Y.Map<unknown>, field: string): Y.Map<unknown> {
    const existing = record.get(field);
    if (existing instanceof Y.Map) return existing;
    const storage = this.fields[field as keyof R].storage;
    const kept = this.fields[field as keyof R].schema.safeParse(plainValue(existing, storage).plain);
    const replacement = new Y.Map<unknown>();
    if (kept.success) {
      const ids = kept.data as string[];
      const keys = storage === 'orderedSet' && ids.length > 0 ? orderKeysFor(ids.length) : [];
      ids.forEach((member, i) => replacement.set(member, storage === 'orderedSet' ? keys[i]! : true));
    }
    // What this peer had in a copy a partner's half-arrived repair removed goes in now, so a
    // placement in this same action counts it.
    for (const salvage of takeWaiting(record, field)) if (salvage.kind === 'map') for (const [key, value] of salvage.entries) if (!replacement.has(key)) replacement.set(key, value);
    record.set(field, replacement);
    return replacement;
  }

  /** Move a record to `index` among `siblings` (which may include it). */
  protected placeRecord(action: string, id: string, siblings: readonly Ordered[], index: number, values?: Partial<R>): void {
    this.recordMap(id);
    this.host.transact(action, () => this.applyOrder(orderKeysForPlacement(siblings, id, index), values ? new Map([[id, values]]) : undefined));
  }

  /**
   * Set several fields of a record at once, each written as its own edits write it: a text by its
   * smallest splice, a set by the ids that differ, a value only when it differs. Checked like
   * every write. For putting a record back as it was (restoring a named version).
   */
  setFields(id: string, values: Partial<Omit<R, 'id' | 'createdAt'>>): void {
    this.patchRecord(`${this.name}.set`, id, values as Partial<R>);
  }

  remove(id: string): void {
    this.patchRecord(`${this.name}.remove`, id, { deletedAt: new Date().toISOString() } as Partial<R>);
  }

  restore(id: string): void {
    this.patchRecord(`${this.name}.restore`, id, { deletedAt: null } as Partial<R>);
  }

  /** Write new order keys; `derivedValues` are what the records' derived fields are to become with them. */
  private applyOrder(keys: Map<string, string>, derivedValues?: Map<string, Partial<R>>): void {
    for (const [id, key] of keys) {
      const record = this.map.get(id);
      if (!(record instanceof Y.Map)) continue;
      if (this.fields.order.storage === 'derived') this.writeDerived(id, record, { ...derivedValues?.get(id), order: key } as Partial<R>);
      else if (record.get('order') !== key) record.set('order', key);
    }
  }

  /**
   * Write derived fields (storage 'derived'): `values` holds the new ones, the record's current
   * values fill the rest. Record kinds with derived fields override this and readDerived.
   */
  protected writeDerived(_id: string, _record: Y.Map<unknown>, _values: Partial<R>): void {
    throw new Error(`${this.name} has no derived fields`);
  }

  /** Read derived fields into `record` (already holding the plain fields); returns the keys repaired. */
  protected readDerived(_raw: Y.Map<unknown>, _record: Record<string, unknown>): string[] {
    return [];
  }

  /** A record's own Y.Map, for the record kind's rich texts (rich-text.ts); undefined if there is none. */
  protected recordOf(id: string): Y.Map<unknown> | undefined {
    const record = this.map.get(id);
    return record instanceof Y.Map ? record : undefined;
  }

  protected allIds(): string[] {
    return Array.from(this.map.keys());
  }

  /** Whether a migration may write: never into a document still waiting for its workspace (it would meet the real one as a concurrent edit). */
  protected mayMigrate(): boolean {
    return this.host.received?.() ?? true;
  }

  /** The origin of a migration's changes: a system action, never undone. */
  protected migrationOrigin(): unknown {
    return this.host.originOf?.('workspace.migrate') ?? 'workspace.migrate';
  }

  private recordMap(id: string): Y.Map<unknown> {
    const record = this.map.get(id);
    if (!(record instanceof Y.Map)) throw new Error(`No ${this.name} record ${id}`);
    return record;
  }

  private writeField(record: Y.Map<unknown>, key: string, field: Field<unknown>, given: unknown): void {
    switch (field.storage) {
      case 'value':
        if (record.get(key) !== given) record.set(key, given);
        return;
      case 'text': {
        const current = record.get(key);
        if (current instanceof Y.Text) {
          new CoText(current, (fn) => fn()).set(String(given));
        } else {
          const created = new Y.Text(String(given));
          record.set(key, created);
          if (current !== undefined) rememberInitialContent(created);
        }
        return;
      }
      case 'set': {
        const wanted = new Set(given as string[]);
        const ymap = this.sharedMap(record, key);
        for (const existing of Array.from(ymap.keys())) if (!wanted.has(existing)) ymap.delete(existing);
        for (const member of wanted) if (!ymap.has(member)) ymap.set(member, true);
        return;
      }
      case 'orderedSet': {
        // The wanted order in few writes: an id already after the one before it keeps its key.
        const wanted = [...new Set(given as string[])];
        const ymap = this.sharedMap(record, key);
        const wantedSet = new Set(wanted);
        for (const existing of Array.from(ymap.keys())) if (!wantedSet.has(existing)) ymap.delete(existing);
        let previous: string | null = null;
        for (const member of wanted) {
          const current = ymap.get(member);
          if (typeof current === 'string' && isValidOrderKey(current) && (previous === null || current > previous)) {
            previous = current;
            continue;
          }
          previous = generateKeyBetween(previous, null);
          ymap.set(member, previous);
        }
        return;
      }
      case 'derived':
        throw new Error(`${this.name}.${key} is derived`);
    }
  }

  /** One stored (not derived) field of a record, checked, into `record`; its key into `repaired` when it was not read as stored. */
  private readFieldInto(raw: Y.Map<unknown>, key: string, record: Record<string, unknown>, repaired: string[]): void {
    const field = this.fields[key as keyof R];
    const stored = raw.get(key);
    // A text a partner's half-arrived repair took away reads as what a repair here would hold.
    const { plain, exact } = stored === undefined ? waitingValue(raw, key, field.storage) : plainValue(stored, field.storage);
    const parsed = field.schema.safeParse(plain);
    if (parsed.success) {
      record[key] = parsed.data;
      if (!exact) repaired.push(key);
    } else if (field.storage === 'text' && typeof plain === 'string' && field.maxLength !== undefined && plain.length > field.maxLength) {
      // Too long (a paste through CoText has no limit): show what fits rather than nothing.
      record[key] = cutAt(plain, field.maxLength);
      repaired.push(key);
    } else {
      record[key] = field.fallback();
      repaired.push(key);
    }
  }

  private readRaw(id: string, stored: unknown): ReadResult<R> {
    const problem = unreadable(id, stored);
    if (problem !== null) return { ok: false, id, problem };
    const raw = stored as Y.Map<unknown>;
    const record: Record<string, unknown> = {};
    const repaired: string[] = [];
    for (const key of Object.keys(this.fields)) {
      if (this.fields[key as keyof R].storage === 'derived') continue;
      this.readFieldInto(raw, key, record, repaired);
    }
    repaired.push(...this.readDerived(raw, record));
    if (record.id !== id) {
      record.id = id;
      if (!repaired.includes('id')) repaired.push('id');
    }
    return { ok: true, record: record as R, repaired };
  }
}

/** `count` evenly spread order keys, the same on every peer (for repairs and migrations). */
export function orderKeysFor(count: number): string[] {
  const keys: string[] = [];
  let previous: string | null = null;
  for (let i = 0; i < count; i++) {
    previous = previous === null ? FIRST_KEY : generateKeyBetween(previous, null);
    keys.push(previous);
  }
  return keys;
}

/** The entries of an ordered set (Y.Map id → order key) in order; a bad key sorts last. */
function orderedEntries(raw: unknown): Ordered[] {
  if (!(raw instanceof Y.Map)) return [];
  const entries: Ordered[] = [];
  raw.forEach((key, id) => entries.push({ id, order: typeof key === 'string' && isValidOrderKey(key) ? key : '~' }));
  return entries.sort(compareOrdered);
}
/** The plain value of a stored field, and whether it was stored the way the layout says. */
/** Why an entry cannot be read as a record at all, or null when it can (its fields are repaired on reading). */
function unreadable(id: string, raw: unknown): string | null {
  if (!(raw instanceof Y.Map)) return `stored as ${describe(raw)} instead of a record`;
  // Ids end up in addresses and element ids: one Tavola would never make is not followed.
  if (!ID_PATTERN.test(id)) return 'stored under an id Tavola does not use';
  return null;
}

function plainValue(raw: unknown, storage: Storage): { plain: unknown; exact: boolean } {
  switch (storage) {
    case 'value':
      return { plain: raw, exact: true };
    case 'text':
      if (raw instanceof Y.Text) return { plain: raw.toString(), exact: true };
      return { plain: raw, exact: false };
    case 'set':
      if (raw instanceof Y.Map) return { plain: Array.from(raw.keys()).sort(), exact: true };
      if (Array.isArray(raw)) return { plain: [...new Set(raw)].sort(), exact: false };
      return { plain: raw, exact: false };
    case 'orderedSet':
      if (raw instanceof Y.Map) return { plain: orderedEntries(raw).map((entry) => entry.id), exact: true };
      // Schema 1 (a Y.Array), or a plain list from another program: its order, each id once.
      if (raw instanceof Y.Array) return { plain: [...new Set(raw.toArray())], exact: false };
      if (Array.isArray(raw)) return { plain: [...new Set(raw)], exact: false };
      return { plain: raw, exact: false };
    case 'derived':
      return { plain: undefined, exact: false };
  }
}

/**
 * The plain value of a field whose key a partner's half-arrived update left empty: what a repair
 * made now would hold (salvage.ts), so a read and the write that repairs agree.
 */
function waitingValue(record: Y.Map<unknown>, key: string, storage: Storage): { plain: unknown; exact: boolean } {
  if (storage === 'text') return { plain: waitingText(record, key), exact: false };
  if (storage === 'set' || storage === 'orderedSet') {
    const entries = waitingEntries(record, key);
    if (!entries) return { plain: undefined, exact: false };
    if (storage === 'set') return { plain: [...entries.keys()].sort(), exact: false };
    const ordered: Ordered[] = [...entries].map(([id, order]) => ({ id, order: typeof order === 'string' && isValidOrderKey(order) ? order : '~' }));
    return { plain: ordered.sort(compareOrdered).map((entry) => entry.id), exact: false };
  }
  return plainValue(undefined, storage);
}

/** The first `length` UTF-16 units of `text`, never ending inside a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (raw instanceof Y.Text) return 'a text';
  if (raw instanceof Y.Array || Array.isArray(raw)) return 'a list';
  return `a ${typeof raw}`;
}

function cloneRecord<R extends object>(record: R): R {
  const copy = { ...record } as Record<string, unknown>;
  for (const key of Object.keys(copy)) {
    const value = copy[key];
    if (Array.isArray(value)) copy[key] = [...value];
  }
  return copy as R;
}
