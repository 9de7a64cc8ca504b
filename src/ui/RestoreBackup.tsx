import { A } from '@solidjs/router';
import { createEffect, createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import type { Backup, MergeCheck } from '../io/backup';
import { Notice, formatDate } from './components';
import './backup.css';

/** Reading, checking and restoring a backup: loaded when a file is chosen, not with the home screen. */
const loadBackups = () => import('../state/backups');

/** The home screen's way back from a backup file: a new workspace, a merge, or a separate copy. */
export function RestoreBackup() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [done, setDone] = createSignal<{ message: string; id: string } | null>(null);
  const [choice, setChoice] = createSignal<{ backup: Backup; name: string; merge: MergeCheck; summary: string } | null>(null);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    setDone(null);
    try {
      await action();
    } catch (cause) {
      // Refusals and failed restores say what happened in their own words; anything else is unforeseen.
      const { MergeRefused, RestoreFailed } = await loadBackups();
      if (cause instanceof MergeRefused || cause instanceof RestoreFailed) setError(cause.message);
      else setError(`${what} did not work: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      setBusy(false);
    }
  };

  const chosen = (file: File) =>
    run('Restoring the backup', async () => {
      const { readBackupFile, workspaceHere, checkMergeHere, restoreAsNew, describeCounts } = await loadBackups();
      const result = await readBackupFile(file);
      if (!result.ok) {
        setError(result.message);
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
      setDone({ id, message: `Restored “${backup.meta.name}” from the backup of ${formatDate(backup.exportedAt)}.` });
    });

  const merge = (backup: Backup, name: string) => {
    setChoice(null);
    void run('Merging the backup', async () => {
      const { mergeIntoStored, describeMerge } = await loadBackups();
      const summary = await mergeIntoStored(backup, name);
      setDone({ id: backup.workspaceId, message: describeMerge(summary, name) });
    });
  };

  const copy = (backup: Backup) => {
    setChoice(null);
    void run('Importing the copy', async () => {
      const { restoreAsCopy } = await loadBackups();
      const id = await restoreAsCopy(backup);
      setDone({ id, message: `Imported the backup of ${formatDate(backup.exportedAt)} as a separate workspace, “${backup.meta.name} (copy)”.` });
    });
  };

  return (
    <section class="card backup-card" aria-labelledby="restore-backup-title" data-testid="restore-backup">
      <h2 id="restore-backup-title">Restore from a backup file</h2>
      <div class="backup-row">
        <p class="quiet">
          A backup is a “.tavola.json” file made with “Export backup” in a workspace's settings. Restoring it brings the
          workspace back into this browser; nothing you have here is removed.
        </p>
        <BackupFileInput label="Choose a backup file…" busyLabel="Reading the file…" busy={busy()} testId="restore-file" onFile={chosen} />
      </div>
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
              Open it
            </A>
          </Notice>
        )}
      </Show>

      <BackupDialog
        open={choice() !== null}
        title={`“${choice()?.name ?? ''}” is already in this browser`}
        testId="restore-choice"
        onCancel={() => setChoice(null)}
        actions={
          <>
            <button type="button" class="button" data-testid="restore-copy" onClick={() => copy(choice()!.backup)}>
              Import as a separate copy
            </button>
            <Show when={choice()?.merge.ok}>
              <button type="button" class="button primary" data-testid="restore-merge" onClick={() => merge(choice()!.backup, choice()!.name)}>
                Merge into this workspace
              </button>
            </Show>
          </>
        }
      >
        <Show when={choice()}>{(c) => <p>{c().summary}</p>}</Show>
        <Show when={(() => { const check = choice()?.merge; return check && !check.ok ? check.message : ''; })()}>
          {(message) => (
            <Notice tone="error" testId="restore-merge-refused">
              {message()}
            </Notice>
          )}
        </Show>
        <p>
          <strong>Merge</strong> combines the backup with the workspace here, as a partner's changes would be: what the
          backup has that is missing here comes back, and changes made here since stay. Partners who are connected receive
          what it adds.
        </p>
        <p>
          <strong>Separate copy</strong> makes a new workspace from the backup alone, shared with no one, and leaves the
          workspace here as it is.
        </p>
      </BackupDialog>
    </section>
  );
}

/** “The backup of 4 March 2025 holds 3 topics, 12 focus points and 1 meeting.”, given what it holds in words. */
export function backupSummary(backup: Backup, holds: string): string {
  return `The backup of ${formatDate(backup.exportedAt)} holds ${holds || 'an empty workspace'}.`;
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
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog wide backup-dialog" data-testid={props.testId} aria-labelledby={titleId} onClose={() => props.open && props.onCancel()}>
      <h2 id={titleId}>{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="button" data-testid={`${props.testId}-cancel`} onClick={() => props.onCancel()}>
          Cancel
        </button>
        {props.actions}
      </div>
    </dialog>
  );
}
