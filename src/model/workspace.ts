import * as Y from 'yjs';
import * as z from 'zod/mini';
import { InvalidValue, type Host } from './collection';
import { FocusPoints } from './focus-point';
import { Meetings } from './meeting';
import { Members } from './member';
import { Practices } from './practice';
import { Topics } from './topic';
import { CoText } from './text';
import { Versions } from './version';
import { handOver, salvagedKeys } from './salvage';
import { migrationClientId, writeUnderMigrationIds } from './rich-text';

/**
 * The layout version this code writes. See docs/document.md.
 * 2: a focus point's topic and order are one value (`place`); a meeting's agenda is an ordered
 *    set (Y.Map topic id → order key) instead of a Y.Array rewritten whole.
 * 3: a practice sheet's sections and a meeting's notes are rich text (a Y.XmlFragment at
 *    `<field>Doc`, rich-text.ts); the old Y.Text stays, and the fragment wins.
 */
export const SCHEMA_VERSION = 3;

/** Limits of the workspace's own fields; the UI reads them from here. */
export const WORKSPACE_NAME_MAX = 300;
export const WORKSPACE_DESCRIPTION_MAX = 20_000;

/**
 * The most a copy keeps of the stored updates it opened with, to answer a new peer without
 * encoding the workspace again (stateForNewPeer, new-peer.ts): five times the generated workspace of
 * docs/performance.md is 33 MB.
 */
export const OPENED_STATE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Thrown by every write to a workspace that has not been received yet: a peer that joined from a
 * link and is still waiting for a partner holds an empty document, and anything it wrote there
 * (an empty description, a default) would meet the group's real workspace as a concurrent edit
 * and could replace it. It writes nothing until the workspace has arrived.
 */
export class WorkspaceNotReceived extends Error {
  constructor(action: string) {
    super(`The workspace has not arrived from a partner yet, so nothing can be changed (${action}).`);
    this.name = 'WorkspaceNotReceived';
  }
}

/** The only writes allowed into an empty document: the ones that found a workspace. */
const FOUNDING_ACTIONS = new Set(['workspace.create', 'sample.build']);

/**
 * The origin of every transaction made by a person using this copy of the app: one user action,
 * one transaction, named for what it did. An UndoManager can track the class to undo only local
 * changes; remote updates arrive with the provider as origin instead.
 */
export class LocalAction {
  constructor(readonly name: string) {}
}

/**
 * The origin of changes this copy of the app makes on its own (repairs, migrations): local, but
 * not a person's action, so undo never reverts them.
 */
export class SystemAction {
  constructor(readonly name: string) {}
}

const SYSTEM_ACTIONS = new Set(['repair', 'workspace.migrate']);

export interface WorkspaceOptions {
  /**
   * Refuse every write (WorkspaceNotReceived) while the document holds no workspace, except the
   * writes that create one. On for every workspace the app opens (sync/persistence.ts).
   */
  refuseWritesUntilReceived?: boolean;
}

export interface WorkspaceMeta {
  schemaVersion: number;
  name: string;
  description: string;
  createdAt: string;
}

const metaSchema = {
  schemaVersion: z.int().check(z.positive()),
  name: z.string().check(z.minLength(1), z.maxLength(WORKSPACE_NAME_MAX)),
  createdAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)),
};

/** Whether this copy of the app can edit the document it holds. */
export type Compatibility =
  | { kind: 'ok' }
  | { kind: 'empty' }
  | { kind: 'newer'; schemaVersion: number };

/** A working group's workspace: one Y.Doc, read and changed only through this API. */
export class Workspace implements Host {
  readonly doc: Y.Doc;
  readonly members: Members;
  readonly topics: Topics;
  readonly focusPoints: FocusPoints;
  readonly meetings: Meetings;
  readonly practices: Practices;
  /** Named versions of the topics and focus points, shared with the group. */
  readonly versions: Versions;
  private readonly metaMap: Y.Map<unknown>;

