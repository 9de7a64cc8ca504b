import { newId, type CollectionName, type Workspace } from '../model';
import * as Y from 'yjs';
import {
  BackupOrigin,
  backupFileName,
  MergeRefused,
  checkMerge,
  exportBackup,
  mergeBackup,
  readBackupBlob,
  utf8Length,
  type Backup,
  type MergeCheck,
  type MergeSummary,
  type BackupDetail,
  type BackupDetailParams,
  type ReadBackupResult,
} from '../io/backup';
import { newSecret } from '../sync/link';
import { databaseName, deleteStoredWorkspace, storedWorkspaceExists } from '../sync/persistence';
import { formatBytes, isQuotaError } from '../sync/storage';
import { formatList, t, tn, type MessageKey, type PluralKey } from '../i18n';

export { MergeRefused };
import { registry } from './registry';
import { acquireWorkspace, closeWorkspaceNow } from './session';
import { assertCanEdit } from './access';

/**
 * Backups between the screens and the browser: downloading a file, reading a chosen one, and
 * bringing it into this browser's workspaces. Nothing is written before a file has been read
 * and checked whole (src/io/backup.ts).
 */

/** Save the workspace as a backup file through the browser's download. */
export function downloadBackup(workspace: Workspace, workspaceId: string): { fileName: string; bytes: number } {
  const text = exportBackup(workspace, workspaceId);
  const fileName = backupFileName(workspace.meta().name);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not now: some browsers read the blob only after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { fileName, bytes: utf8Length(text) };
}

/** Read and check a chosen file. A file over the limit is refused from its size, before it is read into memory. */
export function readBackupFile(file: File): Promise<ReadBackupResult> {
  return readBackupBlob(file);
}

/** The name of the backup's workspace when this browser has it already (listed, or stored), else null. */
export async function workspaceHere(backup: Backup): Promise<string | null> {
  const entry = registry.get(backup.workspaceId);
  if (entry) return entry.name || backup.meta.name;
  return (await storedWorkspaceExists(backup.workspaceId)) ? backup.meta.name : null;
}

/**
 * A workspace this browser does not have, restored under its own id. It gets no share key: the
 * key is not in backups (docs/backup.md), and opening a partner's link connects it again.
 */
export function restoreAsNew(backup: Backup): Promise<string> {
  return bringIn(backup.workspaceId, backup, {});
}

/** The backup as a new workspace of its own (a new id, not shared), named “… (copy)”. */
export function restoreAsCopy(backup: Backup): Promise<string> {
  return bringIn(newId(), backup, { copy: true });
}

/** Why a restore failed, for the screen to say in the person's language (`reason`: the browser's words, if any). */
export type RestoreProblem = 'already-here' | 'no-room' | 'not-stored';

/** A restore that failed after it began: what was created was taken away again. */
export class RestoreFailed extends Error {
  constructor(
    message: string,
    options?: { cause?: unknown },
    readonly problem: RestoreProblem = 'not-stored',
    readonly reason = '',
  ) {
    super(message, options);
    this.name = 'RestoreFailed';
  }
}

/** A failed restore, in the person's language. */
export function restoreFailedText(error: RestoreFailed): string {
  if (error.problem === 'already-here') return t('home.restore.failed.alreadyHere');
  if (error.problem === 'no-room') return t('home.restore.failed.noRoom');
  return error.reason ? t('home.restore.failed.notStoredBecause', { reason: error.reason }) : t('home.restore.failed.notStored');
}

/** Why a file cannot be restored (readBackupFile's refusal), in the person's language. */
export function backupProblemText(result: { detail: BackupDetail; params: BackupDetailParams }): string {
  const { size = 0, limit = 0, version = 0, readable = 0 } = result.params;
  return t(`common.backupFile.problem.${result.detail}`, { size: formatBytes(size), limit: formatBytes(limit), version, readable });
}

/** Why a merge is refused (checkMerge, MergeRefused), in the person's language. */
export function mergeRefusedText(problem: MergeRefused['problem'], workspaceName: string): string {
  return t(problem === 'other-workspace' ? 'common.backupFile.problem.otherWorkspace' : 'common.backupFile.problem.doesNotFit', { name: workspaceName });
}

/** The backup's workspace as a copy: “Urban safety (copy)”, in the person's language. */
export function copyName(name: string): string {
  return t('home.restore.copyName', { name });
}

async function bringIn(id: string, backup: Backup, options: { copy?: boolean }): Promise<string> {
  // Only ever a database this browser does not have: a restore creates, it never overwrites.
  if (registry.get(id) || (await storedWorkspaceExists(id))) {
    throw new RestoreFailed('This workspace is already in this browser. Nothing was changed.', undefined, 'already-here');
  }
  const handle = acquireWorkspace(id);
  let listed = false;
  try {
    const { workspace } = await handle.ready;
    workspace.applyUpdate(backup.state, new BackupOrigin('backup.restore'));
    if (options.copy) workspace.rename(copyName(workspace.meta().name.slice(0, 280)));
    registry.add({ id, name: workspace.meta().name, ...(options.copy ? { secret: newSecret(), kind: 'edit' as const } : {}) });
    listed = true;
    return id;
  } catch (error) {
    // Half a restore is worse than none: take away what was created, and only that (the list
    // is rewritten only if this restore added to it).
    handle.release();
    await closeWorkspaceNow(id).catch(() => undefined);
    await deleteStoredWorkspace(id).catch(() => undefined);
    if (listed) registry.remove(id);
    throw new RestoreFailed(
      isQuotaError(error)
        ? 'This browser has no room left to store the workspace, so it was not restored. Nothing was changed. Free some space (delete a workspace you no longer need here) and try again.'
        : `The workspace could not be stored in this browser${error instanceof Error && error.message ? ` (${error.message})` : ''}. Nothing was changed.`,
      { cause: error },
      isQuotaError(error) ? 'no-room' : 'not-stored',
      error instanceof Error ? error.message : '',
    );
  } finally {
    handle.release();
  }
}

