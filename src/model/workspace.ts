import * as Y from 'yjs';
import * as z from 'zod/mini';
import type { Host } from './collection';
import { FocusPoints } from './focus-point';
import { Meetings } from './meeting';
import { Members } from './member';
import { Practices } from './practice';
import { Topics } from './topic';
import { CoText } from './text';
import { Versions } from './version';

/** The layout version this code writes. See docs/document.md. */
export const SCHEMA_VERSION = 1;

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

export interface WorkspaceMeta {
  schemaVersion: number;
  name: string;
  description: string;
  createdAt: string;
}

const metaSchema = {
  schemaVersion: z.int().check(z.positive()),
  name: z.string().check(z.maxLength(300)),
  createdAt: z.string(),
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

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.metaMap = doc.getMap('meta');
    this.members = new Members(this);
    this.topics = new Topics(this);
    this.focusPoints = new FocusPoints(this);
    this.meetings = new Meetings(this);
    this.practices = new Practices(this);
    this.versions = new Versions(this);
  }

  /** Run `fn` as one transaction named `action`. Nested calls join the outer transaction. */
  transact(action: string, fn: () => void): void {
    this.doc.transact(fn, SYSTEM_ACTIONS.has(action) ? new SystemAction(action) : new LocalAction(action));
  }

  /** Write the meta of a new workspace. */
  initialise(meta: { name: string; description?: string; createdAt?: string }): void {
    this.transact('workspace.create', () => {
      this.metaMap.set('schemaVersion', SCHEMA_VERSION);
      this.metaMap.set('name', meta.name.trim());
      this.metaMap.set('description', new Y.Text(meta.description ?? ''));
      this.metaMap.set('createdAt', meta.createdAt ?? new Date().toISOString());
    });
  }

  compatibility(): Compatibility {
    const version = this.metaMap.get('schemaVersion');
    if (version === undefined) return { kind: 'empty' };
    if (typeof version === 'number' && version > SCHEMA_VERSION) return { kind: 'newer', schemaVersion: version };
    return { kind: 'ok' };
  }

  /** Bring an older layout up to SCHEMA_VERSION. Returns what was done, never throws on old data. */
  migrate(): string[] {
    const done: string[] = [];
    const version = this.metaMap.get('schemaVersion');
    if (typeof version !== 'number' || version >= SCHEMA_VERSION) return done;
    // No older layouts exist yet; each future step goes here as `if (version < N) { … }`.
    this.transact('workspace.migrate', () => this.metaMap.set('schemaVersion', SCHEMA_VERSION));
    done.push(`schemaVersion ${version} → ${SCHEMA_VERSION}`);
    return done;
  }

  meta(): WorkspaceMeta {
    const read = <T>(key: keyof typeof metaSchema, fallback: T): T => {
      const parsed = metaSchema[key].safeParse(this.metaMap.get(key));
      return parsed.success ? (parsed.data as T) : fallback;
    };
    const description = this.metaMap.get('description');
    return {
      schemaVersion: read('schemaVersion', SCHEMA_VERSION),
      name: read('name', 'Untitled workspace'),
      createdAt: read('createdAt', ''),
      description: description instanceof Y.Text ? description.toString() : typeof description === 'string' ? description : '',
    };
  }

  rename(name: string): void {
    this.transact('workspace.rename', () => this.metaMap.set('name', name.trim()));
  }

  description(): CoText {
    let description = this.metaMap.get('description');
    if (!(description instanceof Y.Text)) {
      const replacement = new Y.Text(typeof description === 'string' ? description : '');
      this.transact('repair', () => this.metaMap.set('description', replacement));
      description = replacement;
    }
    return new CoText(description as Y.Text, (fn) => this.transact('workspace.description', fn));
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

  /** Every update to the document as it happens, and whether this person made it. */
  observeUpdates(listener: (update: Uint8Array, local: boolean) => void): () => void {
    const handler = (update: Uint8Array, origin: unknown) => listener(update, origin instanceof LocalAction || origin instanceof SystemAction);
    this.doc.on('update', handler);
    return () => this.doc.off('update', handler);
  }

  destroy(): void {
    this.doc.destroy();
  }
}

/** Several updates as one (order does not matter: Yjs updates commute). */
export function mergeUpdates(updates: Uint8Array[]): Uint8Array {
  return Y.mergeUpdates(updates);
}