  private readonly refuseWritesUntilReceived: boolean;

  constructor(doc: Y.Doc = new Y.Doc(), options: WorkspaceOptions = {}) {
    this.doc = doc;
    this.refuseWritesUntilReceived = options.refuseWritesUntilReceived ?? false;
    this.metaMap = doc.getMap('meta');
    // Two peers repairing the description at once: what each typed is kept (salvage.ts).
    this.metaMap.observe((event, transaction) => {
      const found = salvagedKeys(event, transaction);
      if (found.length === 0) return;
      this.transact('repair', () => {
        for (const { key, salvage } of found) handOver(salvage, this.metaMap.get(key));
      });
    });
    this.members = new Members(this);
    this.topics = new Topics(this);
    this.focusPoints = new FocusPoints(this);
    this.meetings = new Meetings(this);
    this.practices = new Practices(this);
    this.versions = new Versions(this);
  }

  /** Run `fn` as one transaction named `action`. Nested calls join the outer transaction. */
  transact(action: string, fn: () => void): void {
    if (this.refuseWritesUntilReceived && this.doc._transaction === null && !FOUNDING_ACTIONS.has(action) && !this.received()) {
      throw new WorkspaceNotReceived(action);
    }
    this.doc.transact(fn, this.originOf(action));
  }

  originOf(action: string): unknown {
    return SYSTEM_ACTIONS.has(action) ? new SystemAction(action) : new LocalAction(action);
  }

  /** Whether the document holds a workspace (its meta), made here or received from a partner. */
  received(): boolean {
    return this.metaMap.size > 0;
  }

  /** Write the meta of a new workspace. Throws InvalidValue for a name that cannot be kept. */
  initialise(meta: { name: string; description?: string; createdAt?: string }): void {
    const name = checkedName(meta.name);
    const description = meta.description ?? '';
    if (description.length > WORKSPACE_DESCRIPTION_MAX) {
      throw new InvalidValue('meta', 'description', `A description of ${description.length} characters is more than the ${WORKSPACE_DESCRIPTION_MAX} allowed.`, { reason: 'too-long', limit: WORKSPACE_DESCRIPTION_MAX, length: description.length });
    }
    const createdAt = meta.createdAt ?? new Date().toISOString();
    if (!metaSchema.createdAt.safeParse(createdAt).success) throw new InvalidValue('meta', 'createdAt', `${createdAt} is not a date and time.`, { reason: 'invalid' });
    this.transact('workspace.create', () => {
      this.metaMap.set('schemaVersion', SCHEMA_VERSION);
      this.metaMap.set('name', name);
      this.metaMap.set('description', new Y.Text(description));
      this.metaMap.set('createdAt', createdAt);
    });
  }

  /**
   * The layout version as stored, or null when what is stored is not one (a peer wrote 1.5,
   * Infinity, "2"…). A malformed version is never obeyed: it reads as the oldest layout, every
   * migration runs (each is safe to run again) and the version is written back properly.
   */
  private storedVersion(): number | null {
    const parsed = metaSchema.schemaVersion.safeParse(this.metaMap.get('schemaVersion'));
    return parsed.success && Number.isSafeInteger(parsed.data) ? parsed.data : null;
  }

  compatibility(): Compatibility {
    if (!this.received()) return { kind: 'empty' };
    const version = this.storedVersion();
    if (version !== null && version > SCHEMA_VERSION) return { kind: 'newer', schemaVersion: version };
    return { kind: 'ok' };
  }

  /** Whether opening this document would change it (an older or malformed layout). */
  needsMigration(): boolean {
    const version = this.storedVersion();
    return this.received() && (version === null || version < SCHEMA_VERSION);
  }