/**
 * Whether a backup can be merged into this browser's copy of its workspace (checkMerge), read
 * from what is stored without opening it: a file that is refused must leave every stored byte
 * as it was, and opening a workspace writes (y-indexeddb, migrations).
 */
export async function checkMergeHere(backup: Backup, workspaceName: string): Promise<MergeCheck> {
  const updates = await readStoredUpdates(backup.workspaceId);
  return checkMerge(updates.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(updates), backup, workspaceName);
}

/** A workspace's stored updates, read only: a database that does not exist is not created. */
function readStoredUpdates(workspaceId: string): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName(workspaceId));
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve([]);
    request.onblocked = () => reject(new Error('the stored workspace is busy in another tab'));
    request.onsuccess = () => {
      const db = request.result;
      try {
        if (!db.objectStoreNames.contains('updates')) {
          db.close();
          resolve([]);
          return;
        }
        const read = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        read.onsuccess = () => {
          db.close();
          resolve((read.result as unknown[]).filter((value): value is Uint8Array => value instanceof Uint8Array));
        };
        read.onerror = () => {
          db.close();
          reject(read.error ?? new Error('the stored workspace could not be read'));
        };
      } catch (error) {
        db.close();
        reject(error);
      }
    };
  });
}

/** Merge a backup into this browser's copy of its workspace (open or not). */
export async function mergeIntoStored(backup: Backup, workspaceName: string): Promise<MergeSummary> {
  const id = backup.workspaceId;
  // Checked on what is stored before the workspace is opened, then again on the open document.
  const check = await checkMergeHere(backup, workspaceName);
  if (!check.ok) throw new MergeRefused(check.problem, check.message);
  const handle = acquireWorkspace(id);
  try {
    const { workspace } = await handle.ready;
    const summary = mergeInto(workspace, backup);
    if (registry.get(id)) registry.update(id, { name: workspace.meta().name });
    else registry.add({ id, name: workspace.meta().name });
    return summary;
  } finally {
    handle.release();
  }
}

/** A workspace here made by a newer Tavola: a merge is refused before any change. */
export class MergeNeedsUpdate extends Error {
  constructor() {
    super('the workspace in this browser was made by a newer version of Tavola; update Tavola first');
    this.name = 'MergeNeedsUpdate';
  }
}

/**
 * Merge a backup into an open workspace, refusing one this version of Tavola must not edit, and
 * (mergeBackup) one of another workspace or that does not fit: those throw before any change.
 */
export function mergeInto(workspace: Workspace, backup: Backup): MergeSummary {
  // A view-only copy never writes (access.ts); the merge below bypasses the model's transact.
  assertCanEdit(workspace, 'backup.merge');
  if (workspace.compatibility().kind === 'newer') {
    throw new MergeNeedsUpdate();
  }
  return mergeBackup(workspace, backup);
}

// ---------------------------------------------------------------- words

const KIND_COUNTS: Record<CollectionName, PluralKey> = {
  topics: 'common.count.topics',
  focusPoints: 'common.count.focusPoints',
  meetings: 'common.count.meetings',
  practices: 'common.count.practices',
  members: 'common.count.members',
};

/** “3 topics, 12 focus points and 1 meeting” in the person's language, leaving out kinds with none; '' when all are 0. */
export function describeCounts(counts: Record<CollectionName, number>, options: { includeZero?: boolean } = {}): string {
  const parts = (Object.keys(KIND_COUNTS) as CollectionName[])
    .filter((kind) => options.includeZero || counts[kind] > 0)
    .map((kind) => tn(KIND_COUNTS[kind], counts[kind]));
  return parts.length === 0 ? '' : formatList(parts);
}

/** What a merge did, in a sentence. */
export function describeMerge(summary: MergeSummary, workspaceName: string): string {
  if (!summary.changed) return t('common.backupFile.merged.nothingChanged', { name: workspaceName });
  const added = describeCounts(summary.added);
  if (!added) return t('common.backupFile.merged.combined', { name: workspaceName });
  const total = Object.values(summary.added).reduce((a, b) => a + b, 0);
  return tn('common.backupFile.merged.added', total, { name: workspaceName, added });
}

/** An unforeseen failure of `key`'s action ("Merging the backup did not work: …"); a workspace that needs an update in the person's words. */
export function failureText(key: MessageKey, cause: unknown): string {
  if (cause instanceof MergeNeedsUpdate) return t(key, { reason: t('common.backupFile.newerHere') });
  return t(key, { reason: cause instanceof Error ? cause.message : String(cause) });
}
