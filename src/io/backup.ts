import * as Y from 'yjs';
import * as z from 'zod/mini';
import { ID_PATTERN, SCHEMA_VERSION, Workspace, type CollectionName, type WorkspaceMeta } from '../model';
import { formatBytes, toBase64 } from '../lib/bytes';

export { formatBytes };

/**
 * Backup files: one workspace in one JSON file, `<name>-<date>.tavola.json`. The format is a
 * contract, described in docs/backup.md. Pure functions: no DOM, no storage.
 */

export const BACKUP_FORMAT = 'tavola-backup';
/** The backup format version this code writes, and the newest it reads. */
export const BACKUP_VERSION = 1;
export const BACKUP_EXTENSION = '.tavola.json';
/**
 * The largest file read, in bytes, checked before anything is parsed. Far above any real
 * working group (the sample's file is 26 KB; 3 600 focus points of 1 000 characters, 5.6 MB of
 * Yjs state, make a 13 MB file), and low enough that reading it cannot take the browser tab down.
 */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

/**
 * The origin of the transaction that brings a backup into a workspace. Neither a LocalAction nor
 * a SystemAction: the content comes from elsewhere (like a partner's update), so undo leaves it
 * alone and the last-edits journal does not copy it — the file still has it.
 */
export class BackupOrigin {
  constructor(readonly name: 'backup.restore' | 'backup.merge') {}
}

const COLLECTIONS = ['members', 'topics', 'focusPoints', 'meetings', 'practices'] as const satisfies readonly CollectionName[];

/** A backup that was read and checked: its state applies and gives a workspace this version can edit. */
export interface Backup {
  version: number;
  exportedAt: string;
  workspaceId: string;
  /** The workspace as its state says (the header's copy is for people reading the file). */
  meta: WorkspaceMeta;
  /** The whole workspace as one Yjs update. */
  state: Uint8Array;
  /** Live (not deleted) records of each kind, to tell a person what the file holds. */
  counts: Record<CollectionName, number>;
}

export type BackupProblem = 'too-large' | 'truncated' | 'corrupted' | 'foreign' | 'too-new';

/**
 * What exactly is wrong with a file, for the screen to say in the person's language (its
 * `message` is the English, for logs and tests), with the numbers it names.
 */
export type BackupDetail = keyof typeof BACKUP_MESSAGES | 'tooLarge' | 'tooNewFormat' | 'tooNewLayout';
export type BackupDetailParams = { size?: number; limit?: number; version?: number; readable?: number };

export type ReadBackupResult =
  | { ok: true; backup: Backup }
  | { ok: false; problem: BackupProblem; detail: BackupDetail; params: BackupDetailParams; message: string };

export const BACKUP_MESSAGES = {
  empty: 'The file is empty: it may have been cut off while copying. Try the original file, or export a new backup.',
  truncated: 'The file is incomplete: it may have been cut off while copying. Try the original file, or export a new backup.',
  corrupted: 'The file is damaged: part of it cannot be read, so it cannot be restored. Try another copy of the backup.',
  foreign: "This is not a Tavola backup. Choose a file ending in “.tavola.json”, made with “Export backup” in a workspace's settings.",
  noWorkspace: 'The file is damaged: it does not contain a workspace, so it cannot be restored. Try another copy of the backup.',
  unreadable: 'This browser could not read the file. Try copying it to this computer first.',
} as const;

/** A backup whose header names a workspace here, but whose content is another workspace. */
export function otherWorkspaceMessage(workspaceName: string): string {
  return `This backup says it is of “${workspaceName}”, but it holds a different workspace, so it cannot be merged into it. Nothing was changed. To keep it, import it as a separate copy from the home screen.`;
}

/** A backup that reads on its own but cannot be combined with the copy of the workspace here. */
export function doesNotFitMessage(workspaceName: string): string {
  return `This backup cannot be merged into “${workspaceName}”: its content does not fit with the copy of the workspace in this browser (the file may be damaged). Nothing was changed. To keep it, import it as a separate copy from the home screen.`;
}

export function tooLargeMessage(bytes: number): string {
  return `This file is too large to be a Tavola backup (${formatBytes(bytes)}; a backup can be at most ${formatBytes(MAX_BACKUP_BYTES)}).`;
}

function tooNewFormatMessage(version: number): string {
  return `This backup was made by a newer version of Tavola (backup format ${version}; this version reads format ${BACKUP_VERSION}). Open it in an up-to-date Tavola.`;
}

