import { A, useNavigate } from '@solidjs/router';
import { createSignal, For, lazy, Match, onMount, Show, Suspense, Switch } from 'solid-js';
import { LIMITS } from '../../model';
import { createWorkspaceList } from '../../state/registry';
import { addSampleWorkspace, addWorkspace, deleteWorkspace, renameWorkspace } from '../../state/workspaces';
import { canEditOf } from '../../state/access';
import { requestPersistentStorage, type PersistenceState } from '../../sync/persistence';
import type { WorkspaceEntry } from '../../sync/registry';
import { createStorageEstimate } from '../../state/storage';
import { formatBytes, storageLevel, type StorageEstimateInfo } from '../../sync/storage';
import { formatNumber, t, type MessageKey } from '../../i18n';
import { AddForm, ConfirmDialog, EmptyState, Notice, formatDate } from '../kit/components';
import { LanguagePicker } from '../kit/LanguagePicker';
import { RestoreCard } from './RestoreCard';

// Restoring a backup (its dialogs, its questions) is a chunk of its own, loaded right after home
// shows; until then the card looks as it will, its button not yet usable.
const RestoreBackup = lazy(() => import('./RestoreBackup').then((m) => ({ default: m.RestoreBackup })));
function RestoreBackupPlaceholder() {
  return <RestoreCard loading button={<span class="button file-button disabled">{t('common.backupFile.choose')}</span>} />;
}

function percent(info: StorageEstimateInfo): string {
  const share = (info.usage / info.quota) * 100;
  return share < 1 ? t('home.storage.lessThanOnePercent') : t('home.storage.percent', { value: formatNumber(Math.round(share)) });
}

/** What went wrong, as "<action> did not work: <reason>" in the person's language. */
function failed(key: MessageKey, cause: unknown): string {
  return t(key, { reason: cause instanceof Error ? cause.message : String(cause) });
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

  const run = async (what: MessageKey, action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (cause) {
      setError(failed(what, cause));
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
        <p class="tagline">{t('home.tagline')}</p>
        <div class="home-language">
          <LanguagePicker />
        </div>
      </header>

      <Switch>
        <Match when={persistence() === 'refused'}>
          <Notice tone="warning" testId="storage-notice">
            {t('home.storage.refused')}
          </Notice>
        </Match>
        <Match when={persistence() === 'unsupported'}>
          <Notice tone="warning" testId="storage-notice">
            {t('home.storage.unsupported')}
          </Notice>
        </Match>
        <Match when={persistence() === 'granted'}>
          <p class="quiet" data-testid="storage-notice">{t('home.storage.granted')}</p>
        </Match>
      </Switch>
      <Show when={storage()}>
        {(info) => (
          <Show
            when={storageLevel(info()) === 'nearly-full'}
            fallback={
              <p class="quiet" data-testid="storage-use">
                {t('home.storage.use', { used: formatBytes(info().usage), share: percent(info()) })}
              </p>
            }
          >
            <Notice tone="warning" testId="storage-use">
              {t('home.storage.nearlyFull', { used: formatBytes(info().usage), quota: formatBytes(info().quota) })}
            </Notice>
          </Show>
        )}
      </Show>
      <Show when={error()}>
        <Notice tone="error">{error()}</Notice>
      </Show>

      <section class="card">
        <h2>{t('home.create.title')}</h2>
        <AddForm
          label={t('home.create.label')}
          placeholder={t('home.create.placeholder')}
          button={t('home.create.button')}
          testId="create-workspace"
          maxLength={LIMITS.workspaceName}
          onAdd={(name) => run('home.failed.create', async () => navigate(`/w/${await addWorkspace(name)}/topics`))}
        />
        <p class="quiet">
          {t('home.create.sampleBefore')}{' '}
          <button
            type="button"
            class="link-button"
            data-testid="open-sample"
            disabled={busy()}
            onClick={() => run('home.failed.sample', async () => navigate(`/w/${await addSampleWorkspace()}/topics`))}
          >
            {t('home.create.sampleLink')}
          </button>{' '}
          {t('home.create.sampleAfter')}
        </p>
      </section>

      <section class="card">
        <h2>{t('home.list.title')}</h2>
        <Show
          when={workspaces().length > 0}
          fallback={
            <EmptyState title={t('home.list.emptyTitle')}>
              <p>{t('home.list.emptyBody')}</p>
            </EmptyState>
          }
        >
          <ul class="workspace-list" data-testid="workspace-list">
            <For each={workspaces()}>
              {(entry) => <WorkspaceRow entry={entry} onDelete={() => setToDelete(entry)} onRename={(name) => run('home.failed.rename', () => renameWorkspace(entry.id, name))} />}
            </For>
          </ul>
        </Show>
      </section>

      <Suspense fallback={<RestoreBackupPlaceholder />}>
        <RestoreBackup />
      </Suspense>

      <ConfirmDialog
        open={toDelete() !== null}
        title={t('home.confirmDelete.title', { name: toDelete()?.name ?? '' })}
        confirmLabel={t('home.confirmDelete.button')}
        danger
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const entry = toDelete();
          setToDelete(null);
          if (entry) void run('home.failed.delete', () => deleteWorkspace(entry.id));
        }}
      >
        <p>{t('home.confirmDelete.body')}</p>
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
              <span class="workspace-name">{props.entry.name || t('home.list.untitled')}</span>
              <span class="quiet">{t('home.list.lastOpened', { date: formatDate(props.entry.openedAt) })}</span>
            </A>
            <div class="row-actions">
              {/* The name is the workspace's own (its document): a view-only copy cannot change it. */}
              <Show when={canEditOf(props.entry.id)()}>
                <button
                  type="button"
                  class="button small"
                  onClick={() => {
                    setName(props.entry.name);
                    setRenaming(true);
                  }}
                >
                  {t('home.list.rename')}
                </button>
              </Show>
              <button type="button" class="button small danger-quiet" onClick={() => props.onDelete()}>
                {t('home.list.delete')}
              </button>
            </div>
          </>
        }
      >
        <form class="add-form rename-form" onSubmit={submit}>
          <input aria-label={t('home.list.newName')} maxLength={LIMITS.workspaceName} value={name()} onInput={(e) => setName(e.currentTarget.value)} ref={(el) => queueMicrotask(() => el.focus())} />
          <button class="button primary" type="submit">
            {t('home.list.save')}
          </button>
          <button class="button" type="button" onClick={() => setRenaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      </Show>
    </li>
  );
}
