import { createSignal, Show } from 'solid-js';
import { MAX_BACKUP_BYTES, MergeRefused, checkMerge, formatBytes, type Backup } from '../io/backup';
import { describeCounts, describeMerge, downloadBackup, mergeInto, readBackupFile } from '../state/backups';
import { Notice } from './components';
import { useWorkspace } from './context';
import { BackupDialog, BackupFileInput, backupSummary } from './RestoreBackup';
import './backup.css';

/** The workspace's settings card for backups: export to a file, and merge one back in. */
export function BackupSettings() {
  const { workspace, id } = useWorkspace();
  const [exported, setExported] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [merged, setMerged] = createSignal('');
  const [pending, setPending] = createSignal<Backup | null>(null);

  const exportNow = () => {
    setError('');
    try {
      const { fileName, bytes } = downloadBackup(workspace, id);
      setExported(`Saved “${fileName}” (${formatBytes(bytes)}) to your downloads.`);
      // Kept anyway (it is the only copy some may have), but said plainly.
      if (bytes > MAX_BACKUP_BYTES) {
        setError(
          `This backup is ${formatBytes(bytes)}, more than Tavola can restore (${formatBytes(MAX_BACKUP_BYTES)}). Keep it anyway: it holds everything, and its records can be read in any text editor.`,
        );
      }
    } catch (cause) {
      setError(`Exporting the backup did not work: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  };

  const chosen = async (file: File) => {
    setBusy(true);
    setError('');
    setMerged('');
    try {
      const result = await readBackupFile(file);
      if (!result.ok) return setError(result.message);
      if (result.backup.workspaceId !== id) {
        return setError(
          `This backup is of another workspace, “${result.backup.meta.name}”. To bring it into this browser, use “Restore from a backup file” on the home screen.`,
        );
      }
      // A backup of another workspace under this one's id, or one that does not fit with it, is
      // refused now rather than after the person confirmed.
      const check = checkMerge(workspace.encodeState(), result.backup, workspace.meta().name);
      if (!check.ok) return setError(check.message);
      setPending(result.backup);
    } finally {
      setBusy(false);
    }
  };

  const merge = (backup: Backup) => {
    setPending(null);
    try {
      setMerged(describeMerge(mergeInto(workspace, backup), workspace.meta().name));
    } catch (cause) {
      if (cause instanceof MergeRefused) setError(cause.message);
      else setError(`Merging the backup did not work: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  };

  return (
    <section class="card backup-card" aria-labelledby="settings-backup" data-testid="backup-settings">
      <h2 id="settings-backup">Backups</h2>
      <p class="quiet">
        This workspace is kept in this browser. A backup is one file with everything in it — topics, focus points, meetings,
        practice sheets and members, deleted ones too — that you keep where you like and can restore in any browser.
      </p>
      <div class="settings-actions">
        <button type="button" class="button primary" data-testid="export-backup" onClick={exportNow}>
          Export backup
        </button>
        <Show when={exported()}>
          <span class="quiet" role="status" data-testid="export-done">
            {exported()}
          </span>
        </Show>
      </div>

      <h3 class="backup-subtitle">Restore from a backup</h3>
      <div class="backup-row">
        <p class="quiet">
          Merges a backup of this workspace into it, as a partner's changes would be: what the backup has that is missing
          here comes back, and changes made since stay. To go back to the backup as it was, restore it as a separate copy
          from the home screen.
        </p>
        <BackupFileInput label="Choose a backup file…" busyLabel="Reading the file…" busy={busy()} testId="merge-file" onFile={(file) => void chosen(file)} />
      </div>
      <Show when={error()}>
        <Notice tone="error" testId="backup-error">
          {error()}
        </Notice>
      </Show>
      <Show when={merged()}>
        <Notice testId="backup-merged">{merged()}</Notice>
      </Show>

      <BackupDialog
        open={pending() !== null}
        title={`Merge the backup into “${workspace.meta().name}”?`}
        testId="merge-confirm"
        onCancel={() => setPending(null)}
        actions={
          <button type="button" class="button primary" data-testid="merge-backup" onClick={() => merge(pending()!)}>
            Merge
          </button>
        }
      >
        <Show when={pending()}>{(backup) => <p>{backupSummary(backup(), describeCounts(backup().counts))}</p>}</Show>
        <p>Nothing is lost on either side. Partners who are connected receive what the backup adds.</p>
      </BackupDialog>
    </section>
  );
}