function tooNewLayoutMessage(schemaVersion: number): string {
  return `This backup holds a workspace made by a newer version of Tavola (layout version ${schemaVersion}; this version reads up to ${SCHEMA_VERSION}). Open it in an up-to-date Tavola.`;
}

// ---------------------------------------------------------------- writing

/** The whole workspace as a backup file's text. */
export function exportBackup(workspace: Workspace, workspaceId: string, options: { now?: Date } = {}): string {
  const meta = workspace.meta();
  const state = workspace.encodeState();
  const records: Record<CollectionName, unknown[]> = {
    members: workspace.members.list({ deleted: 'include' }),
    topics: workspace.topics.list({ deleted: 'include' }),
    focusPoints: workspace.focusPoints.list({ deleted: 'include' }),
    meetings: workspace.meetings.list({ deleted: 'include' }),
    practices: workspace.practices.list({ deleted: 'include' }),
  };
  // Key order is the order a person reading the file meets them: the long state comes last.
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    app: 'tavola',
    exportedAt: (options.now ?? new Date()).toISOString(),
    workspace: {
      id: workspaceId,
      name: meta.name,
      description: meta.description,
      createdAt: meta.createdAt,
      schemaVersion: meta.schemaVersion,
    },
    records,
    stateBytes: state.length,
    stateCrc32: crc32Hex(state),
    state: toBase64(state),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for a backup: `urban-safety-2025-03-04.tavola.json`. */
export function backupFileName(workspaceName: string, now = new Date()): string {
  const slug = workspaceName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'workspace'}-${now.toISOString().slice(0, 10)}${BACKUP_EXTENSION}`;
}

// ---------------------------------------------------------------- reading

/** An ISO 8601 date-time, as `toISOString()` writes it (or with another precision or offset). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  app: z.optional(z.string()),
  exportedAt: z.string().check(z.regex(ISO_DATE_TIME), z.refine((value) => !Number.isNaN(Date.parse(value)))),
  workspace: z.object({
    id: z.string().check(z.regex(ID_PATTERN)),
    name: z.optional(z.string()),
    schemaVersion: z.optional(z.int().check(z.positive())),
  }),
  stateBytes: z.optional(z.int().check(z.nonnegative())),
  stateCrc32: z.optional(z.string().check(z.regex(/^[0-9a-f]{8}$/))),
  state: z.string(),
});

/**
 * Read a backup file's bytes, as they are on disk. UTF-8 (with or without a byte order mark) is
 * what Tavola writes; UTF-16 (what some editors save as “Unicode”) is read too. Bytes that are
 * text in neither are not a backup. Then as `readBackup`. Never throws.
 */
export function readBackupBytes(bytes: Uint8Array): ReadBackupResult {
  if (bytes.length > MAX_BACKUP_BYTES) return refuse('too-large', 'tooLarge', { size: bytes.length, limit: MAX_BACKUP_BYTES });
  const text = decodeText(bytes);
  if (text !== undefined) return readBackup(text);
  // Not UTF-8. A file that is not text at all (a picture, a zip) is something else. One that
  // names the format is a backup an editor saved in an older encoding (Windows' Latin-1, say):
  // everything Tavola restores from is ASCII (the header's keys, the id, the base64 state), so
  // it is read as Latin-1 and checked like any other; a damaged one fails those checks.
  if (!findAscii(bytes, BACKUP_FORMAT)) return refuse('foreign', 'foreign');
  return readBackup(new TextDecoder('windows-1252').decode(bytes));
}

/**
 * Read a chosen file (a `File` or any `Blob`). A file over the limit is refused from its size,
 * before any of it is read into memory. Never throws.
 */
export async function readBackupBlob(file: Pick<Blob, 'size' | 'arrayBuffer'>): Promise<ReadBackupResult> {
  if (file.size > MAX_BACKUP_BYTES) return refuse('too-large', 'tooLarge', { size: file.size, limit: MAX_BACKUP_BYTES });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return refuse('corrupted', 'unreadable');
  }
  return readBackupBytes(bytes);
}

/**
 * Read a backup file's text. Never throws. Checks, in order: the size, that it is JSON (and if
 * not, whether it was cut off), that it is a Tavola backup, its format version, its header, that
 * the state decodes, matches its checksum and applies to a fresh document without anything
 * missing, and that the workspace it gives is one this version can edit.
 */
export function readBackup(text: string): ReadBackupResult {
  try {
    return readChecked(text);
  } catch {
    // Every check above is meant to catch what it can; anything that still throws (a state
    // that makes Yjs or the model fail in a way not foreseen, memory) is a file not to restore.
    return refuse('corrupted', 'corrupted');
  }
}

function readChecked(text: string): ReadBackupResult {
  // Before anything else: a UTF-16 string is never longer than its UTF-8 bytes.
  if (text.length > MAX_BACKUP_BYTES) return refuse('too-large', 'tooLarge', { size: utf8Length(text), limit: MAX_BACKUP_BYTES });
  const bytes = utf8Length(text);
  if (bytes > MAX_BACKUP_BYTES) return refuse('too-large', 'tooLarge', { size: bytes, limit: MAX_BACKUP_BYTES });
  // A byte order mark (Windows editors write one) is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return refuse('truncated', 'empty');

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Exported files name their format first: a file that never does is something else, unless
    // it was cut off before it could (`{"form`).
    if (!text.includes(`"${BACKUP_FORMAT}"`)) {
      const start = text.slice(0, 64).replace(/\s+/g, '');
      const cutInHeader = text.length < 64 && `{"format":"${BACKUP_FORMAT}"`.startsWith(start);
      return cutInHeader ? refuse('truncated', 'truncated') : refuse('foreign', 'foreign');
    }
    return endsEarly(text) ? refuse('truncated', 'truncated') : refuse('corrupted', 'corrupted');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    return refuse('foreign', 'foreign');
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > BACKUP_VERSION) {
    return refuse('too-new', 'tooNewFormat', { version: version, readable: BACKUP_VERSION });
  }
  // JSON.parse keeps the last of two equal keys, a text editor shows the first: a header that
  // says two things is not one to trust.
  if (duplicateHeaderKey(text)) return refuse('corrupted', 'corrupted');
  const header = headerSchema.safeParse(raw);
  if (!header.success) return refuse('corrupted', 'corrupted');
  const file = header.data;
  if (file.workspace.schemaVersion !== undefined && file.workspace.schemaVersion > SCHEMA_VERSION) {
    return refuse('too-new', 'tooNewLayout', { version: file.workspace.schemaVersion, readable: SCHEMA_VERSION });
  }

  const state = fromBase64(file.state);
  if (!state) return refuse('corrupted', 'corrupted');
  if (file.stateBytes !== undefined && file.stateBytes !== state.length) return refuse('corrupted', 'corrupted');
  // About one damaged state in five still applies without an error (a changed letter in a
  // text, say); the checksum catches those.
  if (file.stateCrc32 !== undefined && file.stateCrc32 !== crc32Hex(state)) return refuse('corrupted', 'corrupted');

  const workspace = new Workspace();
  try {
    try {
      workspace.applyUpdate(state, new BackupOrigin('backup.restore'));
    } catch {
      return refuse('corrupted', 'corrupted');
    }
    // A whole-document update leaves nothing waiting for a missing part; a damaged one can.
    const store = workspace.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) return refuse('corrupted', 'corrupted');
    // The layout version, as the state has it: a whole number, at most the one this code knows.
    // (An older one is fine: the workspace is migrated when it is opened.)
    const schemaVersion: unknown = workspace.doc.getMap('meta').get('schemaVersion');
    if (schemaVersion === undefined) return refuse('corrupted', 'noWorkspace');
    if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
      return refuse('corrupted', 'corrupted');
    }
    if (schemaVersion > SCHEMA_VERSION) return refuse('too-new', 'tooNewLayout', { version: schemaVersion, readable: SCHEMA_VERSION });
    const compatibility = workspace.compatibility();
    switch (compatibility.kind) {
      case 'newer':
        return refuse('too-new', 'tooNewLayout', { version: compatibility.schemaVersion, readable: SCHEMA_VERSION });
      case 'empty':
        return refuse('corrupted', 'noWorkspace');
      case 'ok':
        break;
    }
    const meta = workspace.meta();
    // Counted as the workspace will be once restored and opened: an older layout migrated (on
    // this throwaway copy only; the state restored is the file's, migrated when it is opened).
    workspace.migrate();
    const counts = {} as Record<CollectionName, number>;
    for (const name of COLLECTIONS) counts[name] = workspace[name].list().length;
    return {
      ok: true,
      backup: { version: file.version, exportedAt: file.exportedAt, workspaceId: file.workspace.id, meta, state, counts },
    };
  } finally {
    workspace.destroy();
  }
}

