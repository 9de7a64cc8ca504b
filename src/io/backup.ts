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

export type ReadBackupResult = { ok: true; backup: Backup } | { ok: false; problem: BackupProblem; message: string };

export const BACKUP_MESSAGES = {
  empty: 'The file is empty: it may have been cut off while copying. Try the original file, or export a new backup.',
  truncated: 'The file is incomplete: it may have been cut off while copying. Try the original file, or export a new backup.',
  corrupted: 'The file is damaged: part of it cannot be read, so it cannot be restored. Try another copy of the backup.',
  foreign: "This is not a Tavola backup. Choose a file ending in “.tavola.json”, made with “Export backup” in a workspace's settings.",
  noWorkspace: 'The file is damaged: it does not contain a workspace, so it cannot be restored. Try another copy of the backup.',
} as const;

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

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  app: z.optional(z.string()),
  exportedAt: z.string(),
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
 * Read a backup file's text. Never throws. Checks, in order: the size, that it is JSON (and if
 * not, whether it was cut off), that it is a Tavola backup, its format version, its header, that
 * the state decodes, matches its checksum and applies to a fresh document without anything
 * missing, and that the workspace it gives is one this version can edit.
 */
export function readBackup(text: string): ReadBackupResult {
  // Before anything else: a UTF-16 string is never longer than its UTF-8 bytes.
  if (text.length > MAX_BACKUP_BYTES) return refuse('too-large', tooLargeMessage(utf8Length(text)));
  const bytes = utf8Length(text);
  if (bytes > MAX_BACKUP_BYTES) return refuse('too-large', tooLargeMessage(bytes));
  if (text.trim() === '') return refuse('truncated', BACKUP_MESSAGES.empty);

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Exported files name their format first: a file that never does is something else, unless
    // it was cut off before it could (`{"form`).
    if (!text.includes(`"${BACKUP_FORMAT}"`)) {
      const start = text.slice(0, 64).replace(/\s+/g, '');
      const cutInHeader = text.length < 64 && `{"format":"${BACKUP_FORMAT}"`.startsWith(start);
      return cutInHeader ? refuse('truncated', BACKUP_MESSAGES.truncated) : refuse('foreign', BACKUP_MESSAGES.foreign);
    }
    return endsEarly(text) ? refuse('truncated', BACKUP_MESSAGES.truncated) : refuse('corrupted', BACKUP_MESSAGES.corrupted);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    return refuse('foreign', BACKUP_MESSAGES.foreign);
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
    return refuse('too-new', tooNewFormatMessage(version));
  }
  const header = headerSchema.safeParse(raw);
  if (!header.success) return refuse('corrupted', BACKUP_MESSAGES.corrupted);
  const file = header.data;
  if (file.workspace.schemaVersion !== undefined && file.workspace.schemaVersion > SCHEMA_VERSION) {
    return refuse('too-new', tooNewLayoutMessage(file.workspace.schemaVersion));
  }

  const state = fromBase64(file.state);
  if (!state) return refuse('corrupted', BACKUP_MESSAGES.corrupted);
  if (file.stateBytes !== undefined && file.stateBytes !== state.length) return refuse('corrupted', BACKUP_MESSAGES.corrupted);
  // About one damaged state in five still applies without an error (a changed letter in a
  // text, say); the checksum catches those.
  if (file.stateCrc32 !== undefined && file.stateCrc32 !== crc32Hex(state)) return refuse('corrupted', BACKUP_MESSAGES.corrupted);

  const workspace = new Workspace();
  try {
    try {
      workspace.applyUpdate(state, new BackupOrigin('backup.restore'));
    } catch {
      return refuse('corrupted', BACKUP_MESSAGES.corrupted);
    }
    // A whole-document update leaves nothing waiting for a missing part; a damaged one can.
    const store = workspace.doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) return refuse('corrupted', BACKUP_MESSAGES.corrupted);
    const compatibility = workspace.compatibility();
    switch (compatibility.kind) {
      case 'newer':
        return refuse('too-new', tooNewLayoutMessage(compatibility.schemaVersion));
      case 'empty':
        return refuse('corrupted', BACKUP_MESSAGES.noWorkspace);
      case 'ok':
        break;
    }
    const counts = {} as Record<CollectionName, number>;
    for (const name of COLLECTIONS) counts[name] = workspace[name].list().length;
    return {
      ok: true,
      backup: { version: file.version, exportedAt: file.exportedAt, workspaceId: file.workspace.id, meta: workspace.meta(), state, counts },
    };
  } finally {
    workspace.destroy();
  }
}

// ---------------------------------------------------------------- merging

export interface MergeSummary {
  /** Whether the backup had anything the workspace lacked. */
  changed: boolean;
  /** Records the workspace did not have at all before (deleted ones included), by kind. */
  added: Record<CollectionName, number>;
}

/**
 * Merge a checked backup into a workspace, as one transaction: a Yjs merge, so nothing is lost
 * on either side. What the backup has and the workspace lacks comes in; a change made in the
 * workspace after the backup (an edit, a deletion) stays, since the backup's state is already
 * part of its history.
 */
export function mergeBackup(workspace: Workspace, backup: Backup, origin = new BackupOrigin('backup.merge')): MergeSummary {
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
  const added = {} as Record<CollectionName, number>;
  for (const name of COLLECTIONS) {
    const known = before.get(name)!;
    added[name] = workspace[name].list({ deleted: 'include' }).filter((r) => !known.has(r.id)).length;
  }
  return { changed, added };
}

function refuse(problem: BackupProblem, message: string): ReadBackupResult {
  return { ok: false, problem, message };
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
