import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, lazy, Match, onCleanup, Show, Suspense, Switch, type ParentProps } from 'solid-js';
import { loadArea, t, tn } from '../../i18n';
import { UndoHistory, type Workspace } from '../../model';
import { announceEditing, createConnectionStatus, createKeeperStatus, createParticipants, createPresence } from '../../state/peers';
import { createProblems } from '../../state/records';
import { createViewOnly, createWorkspaceEntry } from '../../state/registry';
import { createMeta, createWorkspace, keeperOf, peersOf } from '../../state/session';
import { setLocalViewing } from '../../sync/presence';
import { ConnectionStatus, EyeIcon, PeopleOnline, ProfilePrompt, toggleOffline } from './Collaboration';
// Loaded, with its strings, the first time the Share dialog opens; then kept (it closes itself).
const ShareDialog = lazy(() => Promise.all([import('./ShareDialog'), loadArea('share')]).then(([m]) => ({ default: m.ShareDialog })));
import { Notice } from '../kit/components';
import { WorkspaceContext } from './context';
import { afterPaint } from './frame';
import { LiveMeetingBanner } from '../meetings/live/LiveMeetingBanner';
import { SearchBox } from '../search/SearchBox';

export function WorkspaceLayout(props: ParentProps) {
  const params = useParams<{ workspaceId: string }>();
  const state = createWorkspace(() => params.workspaceId);
  return (
    <Switch>
      <Match when={state().kind === 'loading'}>
        <main class="page narrow">
          <p class="quiet" aria-busy="true">
            {t('shell.opening')}
          </p>
        </main>
      </Match>
      <Match when={state().kind === 'missing'}>
        <main class="page narrow">
          <h1>{t('shell.missing.title')}</h1>
          <p>{t('shell.missing.body')}</p>
          <A class="button primary" href="/">
            {t('common.goHome')}
          </A>
        </main>
      </Match>
      <Match when={(() => { const s = state(); return s.kind === 'failed' ? s : undefined; })()}>
        {(failed) => (
          <main class="page narrow">
            <h1>{t('shell.failed.title')}</h1>
            <Notice tone="error">{failed().damaged ? t('shell.failed.damaged') : t('shell.failed.body', { reason: failed().reason ? ` (${failed().reason})` : '' })}</Notice>
            <A class="button" href="/">
              {t('common.goHome')}
            </A>
          </main>
        )}
      </Match>
      <Match when={(() => { const s = state(); return s.kind === 'ready' ? s.workspace : undefined; })()} keyed>
        {(workspace) => (
          <WorkspaceFrame workspace={workspace} id={params.workspaceId}>
            {props.children}
          </WorkspaceFrame>
        )}
      </Match>
    </Switch>
  );
}