  /**
   * Bring an older (or malformed) layout up to SCHEMA_VERSION, in one transaction. Returns what
   * was done; never throws on old data. Every step writes what any peer migrating the same data
   * writes, so two partners migrating at once agree (and salvage.ts keeps what each added since).
   */
  migrate(options: { mergedFrom?: number } = {}): string[] {
    // `mergedFrom`: the layout of data just merged in (a backup), whose records may be older
    // than this document's version says.
    const merged = options.mergedFrom !== undefined && options.mergedFrom < SCHEMA_VERSION;
    if (!this.needsMigration() && !merged) return [];
    const version = this.storedVersion();
    const from = Math.min(version ?? 1, merged ? options.mergedFrom! : SCHEMA_VERSION);
    const done: string[] = [];
    this.transact('workspace.migrate', () => {
      if (from < 2) {
        const agendas = this.meetings.migrateAgendas();
        if (agendas > 0) done.push(`${agendas} agenda${agendas === 1 ? '' : 's'} kept as ordered sets`);
      }
      if (this.metaMap.get('schemaVersion') !== SCHEMA_VERSION) this.metaMap.set('schemaVersion', SCHEMA_VERSION);
    });
    // The description's text is written under a client id hashed from the string it keeps
    // (rich-text.ts, writeUnderMigrationIds), after the transaction above as the fragments below:
    // two partners migrating at once make the same text, not two of which one would be dropped
    // with whatever was typed into it (fuzz seed 8833).
    const description = writeUnderMigrationIds(
      this.doc,
      [
        {
          map: this.metaMap,
          prepare: (copy) => {
            if (copy.get('description') instanceof Y.Text) return null;
            const previous = copy.get('description');
            const text = typeof previous === 'string' ? previous.slice(0, WORKSPACE_DESCRIPTION_MAX) : '';
            return { clientId: migrationClientId('meta', 'description', text), write: () => copy.set('description', new Y.Text(text)) };
          },
        },
      ],
      this.originOf('workspace.migrate'),
    );
    if (description > 0) done.push('description kept as a text');
    if (from < 3) {
      // Each fragment arrives as an update written under its own deterministic client
      // (rich-text.ts), applied after the transaction above: applied inside it, Yjs would count
      // the whole transaction as remote and take this copy's own writes for another client's.
      const sections = this.practices.migrateSections();
      const notes = this.meetings.migrateNotes();
      if (sections > 0) done.push(`${sections} practice section${sections === 1 ? '' : 's'} kept as rich text`);
      if (notes > 0) done.push(`${notes} meeting note${notes === 1 ? '' : 's'} kept as rich text`);
    }
    if (version !== SCHEMA_VERSION) done.push(version === null ? `malformed schemaVersion → ${SCHEMA_VERSION}` : `schemaVersion ${version} → ${SCHEMA_VERSION}`);
    return done;
  }

  meta(): WorkspaceMeta {
    const read = <T>(key: keyof typeof metaSchema, fallback: T): T => {
      const parsed = metaSchema[key].safeParse(this.metaMap.get(key));
      return parsed.success ? (parsed.data as T) : fallback;
    };
    const description = this.metaMap.get('description');
    return {
      schemaVersion: this.received() ? (this.storedVersion() ?? 1) : SCHEMA_VERSION,
      name: read('name', 'Untitled workspace'),
      createdAt: read('createdAt', ''),
      description: description instanceof Y.Text ? description.toString() : typeof description === 'string' ? description : '',
    };
  }

  /** Throws InvalidValue for a name that cannot be kept (empty, or over WORKSPACE_NAME_MAX). */
  rename(name: string): void {
    const checked = checkedName(name);
    if (this.metaMap.get('name') === checked) return;
    this.transact('workspace.rename', () => this.metaMap.set('name', checked));
  }

  /**
   * The co-edited description. Every workspace has it from its creation (and migrate() gives one
   * to a workspace stored without): undefined until the workspace has arrived or been migrated.
   */
  description(): CoText | undefined {
    const description = this.metaMap.get('description');
    if (!(description instanceof Y.Text)) return undefined;
    return new CoText(description, (fn) => this.transact('workspace.description', fn));
  }