/** The text of a file's bytes: UTF-8, or UTF-16 with a byte order mark or plainly so; undefined when neither. */
function decodeText(bytes: Uint8Array): string | undefined {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : // No mark, but every other byte zero where JSON starts: `{` then `\0`, or the other way round.
          bytes.length >= 4 && bytes.length % 2 === 0 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0 && bytes[2] !== 0
          ? 'utf-16le'
          : bytes.length >= 4 && bytes.length % 2 === 0 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0 && bytes[3] !== 0
            ? 'utf-16be'
            : 'utf-8';
  try {
    // `fatal`: bytes that are not text in this encoding are not guessed at. The byte order mark goes.
    return new TextDecoder(utf16, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function findAscii(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= bytes.length - text.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/**
 * Whether the file's top-level object, or its `workspace` object, names a key twice. Only called
 * on text JSON.parse accepted, so the scan can be simple; long strings (the state) are skipped
 * with indexOf, not a character at a time.
 */
function duplicateHeaderKey(text: string): boolean {
  // One frame per open object or array: the keys seen (only for the objects that matter), and
  // whether the next string is a key.
  type Frame = { object: boolean; keys: Set<string> | null; expectKey: boolean; lastKey: string };
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22) {
      // A string: find its closing quote, one not escaped by an odd run of backslashes.
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end === -1) return false;
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
      }
      const frame = stack.at(-1);
      if (frame?.object && frame.expectKey) {
        frame.expectKey = false;
        if (frame.keys) {
          const key = JSON.parse(text.slice(i, end + 1)) as string;
          if (frame.keys.has(key)) return true;
          frame.keys.add(key);
          frame.lastKey = key;
        }
      }
      i = end;
    } else if (char === 0x7b || char === 0x5b) {
      const parent = stack.at(-1);
      const object = char === 0x7b;
      // The top-level object, and the object under its `workspace` key.
      const watched = object && (stack.length === 0 || (stack.length === 1 && parent?.object === true && parent.lastKey === 'workspace'));
      stack.push({ object, keys: watched ? new Set() : null, expectKey: object, lastKey: '' });
    } else if (char === 0x7d || char === 0x5d) {
      stack.pop();
    } else if (char === 0x2c) {
      const frame = stack.at(-1);
      if (frame?.object) {
        frame.expectKey = true;
        frame.lastKey = '';
      }
    } else if (char === 0x3a) {
      // After a key, before its value: lastKey stays, so an object value knows whose it is.
    }
  }
  return false;
}