function WorkspaceFrame(props: ParentProps<{ workspace: Workspace; id: string }>) {
  const meta = createMeta(props.workspace, props.id);
  const problems = createProblems(props.workspace, afterPaint);
  const peers = peersOf(props.id, props.workspace);
  const connection = createConnectionStatus(peers);
  // Read after peersOf, which starts the keeper connection with the room.
  const keeper = keeperOf(props.id);
  const keeperStatus = createKeeperStatus(keeper);
  const participants = createParticipants(peers);
  createPresence(peers);
  const viewOnly = createViewOnly(() => props.id);
  const entry = createWorkspaceEntry(() => props.id);
  const replaced = () => entry()?.replaced === true;
  // Partners see a view-only holder as viewing (self-declared: src/sync/presence.ts).
  createEffect(() => {
    const connection = peers();
    if (connection) setLocalViewing(connection.awareness, viewOnly());
  });
  const [sharing, setSharing] = createSignal(false);
  // Once opened, the dialog stays in the page (its chunk loaded, it shows and closes itself).
  const shareWanted = createMemo((was: boolean) => was || sharing(), false);
  const history = new UndoHistory(props.workspace);
  const [canUndo, setCanUndo] = createSignal(false);
  const [canRedo, setCanRedo] = createSignal(false);
  const stopHistory = history.observe(() => {
    setCanUndo(history.canUndo());
    setCanRedo(history.canRedo());
  });
  // Ctrl+Z undoes this person's own changes only, in text fields too (the browser's own undo
  // there would not know about partners' edits).
  const onKeyDown = (event: KeyboardEvent) => {
    // Handled already: the rich-text editor undoes through this same history (src/ui/editor).
    if (event.defaultPrevented) return;
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      history.undo();
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      history.redo();
    }
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => {
    document.removeEventListener('keydown', onKeyDown);
    stopHistory();
    history.destroy();
  });
  const waitingForPartner = () => meta() && props.workspace.compatibility().kind === 'empty';
  // A workspace received from a partner may be of an older layout (or carry a malformed version):
  // brought up to date once it has arrived, as one opened from storage is.
  createEffect(() => {
    if (meta() && props.workspace.needsMigration()) props.workspace.migrate();
  });
  const base = `/w/${props.id}`;
  const newer = () => {
    const compatibility = props.workspace.compatibility();
    return compatibility.kind === 'newer' ? compatibility.schemaVersion : null;
  };
  return (
    <WorkspaceContext.Provider value={{ id: props.id, workspace: props.workspace, peers, participants, history, announce: (target) => announceEditing(peers, target) }}>
      <div class="workspace">
        <header class="topbar">
          <A href="/" class="brand small" aria-label={t('shell.allWorkspaces')}>
            <span class="brand-mark" aria-hidden="true" />
            <span class="brand-name">Tavola</span>
          </A>
          <h1 class="workspace-title" data-testid="workspace-name">
            {waitingForPartner() ? t('shell.sharedWorkspace') : meta().name}
          </h1>
          <Show when={viewOnly()}>
            <span class="view-only-mark" data-testid="view-only" title={t('common.viewOnly.explain')}>
              <span aria-hidden="true" class="view-only-icon">
                <EyeIcon size={14} />
              </span>
              {t('common.viewOnly.mark')}
              <span class="visually-hidden">. {t('common.viewOnly.explain')}</span>
            </span>
          </Show>
          <SearchBox workspace={props.workspace} workspaceId={props.id} />
          <div class="topbar-end">
            <PeopleOnline participants={participants()} />
            <button type="button" class="button primary small" data-testid="share" onClick={() => setSharing(true)}>
              {t('shell.share')}
            </button>
          </div>
        </header>
        <div class="statusbar" role="region" aria-label={t('shell.statusbar')}>
          <ConnectionStatus
            snapshot={connection()}
            waitingForWorkspace={!!waitingForPartner()}
            keeper={keeperStatus()}
            onToggleOffline={() => toggleOffline(props.id, peers(), connection(), keeper())}
          />
          {/* A view-only holder changes nothing, so has nothing to undo. */}
          <Show when={!viewOnly()}>
          <div class="history-controls">
            <button type="button" class="button small" data-testid="undo" disabled={!canUndo()} title={t('shell.undoTitle')} onClick={() => history.undo()}>
              {t('shell.undo')}
            </button>
            <button type="button" class="button small" data-testid="redo" disabled={!canRedo()} title={t('shell.redoTitle')} onClick={() => history.redo()}>
              {t('shell.redo')}
            </button>
          </div>
          </Show>
        </div>
        {/* Its own boundary: while the chunk loads, the page stays as it is. */}
        <Show when={shareWanted()}>
          <Suspense>
            <ShareDialog open={sharing()} workspaceId={props.id} onClose={() => setSharing(false)} />
          </Suspense>
        </Show>
        <ProfilePrompt />
        {/* This browser's link was taken back and it was not moved along (docs/sync.md, "Replacing the links"). */}
        <Show when={replaced()}>
          <Notice tone="warning" testId="link-replaced">
            {t('shell.linkReplaced')}
          </Notice>
        </Show>
        <Show when={waitingForPartner() && !replaced() && connection().status.kind === 'wrong-key'}>
          <Notice tone="error" testId="wrong-key">
            {t('shell.wrongKey')}
          </Notice>
        </Show>
        <Show when={waitingForPartner() && !replaced() && connection().status.kind !== 'wrong-key'}>
          <Notice testId="waiting-for-partner">
            <Show
              when={keeperStatus()}
              fallback={t('shell.receiving.fromPartners')}
            >
              {t('shell.receiving.fromKeeper')}
            </Show>
          </Notice>
        </Show>
        {/* Until the workspace has arrived, no screen is shown: a screen over the empty document
            could be filled in, and what was typed there would meet the group's workspace as a
            concurrent edit (a joiner's empty description replaced the creator's). The model refuses
            such writes too (WorkspaceNotReceived). */}
        <Show when={!waitingForPartner()} fallback={<ReceivingWorkspace />}>
          <nav class="tabs" aria-label={t('shell.tabs.label')}>
            <A href={`${base}/topics`} activeClass="active">
              {t('shell.tabs.topics')}
            </A>
            <A href={`${base}/members`} activeClass="active">
              {t('shell.tabs.members')}
            </A>
            <A href={`${base}/meetings`} activeClass="active">
              {t('shell.tabs.meetings')}
            </A>
            <A href={`${base}/practices`} activeClass="active">
              {t('shell.tabs.practices')}
            </A>
            <A href={`${base}/versions`} activeClass="active">{t('shell.tabs.versions')}</A>
            <A href={`${base}/settings`} activeClass="active">
              {t('shell.tabs.settings')}
            </A>
          </nav>
          <main class="workspace-main">
          <LiveMeetingBanner />
          <Show when={newer()}>
            <Notice tone="warning">
              {t('shell.newer', { version: newer()! })}
            </Notice>
          </Show>
          <Show when={problems().length > 0}>
            <Notice tone="warning" testId="problems-notice">
              {tn('shell.problems', problems().length)}
            </Notice>
          </Show>
          <div class="workspace-body">{props.children}</div>
          </main>
        </Show>
      </div>
    </WorkspaceContext.Provider>
  );
}

/** In place of the screens until the workspace has come from a partner who has it. */
function ReceivingWorkspace() {
  return (
    <main class="workspace-body">
      <section class="card receiving" data-testid="receiving-workspace" aria-busy="true">
        <h2>{t('shell.receiving.title')}</h2>
        <p class="quiet">
          {t('shell.receiving.body')}
        </p>
      </section>
    </main>
  );
}