  observeMeta(listener: () => void): () => void {
    const handler = () => listener();
    this.metaMap.observeDeep(handler);
    return () => this.metaMap.unobserveDeep(handler);
  }

  /** Records that could not be read, in every collection. */
  problems(): { collection: string; id: string; problem: string }[] {
    return [this.members, this.topics, this.focusPoints, this.meetings, this.practices, this.versions].flatMap((c) =>
      c.problems().map((p) => ({ collection: c.name, ...p })),
    );
  }

  /** The whole document as one Yjs update (for backups and for tests). */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  applyUpdate(update: Uint8Array, origin: unknown = 'remote'): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /**
   * Several updates in one transaction (stored ones, as y-indexeddb applies them): observers run once.
   * With `keepAsOpened`, and when this copy held nothing before, they are kept (if no larger than
   * OPENED_STATE_MAX_BYTES) as what it opened with: `stateForNewPeer` (new-peer.ts) answers a
   * partner who has nothing with them, rather than encoding the whole workspace again.
   */
  applyUpdates(updates: readonly Uint8Array[], origin: unknown, options: { keepAsOpened?: boolean } = {}): void {
    const wasEmpty = this.doc.store.clients.size === 0 && !this.doc.store.pendingStructs && !this.doc.store.pendingDs;
    Y.transact(this.doc, () => {
      for (const update of updates) Y.applyUpdate(this.doc, update, origin);
    }, origin, false);
    const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
    const whole = !this.doc.store.pendingStructs && !this.doc.store.pendingDs;
    if (options.keepAsOpened && wasEmpty && whole && updates.length > 0 && bytes <= OPENED_STATE_MAX_BYTES) {
      this.opened = { updates, stateVector: Y.encodeStateVector(this.doc) };
    }
  }

  /**
   * What this copy opened with (applyUpdates' `keepAsOpened`), and its state vector then; null
   * when it did not open from stored updates. For a new peer's answer (new-peer.ts).
   */
  get openedWith(): { readonly updates: readonly Uint8Array[]; readonly stateVector: Uint8Array } | null {
    return this.opened;
  }
  private opened: { updates: readonly Uint8Array[]; stateVector: Uint8Array } | null = null;

  /** Per client, how many of its changes this copy holds (Yjs's state vector). */
  stateVector(): Map<number, number> {
    return Y.decodeStateVector(Y.encodeStateVector(this.doc));
  }

  /** This copy's own client id: its changes carry it. */
  get clientId(): number {
    return this.doc.clientID;
  }

  /** What this copy holds beyond a state vector, as one update (with the whole delete set). */
  encodeStateSince(vector: Map<number, number>): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(vector));
  }

  /**
   * Every update to the document as it happens, and whether this copy made it: a person's action,
   * a repair, an undo or redo, a rich-text editor's edit (y-prosemirror's key is the origin of
   * those: Yjs's `transaction.local`, not the origin, says whether it was made here). Not local:
   * whatever was applied from elsewhere (a partner, the keeper, storage, a backup, the journal).
   */
  observeUpdates(listener: (update: Uint8Array, local: boolean) => void): () => void {
    const handler = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => listener(update, transaction.local);
    this.doc.on('update', handler);
    return () => this.doc.off('update', handler);
  }

  destroy(): void {
    this.opened = null;
    this.doc.destroy();
  }
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidValue('meta', 'name', 'A workspace needs a name.', { reason: 'empty' });
  if (trimmed.length > WORKSPACE_NAME_MAX) throw new InvalidValue('meta', 'name', `A name of ${trimmed.length} characters is more than the ${WORKSPACE_NAME_MAX} allowed.`, { reason: 'too-long', limit: WORKSPACE_NAME_MAX, length: trimmed.length });
  return trimmed;
}

/** Several updates as one (order does not matter: Yjs updates commute). */
export function mergeUpdates(updates: Uint8Array[]): Uint8Array {
  return Y.mergeUpdates(updates);
}
