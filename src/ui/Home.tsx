import { A, useNavigate } from '@solidjs/router';
import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import { LIMITS } from '../model';
import { createWorkspaceList } from '../state/registry';
import { addSampleWorkspace, addWorkspace, deleteWorkspace, renameWorkspace } from '../state/workspaces';
import { requestPersistentStorage, type PersistenceState } from '../sync/persistence';
import type { WorkspaceEntry } from '../sync/registry';
import { createStorageEstimate } from '../state/storage';
import { formatBytes, storageLevel, type StorageEstimateInfo } from '../sync/storage';
import { AddForm, ConfirmDialog, EmptyState, Notice, formatDate } from './components';
import { RestoreBackup } from './RestoreBackup';

function percent(info: StorageEstimateInfo): string {
  const share = (info.usage / info.quota) * 100;
  return share < 1 ? 'less than 1%' : `${Math.round(share)}%`;
}

export function Home() {
  const navigate = useNavigate();
  const workspaces = createWorkspaceList();
  const [persistence, setPersistence] = createSignal<PersistenceState | 'asking'>('asking');
  const storage = createStorageEstimate();
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [toDelete, setToDelete] = createSignal<WorkspaceEntry | null>(null);

  onMount(() => {
    void requestPersistentStorage().then(setPersistence);
  });

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (cause) {
      setError(`${what} did not work: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="page home">
      <header class="home-header">
        <h1 class="brand">
          <span class="brand-mark" aria-hidden="true" />
          <span class="brand-name">Tavola</span>
        </h1>
        <p class="tagline">Your working group's topics, focus points, meetings and practice sheets — kept in this browser, shared only with the partners you invite.</p>
      </header>

      <Switch>
        <Match when={persistence() === 'refused'}>
          <Notice tone="warning" testId="storage-notice">
            This browser has not promised to keep Tavola's data. It may clear your workspaces if the disk runs low. Keep
            backups, or install Tavola as an app, which usually lets the browser keep it.
          </Notice>
        </Match>
        <Match when={persistence() === 'unsupported'}>
          <Notice tone="warning" testId="storage-notice">
            This browser cannot promise to keep Tavola's data. It may clear your workspaces if the disk runs low.
          </Notice>
        </Match>
        <Match when={persistence() === 'granted'}>
          <p class="quiet" data-testid="storage-notice">Stored permanently in this browser.</p>
        </Match>
      </Switch>
      <Show when={storage()}>
        {(info) => (
          <Show
            when={storageLevel(info()) === 'nearly-full'}
            fallback={
              <p class="quiet" data-testid="storage-use">
                Tavola uses {formatBytes(info().usage)} of this browser's storage ({percent(info())} of what it allows).
              </p>
            }
          >
            <Notice tone="warning" testId="storage-use">
              This browser is running out of space for Tavola: {formatBytes(info().usage)} used of {formatBytes(info().quota)}.
              Export backups of your workspaces and delete the ones you no longer need here, or free space on this computer.
            </Notice>
          </Show>
        )}
      </Show>
      <Show when={error()}>
        <Notice tone="error">{error()}</Notice>
      </Show>

      <section class="card">
        <h2>Start a workspace</h2>
        <AddForm
          label="Name of the new workspace"
          placeholder="e.g. Working group on urban safety"
          button="Create workspace"
          testId="create-workspace"
          maxLength={LIMITS.workspaceName}
          onAdd={(name) => run('Creating the workspace', async () => navigate(`/w/${await addWorkspace(name)}/topics`))}
        />
        <p class="quiet">
          Or{' '}
          <button
            type="button"
            class="link-button"
            data-testid="open-sample"
            disabled={busy()}
            onClick={() => run('Opening the sample', async () => navigate(`/w/${await addSampleWorkspace()}/topics`))}
          >
            open the sample working group
          </button>{' '}
          to see how a group uses Tavola.
        </p>
      </section>

      <section class="card">
        <h2>Your workspaces</h2>
        <Show
          when={workspaces().length > 0}
          fallback={
            <EmptyState title="No workspaces in this browser yet">
              <p>Create one above, or open a link a partner sent you.</p>
            </EmptyState>
          }
        >
          <ul class="workspace-list" data-testid="workspace-list">
            <For each={workspaces()}>
              {(entry) => <WorkspaceRow entry={entry} onDelete={() => setToDelete(entry)} onRename={(name) => run('Renaming', () => renameWorkspace(entry.id, name))} />}
            </For>
          </ul>
        </Show>
      </section>

      <RestoreBackup />

      <ConfirmDialog
        open={toDelete() !== null}
        title={`Delete “${toDelete()?.name ?? ''}”?`}
        confirmLabel="Delete from this browser"
        danger
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const entry = toDelete();
          setToDelete(null);
          if (entry) void run('Deleting the workspace', () => deleteWorkspace(entry.id));
        }}
      >
        <p>
          Its topics, focus points, meetings and practice sheets are removed from this browser. Partners who have the
          workspace keep their own copy.
        </p>
      </ConfirmDialog>
    </main>
  );
}

function WorkspaceRow(props: { entry: WorkspaceEntry; onDelete: () => void; onRename: (name: string) => void }) {
  const [renaming, setRenaming] = createSignal(false);
  const [name, setName] = createSignal('');
  const submit = (event: Event) => {
    event.preventDefault();
    const next = name().trim();
    if (next) props.onRename(next);
    setRenaming(false);
  };
  return (
    <li class="workspace-row" data-testid="workspace-row" data-workspace-id={props.entry.id}>
      <Show
        when={renaming()}
        fallback={
          <>
            <A class="workspace-link" href={`/w/${props.entry.id}/topics`}>
              <span class="workspace-name">{props.entry.name || 'Untitled workspace'}</span>
              <span class="quiet">Last opened {formatDate(props.entry.openedAt)}</span>
            </A>
            <div class="row-actions">
              <button
                type="button"
                class="button small"
                onClick={() => {
                  setName(props.entry.name);
                  setRenaming(true);
                }}
              >
                Rename
              </button>
              <button type="button" class="button small danger-quiet" onClick={() => props.onDelete()}>
                Delete
              </button>
            </div>
          </>
        }
      >
        <form class="add-form rename-form" onSubmit={submit}>
          <input aria-label="New name" maxLength={LIMITS.workspaceName} value={name()} onInput={(e) => setName(e.currentTarget.value)} ref={(el) => queueMicrotask(() => el.focus())} />
          <button class="button primary" type="submit">
            Save
          </button>
          <button class="button" type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      </Show>
    </li>
  );
}
