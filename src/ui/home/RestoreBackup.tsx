import { A } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import type { Backup, MergeCheck } from '../../io/backup';
import { t, type MessageKey } from '../../i18n';
import { canEditNow } from '../../state/access';
import { showModal } from '../kit/modal';
import { Notice, formatDate } from '../kit/components';
import './backup.css';
import { RestoreCard } from './RestoreCard';

/** Reading, checking and restoring a backup: loaded when a file is chosen, not with the home screen. */
const loadBackups = () => import('../../state/backups');

/** The home screen's way back from a backup file: a new workspace, a merge, or a separate copy. */
export function RestoreBackup() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [done, setDone] = createSignal<{ message: string; id: string } | null>(null);
  const [choice, setChoice] = createSignal<{ backup: Backup; name: string; merge: MergeCheck; summary: string } | null>(null);

  const run = async (what: MessageKey, action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    setDone(null);
    try {
      await action();
    } catch (cause) {
      // Refusals and failed restores say what happened in their own words; anything else is unforeseen.
      const { MergeRefused, RestoreFailed, failureText, mergeRefusedText, restoreFailedText } = await loadBackups();
      if (cause instanceof MergeRefused) setError(mergeRefusedText(cause.problem, choice()?.name ?? refusedName));
      else if (cause instanceof RestoreFailed) setError(restoreFailedText(cause));
      else setError(failureText(what, cause));
    } finally {
      setBusy(false);
    }
  };

  // The workspace a merge was asked for, to name it if the merge is refused.
  let refusedName = '';

  const chosen = (file: File) =>
    run('home.failed.restore', async () => {
      const { readBackupFile, workspaceHere, checkMergeHere, restoreAsNew, describeCounts, backupProblemText } = await loadBackups();
      const result = await readBackupFile(file);
      if (!result.ok) {
        setError(backupProblemText(result));
        return;
      }
      const backup = result.backup;
      const here = await workspaceHere(backup);
      if (here !== null) {
        // Whether it can be merged is known before the question is asked, from what is stored.
        const summary = backupSummary(backup, describeCounts(backup.counts));
        setChoice({ backup, name: here, merge: await checkMergeHere(backup, here), summary });
        return;
      }
      const id = await restoreAsNew(backup);
      setDone({ id, message: t('home.restore.restored', { name: backup.meta.name, date: formatDate(backup.exportedAt) }) });
    });

  const merge = (backup: Backup, name: string) => {
    setChoice(null);
    refusedName = name;
    void run('common.backupFile.mergeFailed', async () => {
      const { mergeIntoStored, describeMerge } = await loadBackups();
      const summary = await mergeIntoStored(backup, name);
      setDone({ id: backup.workspaceId, message: describeMerge(summary, name) });
    });
  };

  const copy = (backup: Backup) => {
    setChoice(null);
    void run('home.failed.copy', async () => {
      const { restoreAsCopy, copyName } = await loadBackups();
      const id = await restoreAsCopy(backup);
      setDone({ id, message: t('home.restore.copied', { date: formatDate(backup.exportedAt), name: copyName(backup.meta.name) }) });
    });
  };

  return (
    <RestoreCard testId="restore-backup" button={<BackupFileInput label={t('common.backupFile.choose')} busyLabel={t('common.backupFile.reading')} busy={busy()} testId="restore-file" onFile={chosen} />}>
      <Show when={error()}>
        <Notice tone="error" testId="backup-error">
          {error()}
        </Notice>
      </Show>
      <Show when={done()}>
        {(result) => (
          <Notice testId="backup-restored">
            {result().message}{' '}
            <A href={`/w/${result().id}/topics`} data-testid="open-restored">
              {t('home.restore.open')}
            </A>
          </Notice>
        )}
      </Show>

      <BackupDialog
        open={choice() !== null}
        title={t('home.restore.alreadyHere', { name: choice()?.name ?? '' })}
        testId="restore-choice"
        onCancel={() => setChoice(null)}
        actions={
          <>
            <button type="button" class="button" data-testid="restore-copy" onClick={() => copy(choice()!.backup)}>
              {t('home.restore.asCopy')}
            </button>
            {/* A workspace held here as view only is never written into: a copy of the backup is the way. */}
            <Show when={choice()?.merge.ok && canEditNow(choice()!.backup.workspaceId)}>
              <button type="button" class="button primary" data-testid="restore-merge" onClick={() => merge(choice()!.backup, choice()!.name)}>
                {t('home.restore.merge')}
              </button>
            </Show>
          </>
        }
      >
        <Show when={choice()}>{(c) => <p>{c().summary}</p>}</Show>
        <Show when={choice() && !canEditNow(choice()!.backup.workspaceId)}>
          <Notice testId="restore-view-only">{t('common.viewOnly.explain')}</Notice>
        </Show>
        <Show when={(() => { const c = choice(); return c && !c.merge.ok ? c.merge : null; })()}>
          {(message) => (
            <Notice tone="error" testId="restore-merge-refused">
              {mergeProblem(message().problem, choice()?.name ?? '')}
            </Notice>
          )}
        </Show>
        <p>
          <strong>{t('home.restore.mergeTerm')}</strong> {t('home.restore.mergeExplained')}
        </p>
        <p>
          <strong>{t('home.restore.copyTerm')}</strong> {t('home.restore.copyExplained')}
        </p>
      </BackupDialog>
    </RestoreCard>
  );
}

/** “The backup of 4 March 2025 holds 3 topics, 12 focus points and 1 meeting.”, given what it holds in words. */
export function backupSummary(backup: Backup, holds: string): string {
  return t('common.backupFile.summary', { date: formatDate(backup.exportedAt), holds: holds || t('common.backupFile.emptyWorkspace') });
}

/** Why a merge is refused, in the person's language (the same words as state/backups' mergeRefusedText, without loading it). */
export function mergeProblem(problem: 'other-workspace' | 'does-not-fit', name: string): string {
  return t(problem === 'other-workspace' ? 'common.backupFile.problem.otherWorkspace' : 'common.backupFile.problem.doesNotFit', { name });
}

/** A button that opens the file picker; the chosen file goes to `onFile`, and the same file can be chosen again. */
export function BackupFileInput(props: { label: string; busyLabel: string; busy: boolean; testId: string; onFile: (file: File) => void }) {
  return (
    <label class="button file-button" classList={{ disabled: props.busy }}>
      <input
        type="file"
        class="visually-hidden"
        accept=".json,application/json"
        data-testid={props.testId}
        disabled={props.busy}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          input.value = '';
          if (file) props.onFile(file);
        }}
      />
      <span>{props.busy ? props.busyLabel : props.label}</span>
    </label>
  );
}

/** A modal with its own buttons next to Cancel (ConfirmDialog has one). */
export function BackupDialog(props: {
  open: boolean;
  title: string;
  testId: string;
  children: JSX.Element;
  actions: JSX.Element;
  onCancel: () => void;
}) {
  let dialog!: HTMLDialogElement;
  const titleId = createUniqueId();
  createEffect(() => {
    if (props.open && !dialog.open) showModal(dialog);
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog wide backup-dialog" data-testid={props.testId} aria-labelledby={titleId} onClose={() => props.open && props.onCancel()}>
      <h2 id={titleId}>{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="button" data-testid={`${props.testId}-cancel`} onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        {props.actions}
      </div>
    </dialog>
  );
}