// ---------------------------------------------------------------- merging

export interface MergeSummary {
  /** Whether the backup had anything the workspace lacked. */
  changed: boolean;
  /** Records the workspace did not have at all before (deleted ones included), by kind. */
  added: Record<CollectionName, number>;
}

export type MergeCheck = { ok: true } | { ok: false; problem: 'other-workspace' | 'does-not-fit'; message: string };

/** Why a merge was refused before anything was written; its message is for the person. */
export class MergeRefused extends Error {
  constructor(
    readonly problem: 'other-workspace' | 'does-not-fit',
    message: string,
  ) {
    super(message);
    this.name = 'MergeRefused';
  }
}

/**
 * Whether a checked backup can be merged into a workspace whose whole state is `target` (its
 * `encodeState()`, or its stored updates merged), without writing anything. Two things are
 * checked on copies, never on the workspace itself:
 *
 * - the backup shares history with the workspace (some Yjs client wrote in both): a backup whose
 *   header names this workspace but whose state was never part of it is another workspace, and
 *   merging it would mix two working groups' records, names and settings;
 * - merging gives the same document in either order (Yjs guarantees it for any two copies of one
 *   document). It does not when the two disagree about what a client wrote (a hand-made or
 *   damaged state reusing a client id): Yjs would then skip parts of one side and hang the rest
 *   under the wrong records, and no later merge could undo it.
 *
 * An empty workspace (nothing stored yet) takes any backup.
 */
export function checkMerge(target: Uint8Array, backup: Backup, workspaceName: string): MergeCheck {
  const here = new Y.Doc();
  const there = new Y.Doc();
  try {
    Y.applyUpdate(here, target);
    const hereClients = Y.decodeStateVector(Y.encodeStateVector(here));
    if (hereClients.size === 0) return { ok: true };
    Y.applyUpdate(there, backup.state);
    const thereClients = Y.decodeStateVector(Y.encodeStateVector(there));
    const shared = [...thereClients.keys()].some((client) => (hereClients.get(client) ?? 0) > 0);
    if (!shared) return { ok: false, problem: 'other-workspace', message: otherWorkspaceMessage(workspaceName) };
    try {
      Y.applyUpdate(here, backup.state);
      Y.applyUpdate(there, target);
    } catch {
      return { ok: false, problem: 'does-not-fit', message: doesNotFitMessage(workspaceName) };
    }
    if (!sameDocument(here, there)) return { ok: false, problem: 'does-not-fit', message: doesNotFitMessage(workspaceName) };
    return { ok: true };
  } finally {
    here.destroy();
    there.destroy();
  }
}

