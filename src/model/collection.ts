import * as Y from 'yjs';
import * as z from 'zod/mini';
import { CoText } from './text';
import { type Ordered, orderKeysForPlacement, sortOrdered, isValidOrderKey } from './order';

/** How a field is kept in the record's Y.Map. */
export type Storage = 'value' | 'text' | 'set' | 'list';

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

/** An ordered list of ids (Y.Array): duplicates from concurrent inserts are dropped on read. */
export function idList(): Field<string[]> {
  return { schema: z.array(z.string()), fallback: () => [], storage: 'list' };
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
}

export type Draft<R extends BaseRecord> = Partial<Omit<R, keyof BaseRecord>>;

/**
 * One record kind kept as a flat Y.Map of id → record Y.Map. Every read is validated field by
 * field: a field of the wrong shape gets its fallback and is reported as repaired, unknown fields
 * are left alone (a newer version may have written them), and a record that is not a map at all
 * is reported, never thrown.
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
    this.map.observeDeep((events) => {
      const ids = changedIds(this.map, events);
      for (const id of ids) this.cache.delete(id);
      this.recordsChanged(ids);
    });
  }

  /** For subclasses that keep an index: called with the ids of changed records, before any other observer. */
  protected recordsChanged(_ids: Set<string>): void {}

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

  private cachedRead(id: string, raw: unknown): ReadResult<R> {
    // Inside a transaction the cache may be stale: observers only run when it ends.
    if (this.inTransaction) return this.readRaw(id, raw);
    let result = this.cache.get(id);
    if (!result) {
      result = this.readRaw(id, raw);
      this.cache.set(id, result);
    }
    // Callers own what they get (Solid stores write into the objects they are given).
    return result.ok ? { ok: true, record: cloneRecord(result.record), repaired: [...result.repaired] } : { ...result };
  }

  /** Readable records in order; deleted ones only when asked. */
  list(options: { deleted?: 'exclude' | 'include' | 'only'; where?: (record: R) => boolean } = {}): R[] {
    const deleted = options.deleted ?? 'exclude';
    const records: R[] = [];
    for (const result of this.readAll()) {
      if (!result.ok) continue;
      const record = result.record;
      if (deleted === 'exclude' && record.deletedAt) continue;
      if (deleted === 'only' && !record.deletedAt) continue;
      if (options.where && !options.where(record)) continue;
      records.push(record);
    }
    return sortOrdered(records);
  }

  /** Entries that could not be read at all. */
  problems(): { id: string; problem: string }[] {
    return this.readAll().flatMap((r) => (r.ok ? [] : [{ id: r.id, problem: r.problem }]));
  }

  /** A co-edited text field of a record, or undefined if the record does not exist. */
  text(id: string, field: keyof R & string): CoText | undefined {
    if (this.fields[field].storage !== 'text') throw new Error(`${this.name}.${field} is not a text field`);
    const record = this.map.get(id);
    if (!(record instanceof Y.Map)) return undefined;
    let ytext = record.get(field);
    if (!(ytext instanceof Y.Text)) {
      // Repair on first write access: a peer stored something else here; keep what it said as text.
      const previous = typeof ytext === 'string' ? ytext : '';
      const replacement = new Y.Text(previous);
      this.host.transact('repair', () => record.set(field, replacement));
      ytext = replacement;
    }
    return new CoText(ytext as Y.Text, (fn) => this.host.transact(`${this.name}.${field}.edit`, fn));
  }

  /** Called with the ids of the records that changed (added, edited, removed) after each transaction. */
  observe(listener: (ids: Set<string>, local: boolean) => void): () => void {
    const handler = (events: Y.YEvent<any>[], transaction: Y.Transaction) => {
      const ids = changedIds(this.map, events);
      if (ids.size > 0) listener(ids, transaction.local);
    };
    this.map.observeDeep(handler);
    return () => this.map.unobserveDeep(handler);
  }

  protected insertRecord(action: string, id: string, values: Partial<R>, siblings: readonly Ordered[], index = siblings.length): string {
    const now = new Date().toISOString();
    const initial: Record<string, unknown> = { createdAt: now, deletedAt: null, ...values, id };
    const writes: [string, Field<unknown>, unknown][] = [];
    for (const key of Object.keys(this.fields) as (keyof R & string)[]) {
      if (key === 'order') continue;
      const field = this.fields[key] as Field<unknown>;
      const given = initial[key];
      writes.push([key, field, given === undefined ? field.fallback() : this.checked(key, field, given)]);
    }
    this.host.transact(action, () => {
      const record = new Y.Map<unknown>();
      this.map.set(id, record);
      for (const [key, field, given] of writes) this.writeField(record, key, field, given);
      this.applyOrder(orderKeysForPlacement(siblings, id, index));
    });
    return id;
  }

  protected patchRecord(action: string, id: string, values: Partial<R>): void {
    const record = this.recordMap(id);
    const writes: [string, Field<unknown>, unknown][] = [];
    for (const [key, given] of Object.entries(values)) {
      if (key === 'id' || given === undefined) continue;
      const field = this.fields[key as keyof R] as Field<unknown> | undefined;
      if (!field) throw new Error(`${this.name} has no field ${key}`);
      writes.push([key, field, this.checked(key, field, given)]);
    }
    this.host.transact(action, () => {
      for (const [key, field, given] of writes) this.writeField(record, key, field, given);
    });
  }

  /**
   * A value this code is about to write, checked against the schema its own reads apply: written
   * unchecked, a bad value would read back as the fallback and the person's input would vanish.
   */
  private checked(key: string, field: Field<unknown>, given: unknown): unknown {
    const parsed = field.schema.safeParse(given);
    if (!parsed.success) {
      const shown = typeof given === 'string' ? JSON.stringify(given.slice(0, 80)) : Array.isArray(given) ? 'this list' : String(given);
      throw new Error(`${this.name}.${key}: ${shown} is not a valid value`);
    }
    return parsed.data;
  }

  /** Add or remove one id in a set field. */
  protected toggleInSet(action: string, id: string, field: keyof R & string, member: string, present: boolean): void {
    const record = this.recordMap(id);
    this.host.transact(action, () => {
      let set = record.get(field);
      if (!(set instanceof Y.Map)) {
        // Repair: keep the ids a peer stored the wrong way (a plain array, say), as reads show them.
        const kept = this.fields[field].schema.safeParse(plainValue(set, 'set').plain);
        const replacement = new Y.Map<boolean>();
        if (kept.success) for (const id of kept.data as string[]) replacement.set(id, true);
        record.set(field, replacement);
        set = replacement;
      }
      if (present) (set as Y.Map<boolean>).set(member, true);
      else (set as Y.Map<boolean>).delete(member);
    });
  }

  /** Move a record to `index` among `siblings` (which may include it). */
  protected placeRecord(action: string, id: string, siblings: readonly Ordered[], index: number): void {
    this.recordMap(id);
    this.host.transact(action, () => this.applyOrder(orderKeysForPlacement(siblings, id, index)));
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

  private applyOrder(keys: Map<string, string>): void {
    for (const [id, key] of keys) {
      const record = this.map.get(id);
      if (record instanceof Y.Map) record.set('order', key);
    }
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
          record.set(key, new Y.Text(String(given)));
        }
        return;
      }
      case 'set': {
        const wanted = new Set(given as string[]);
        let set = record.get(key);
        if (!(set instanceof Y.Map)) {
          set = new Y.Map<boolean>();
          record.set(key, set);
        }
        const ymap = set as Y.Map<boolean>;
        for (const existing of Array.from(ymap.keys())) if (!wanted.has(existing)) ymap.delete(existing);
        for (const member of wanted) if (!ymap.has(member)) ymap.set(member, true);
        return;
      }
      case 'list': {
        const items = given as string[];
        let list = record.get(key);
        if (!(list instanceof Y.Array)) {
          list = new Y.Array<string>();
          record.set(key, list);
        }
        const yarray = list as Y.Array<string>;
        const current = yarray.toArray();
        if (current.length === items.length && current.every((item, i) => item === items[i])) return;
        yarray.delete(0, yarray.length);
        yarray.insert(0, items);
        return;
      }
    }
  }

  private readRaw(id: string, raw: unknown): ReadResult<R> {
    if (!(raw instanceof Y.Map)) {
      return { ok: false, id, problem: `stored as ${describe(raw)} instead of a record` };
    }
    const record: Record<string, unknown> = {};
    const repaired: string[] = [];
    for (const key of Object.keys(this.fields)) {
      const field = this.fields[key as keyof R];
      const { plain, exact } = plainValue(raw.get(key), field.storage);
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
    if (record.id !== id) {
      record.id = id;
      if (!repaired.includes('id')) repaired.push('id');
    }
    return { ok: true, record: record as R, repaired };
  }
}

/** The plain value of a stored field, and whether it was stored the way the layout says. */
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
    case 'list':
      if (raw instanceof Y.Array) return { plain: [...new Set(raw.toArray())], exact: true };
      if (Array.isArray(raw)) return { plain: [...new Set(raw)], exact: false };
      return { plain: raw, exact: false };
  }
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

/** The ids of the records that a batch of deep events touched. */
function changedIds(map: Y.Map<unknown>, events: Y.YEvent<any>[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === map) {
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    } else {
      const first = event.path[0];
      if (typeof first === 'string') ids.add(first);
    }
  }
  return ids;
}

function cloneRecord<R extends object>(record: R): R {
  const copy = { ...record } as Record<string, unknown>;
  for (const key of Object.keys(copy)) {
    const value = copy[key];
    if (Array.isArray(value)) copy[key] = [...value];
  }
  return copy as R;
}
