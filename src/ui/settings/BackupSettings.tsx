import { createSignal, Show } from 'solid-js';
import { MAX_BACKUP_BYTES, MergeRefused, checkMerge, type Backup } from '../../io/backup';
import { t } from '../../i18n';
import { backupProblemText, describeCounts, describeMerge, downloadBackup, failureText, mergeInto, mergeRefusedText, readBackupFile } from '../../state/backups';
import { formatBytes } from '../../sync/storage';
import { Notice } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { useCanEdit } from '../kit/can-edit';
import { BackupDialog, BackupFileInput, backupSummary } from '../home/RestoreBackup';
import '../home/backup.css';

/** The workspace's settings card for backups: export to a file, and merge one back in. */
export function BackupSettings() {
  const { workspace, id } = useWorkspace();
  // View only: a backup can be exported, not merged in (that would write into this copy).
  const canEdit = useCanEdit();
  const [exported, setExported] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [merged, setMerged] = createSignal('');
  const [pending, setPending] = createSignal<Backup | null>(null);

  const exportNow = () => {
    setError('');
    try {
      const { fileName, bytes } = downloadBackup(workspace, id);
      setExported(t('backup.saved', { file: fileName, size: formatBytes(bytes) }));
      // Kept anyway (it is the only copy some may have), but said plainly.
      if (bytes > MAX_BACKUP_BYTES) {
        setError(t('backup.tooLargeToRestore', { size: formatBytes(bytes), limit: formatBytes(MAX_BACKUP_BYTES) }));
      }
    } catch (cause) {
      setError(failureText('backup.exportFailed', cause));
    }
  };

  const chosen = async (file: File) => {
    setBusy(true);
    setError('');
    setMerged('');
    try {
      const result = await readBackupFile(file);
      if (!result.ok) return setError(backupProblemText(result));
      if (result.backup.workspaceId !== id) {
        return setError(t('backup.otherWorkspace', { name: result.backup.meta.name }));
      }
      // A backup of another workspace under this one's id, or one that does not fit with it, is
      // refused now rather than after the person confirmed.
      const check = checkMerge(workspace.encodeState(), result.backup, workspace.meta().name);
      if (!check.ok) return setError(mergeRefusedText(check.problem, workspace.meta().name));
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
      if (cause instanceof MergeRefused) setError(mergeRefusedText(cause.problem, workspace.meta().name));
      else setError(failureText('common.backupFile.mergeFailed', cause));
    }
  };

  return (
    <section class="card backup-card" aria-labelledby="settings-backup" data-testid="backup-settings">
      <h2 id="settings-backup">{t('backup.title')}</h2>
      <p class="quiet">{t('backup.intro')}</p>
      <div class="settings-actions">
        <button type="button" class="button primary" data-testid="export-backup" onClick={exportNow}>
          {t('backup.export')}
        </button>
        <Show when={exported()}>
          <span class="quiet" role="status" data-testid="export-done">
            {exported()}
          </span>
        </Show>
      </div>

      <Show when={canEdit()}>
        <h3 class="backup-subtitle">{t('backup.restoreTitle')}</h3>
        <div class="backup-row">
          <p class="quiet">{t('backup.restoreIntro')}</p>
          <BackupFileInput label={t('common.backupFile.choose')} busyLabel={t('common.backupFile.reading')} busy={busy()} testId="merge-file" onFile={(file) => void chosen(file)} />
        </div>
      </Show>
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
        title={t('backup.confirmTitle', { name: workspace.meta().name })}
        testId="merge-confirm"
        onCancel={() => setPending(null)}
        actions={
          <button type="button" class="button primary" data-testid="merge-backup" onClick={() => merge(pending()!)}>
            {t('backup.merge')}
          </button>
        }
      >
        <Show when={pending()}>{(backup) => <p>{backupSummary(backup(), describeCounts(backup().counts))}</p>}</Show>
        <p>{t('backup.nothingLost')}</p>
      </BackupDialog>
    </section>
  );
}
