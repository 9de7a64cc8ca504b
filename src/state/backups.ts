import { newId, type CollectionName, type Workspace } from '../model';
import {
  BackupOrigin,
  MAX_BACKUP_BYTES,
  backupFileName,
  exportBackup,
  mergeBackup,
  readBackup,
  tooLargeMessage,
  utf8Length,
  type Backup,
  type MergeSummary,
  type ReadBackupResult,
} from '../io/backup';
import { newSecret } from '../sync/link';
import { deleteStoredWorkspace, storedWorkspaceExists } from '../sync/persistence';
import { registry } from './registry';
import { acquireWorkspace, closeWorkspaceNow } from './session';

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

/** Read and check a chosen file. A file over the limit is refused before it is read into memory. */
export async function readBackupFile(file: File): Promise<ReadBackupResult> {
  if (file.size > MAX_BACKUP_BYTES) return { ok: false, problem: 'too-large', message: tooLargeMessage(file.size) };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, problem: 'corrupted', message: 'This browser could not read the file. Try copying it to this computer first.' };
  }
  return readBackup(text);
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

async function bringIn(id: string, backup: Backup, options: { copy?: boolean }): Promise<string> {
  const handle = acquireWorkspace(id);
  try {
    const { workspace } = await handle.ready;
    workspace.applyUpdate(backup.state, new BackupOrigin('backup.restore'));
    if (options.copy) workspace.rename(`${workspace.meta().name.slice(0, 290)} (copy)`);
    registry.add({ id, name: workspace.meta().name, ...(options.copy ? { secret: newSecret() } : {}) });
    return id;
  } catch (error) {
    // Half a restore is worse than none: take away what was created.
    handle.release();
    await closeWorkspaceNow(id).catch(() => undefined);
    await deleteStoredWorkspace(id).catch(() => undefined);
    registry.remove(id);
    throw error;
  } finally {
    handle.release();
  }
}

/** Merge a backup into this browser's copy of its workspace (open or not). */
export async function mergeIntoStored(backup: Backup): Promise<MergeSummary> {
  const id = backup.workspaceId;
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

/** Merge a backup into an open workspace, refusing one this version of Tavola must not edit. */
export function mergeInto(workspace: Workspace, backup: Backup): MergeSummary {
  if (workspace.compatibility().kind === 'newer') {
    throw new Error('the workspace in this browser was made by a newer version of Tavola; update Tavola first');
  }
  return mergeBackup(workspace, backup);
}

// ---------------------------------------------------------------- words

const KIND_WORDS: Record<CollectionName, [one: string, many: string]> = {
  topics: ['topic', 'topics'],
  focusPoints: ['focus point', 'focus points'],
  meetings: ['meeting', 'meetings'],
  practices: ['practice sheet', 'practice sheets'],
  members: ['member', 'members'],
};

/** “3 topics, 12 focus points and 1 meeting”, leaving out kinds with none; '' when all are 0. */
export function describeCounts(counts: Record<CollectionName, number>, options: { includeZero?: boolean } = {}): string {
  const parts = (Object.keys(KIND_WORDS) as CollectionName[])
    .filter((kind) => options.includeZero || counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${KIND_WORDS[kind][counts[kind] === 1 ? 0 : 1]}`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** What a merge did, in a sentence. */
export function describeMerge(summary: MergeSummary, workspaceName: string): string {
  if (!summary.changed) return `Everything in the backup was already in “${workspaceName}”: nothing changed.`;
  const added = describeCounts(summary.added);
  if (!added) return `Merged the backup into “${workspaceName}”: its changes were combined with the ones here.`;
  const verb = Object.values(summary.added).reduce((a, b) => a + b, 0) === 1 ? 'was' : 'were';
  return `Merged the backup into “${workspaceName}”: ${added} ${verb} added, and its other changes were combined with the ones here.`;
}