/** Whether two documents hold the same thing: the same bytes once loaded fresh, or failing that the same content. */
function sameDocument(a: Y.Doc, b: Y.Doc): boolean {
  const freshA = new Y.Doc();
  const freshB = new Y.Doc();
  try {
    Y.applyUpdate(freshA, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(freshB, Y.encodeStateAsUpdate(b));
    if (equalBytes(Y.encodeStateAsUpdate(freshA), Y.encodeStateAsUpdate(freshB))) return true;
    return contentOf(freshA) === contentOf(freshB);
  } finally {
    freshA.destroy();
    freshB.destroy();
  }
}

/** Every live entry of every root type, whatever its type, as canonical JSON (map keys sorted). */
function contentOf(doc: Y.Doc): string {
  const walk = (type: Y.AbstractType<any>): unknown => {
    const entries: [string, unknown][] = [];
    for (const [key, item] of type._map) if (!item.deleted) entries.push([key, item.content.getContent().map(value).at(-1)]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const list: unknown[] = [];
    for (let item = type._start; item; item = item.right) if (!item.deleted) list.push(...item.content.getContent().map(value));
    return { map: entries, list };
  };
  const value = (content: unknown): unknown => (content instanceof Y.AbstractType ? walk(content) : content);
  const roots = [...doc.share.keys()].sort().map((name) => [name, walk(doc.share.get(name)!)]);
  return JSON.stringify(roots);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Merge a checked backup into a workspace, as one transaction: a Yjs merge, so nothing is lost
 * on either side. What the backup has and the workspace lacks comes in; a change made in the
 * workspace after the backup (an edit, a deletion) stays, since the backup's state is already
 * part of its history. Checked first on copies (`checkMerge`): a backup of another workspace, or
 * one that does not fit with this one, throws `MergeRefused` and the workspace is not touched.
 */
export function mergeBackup(workspace: Workspace, backup: Backup, origin = new BackupOrigin('backup.merge')): MergeSummary {
  const check = checkMerge(workspace.encodeState(), backup, workspace.meta().name);
  if (!check.ok) throw new MergeRefused(check.problem, check.message);
  const before = new Map(COLLECTIONS.map((name) => [name, new Set(workspace[name].list({ deleted: 'include' }).map((r) => r.id))]));
  let changed = false;
  const stop = workspace.observeUpdates(() => {
    changed = true;
  });
  try {
    workspace.applyUpdate(backup.state, origin);
  } finally {
    stop();
  }
  // Records of an older layout came in with it: bring them up to date too.
  workspace.migrate({ mergedFrom: backup.meta.schemaVersion });
  const added = {} as Record<CollectionName, number>;
  for (const name of COLLECTIONS) {
    const known = before.get(name)!;
    added[name] = workspace[name].list({ deleted: 'include' }).filter((r) => !known.has(r.id)).length;
  }
  return { changed, added };
}

function refuse(problem: BackupProblem, detail: BackupDetail, params: BackupDetailParams = {}): ReadBackupResult {
  const message =
    detail === 'tooLarge'
      ? tooLargeMessage(params.size ?? 0)
      : detail === 'tooNewFormat'
        ? tooNewFormatMessage(params.version ?? 0)
        : detail === 'tooNewLayout'
          ? tooNewLayoutMessage(params.version ?? 0)
          : BACKUP_MESSAGES[detail];
  return { ok: false, problem, detail, params, message };
}

/**
 * Whether JSON text stops before its last object or string is closed: what a file cut off in
 * the middle looks like, whatever the JSON parser's error says.
 */
function endsEarly(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) depth++;
    else if (char === 0x7d || char === 0x5d) depth--;
  }
  return inString || depth > 0;
}

// ---------------------------------------------------------------- bytes

/** The UTF-8 size of a string, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}


/** Strict base64 (RFC 4648, with padding): anything else is a damaged file, not something to guess at. */
function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zlib's crc32 and Node's zlib.crc32), as 8 lowercase hex digits. */
export function crc32Hex(bytes: Uint8Array): string {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
