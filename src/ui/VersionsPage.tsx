import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { personLabel, spliceBetween, LIMITS, type ChangeCounts, type FocusPointStatus, type PointChange, type SnapshotView, type TopicChanges, type Version, type VersionChanges } from '../model';
import { restoreVersion, saveVersion } from '../model/versions-diff';
import { currentProfile } from '../state/peers';
import { createPointCounts, createRecordList } from '../state/records';
import { createOpenVersion, createPracticeChanges, createVersionChanges, createVersionList } from '../state/versions';
import { PracticeChangesView, SavedPractices } from './VersionPractices';
import { ConfirmDialog, EmptyState, formatDate, Notice, Trash } from './components';
import { useWorkspace } from './context';
import { STATUS_LABELS } from './FocusPointList';
import { attempt } from './write-problem';
import './versions.css';

/** "23 September 2026 at 14:05", in the reader's language and time zone. */
function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const defaultName = () => `Focus points as of ${formatDate(new Date().toISOString())}`;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export function VersionsPage() {
  const { workspace, id } = useWorkspace();
  const params = useParams<{ versionId?: string }>();
  const versions = createVersionList(workspace);
  const deletedVersions = createVersionList(workspace, 'only');

  return (
    <div class="split versions-page">
      <aside class="sidebar" aria-label="Versions">
        <div class="versions-sidebar-head">
          <h2 class="sidebar-title">Versions</h2>
          <Show when={params.versionId}>
            <A href={`/w/${id}/versions`} class="button small" data-testid="new-version">
              Save a version
            </A>
          </Show>
        </div>
        <Show when={versions.length > 0} fallback={<p class="quiet sidebar-empty">No versions saved yet.</p>}>
          <ul class="plain-list version-list" data-testid="version-list">
            <For each={versions}>
              {(version) => (
                <li>
                  <A href={`/w/${id}/versions/${version.id}`} activeClass="active" class="list-link version-link" data-testid="version-link" data-version-id={version.id}>
                    <span class="version-link-name">{version.name}</span>
                    <small>
                      <time datetime={version.createdAt}>{formatDateTime(version.createdAt)}</time>
                      <Show when={version.createdBy}>
                        {' · '}
                        <span data-testid="version-author">{version.createdBy}</span>
                      </Show>
                    </small>
                    <Show when={!version.readable}>
                      <small class="version-unreadable">Cannot be read</small>
                    </Show>
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Trash
          title="Deleted versions"
          items={deletedVersions}
          testId="deleted-versions"
          onRestore={(version) => workspace.versions.restore(version.id)}
          label={(version) => <span class="deleted-text">{version.name}</span>}
        />
      </aside>
      <section class="main-pane">
        <Show
          when={params.versionId}
          keyed
          fallback={<SaveVersionForm />}
        >
          {(versionId) => <VersionView versionId={versionId} />}
        </Show>
      </section>
    </div>
  );
}

function SaveVersionForm() {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const [name, setName] = createSignal(defaultName());
  const topics = createRecordList(workspace.topics, () => workspace.topics.list());
  const countFor = createPointCounts(workspace);
  const points = () => topics.reduce((sum, topic) => sum + countFor(topic.id), 0);
  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = name().trim();
    if (!trimmed) return;
    const me = currentProfile();
    let versionId = '';
    if (!attempt(() => (versionId = saveVersion(workspace, trimmed, me ? personLabel(me) : '')))) return;
    setName(defaultName());
    navigate(`/w/${id}/versions/${versionId}`);
  };
  return (
    <div class="save-version-panel">
      <h2 class="save-version-title">Save a version</h2>
      <p class="save-version-intro">
        After a meeting, keep the topics and focus points as they were agreed, under a name everyone recognises. Every
        partner in this workspace sees the version; anyone can open it later, see what changed since, and restore it.
      </p>
      <form class="save-version" onSubmit={submit} data-testid="save-version">
        <label for="version-name">Name of the version</label>
        <div class="save-version-row">
          <input id="version-name" data-testid="version-name" maxLength={LIMITS.versionName} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
          <button type="submit" class="button primary" disabled={!name().trim()}>
            Save version
          </button>
        </div>
        <p class="quiet save-version-count">
          It will keep {plural(topics.length, 'topic')} and {plural(points(), 'focus point')}: their texts, statuses, owners and order.
        </p>
      </form>
    </div>
  );
}

function VersionView(props: { versionId: string }) {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const [search] = useSearchParams<{ show?: string }>();
  const opened = createOpenVersion(workspace, props.versionId);
  const changes = createVersionChanges(workspace, props.versionId);
  const practiceChanges = createPracticeChanges(workspace, props.versionId);
  const members = createRecordList(workspace.members, () => workspace.members.list({ deleted: 'include' }));
  const memberName = (memberId: string) => members.find((m) => m.id === memberId)?.name ?? 'Former member';
  const [confirming, setConfirming] = createSignal(false);
  const [restored, setRestored] = createSignal<string | null>(null);
  const showChanges = () => search.show === 'changes';
  const base = `/w/${id}/versions/${props.versionId}`;
  const total = () => {
    const result = changes();
    return (result.ok ? countOf(result.changes.counts) : 0) + (practiceChanges()?.length ?? 0);
  };

  const restore = () => {
    setConfirming(false);
    let result: ReturnType<typeof restoreVersion> | undefined;
    if (!attempt(() => (result = restoreVersion(workspace, props.versionId))) || !result) return;
    setRestored(result.ok ? result.version.name : null);
    navigate(`${base}?show=changes`);
  };

  return (
    <Switch>
      <Match when={(() => { const o = opened(); return o.ok ? undefined : o; })()}>
        {(failed) => (
          <div class="version-view" data-testid="version-view">
            <h2 class="version-title">This version cannot be opened</h2>
            <Notice tone="warning" testId="version-problem">
              {failed().problem}
            </Notice>
          </div>
        )}
      </Match>
      <Match when={(() => { const o = opened(); return o.ok ? o : undefined; })()}>
        {(open) => (
          <div class="version-view" data-testid="version-view">
            <header class="version-header">
              <div class="version-heading">
                <p class="version-kicker">
                  <LockIcon /> Read only
                </p>
                <h2 class="version-title" data-testid="version-title">
                  Version “{open().version.name}” (read only)
                </h2>
                <p class="quiet version-meta">
                  Saved <time datetime={open().version.createdAt}>{formatDateTime(open().version.createdAt)}</time>
                  <Show when={open().version.createdBy}> by {open().version.createdBy}</Show>
                  {' · '}
                  {plural(open().view.topics.length, 'topic')}, {plural(open().view.topics.reduce((n, t) => n + t.points.length, 0), 'focus point')}
                </p>
              </div>
              <div class="version-actions">
                <button type="button" class="button" data-testid="restore-version" onClick={() => setConfirming(true)}>
                  Restore this version
                </button>
                <Show when={!open().version.deletedAt}>
                  <button
                    type="button"
                    class="button small danger-quiet"
                    data-testid="delete-version"
                    onClick={() => {
                      if (attempt(() => workspace.versions.remove(props.versionId))) navigate(`/w/${id}/versions`);
                    }}
                  >
                    Delete version
                  </button>
                </Show>
              </div>
            </header>

            <Show when={open().version.deletedAt}>
              <Notice tone="warning">
                This version was deleted.{' '}
                <button type="button" class="button small" onClick={() => attempt(() => workspace.versions.restore(props.versionId))}>
                  Restore it
                </button>
              </Notice>
            </Show>
            <Show when={restored()}>
              {(name) => (
                <Notice testId="restore-done">
                  Restored “{name()}”: the topics and focus points are as they were in this version. Your partners receive this
                  as new changes from you. To take it back, use Undo in the bar above.
                </Notice>
              )}
            </Show>

            <nav class="version-tabs" aria-label="Version">
              <A href={base} class="version-tab" classList={{ active: !showChanges() }} aria-current={showChanges() ? undefined : 'page'} data-testid="show-version">
                As saved
              </A>
              <A href={`${base}?show=changes`} class="version-tab" classList={{ active: showChanges() }} aria-current={showChanges() ? 'page' : undefined} data-testid="show-changes">
                Changes since <span class="count">{total()}</span>
              </A>
            </nav>

            <Show
              when={showChanges()}
              fallback={
                <>
                  <SavedTopics view={open().view} memberName={memberName} />
                  <SavedPractices practices={open().version.snapshot?.practices} memberName={memberName} />
                </>
              }
            >
              <Show when={(() => { const c = changes(); return c.ok ? c.changes : undefined; })()}>
                {(found) => <ChangesView changes={found()} savedAt={open().version.createdAt} memberName={memberName} />}
              </Show>
              <PracticeChangesView changes={practiceChanges()} memberName={memberName} />
            </Show>

            <ConfirmDialog
              open={confirming()}
              title="Restore this version?"
              confirmLabel="Restore version"
              onConfirm={restore}
              onCancel={() => setConfirming(false)}
            >
              <RestoreExplanation version={open().version} counts={(() => { const c = changes(); return c.ok ? c.changes.counts : undefined; })()} />
            </ConfirmDialog>
          </div>
        )}
      </Match>
    </Switch>
  );
}

function countOf(counts: ChangeCounts): number {
  return counts.added + counts.removed + counts.edited + counts.status + counts.owners + counts.moved + counts.topics;
}

function RestoreExplanation(props: { version: Version; counts: ChangeCounts | undefined }) {
  const parts = () => {
    const c = props.counts;
    if (!c) return [];
    return [
      c.added > 0 && `${plural(c.added, 'focus point')} added since will be deleted (you can still restore ${c.added === 1 ? 'it' : 'them'} from “Deleted focus points”)`,
      c.removed > 0 && `${plural(c.removed, 'focus point')} deleted since will come back`,
      c.edited > 0 && `${plural(c.edited, 'text')} will be set back`,
      c.status > 0 && `${plural(c.status, 'status', 'statuses')} will be set back`,
      c.owners + c.moved + c.topics > 0 && 'owners, order and topics will be as they were',
    ].filter((part): part is string => Boolean(part));
  };
  return (
    <div data-testid="restore-explanation">
      <p>
        The topics and focus points will become as they were in “{props.version.name}”, saved {formatDateTime(props.version.createdAt)}.
      </p>
      <Show when={parts().length > 0} fallback={<p>Nothing has changed since, so nothing will change.</p>}>
        <ul class="restore-effects">
          <For each={parts()}>{(part) => <li>{part}</li>}</For>
        </ul>
      </Show>
      <p>
        <strong>Your partners will see the restore as new changes made by you</strong>, as soon as they are connected. Nothing is
        rewritten behind their backs, and members, meetings and practice sheets are not touched.
      </p>
      <p>You can undo the restore with Undo (Ctrl+Z) in the bar above.</p>
    </div>
  );
}

function SavedTopics(props: { view: SnapshotView; memberName: (id: string) => string }) {
  return (
    <Show
      when={props.view.topics.length > 0}
      fallback={
        <EmptyState title="No topics">
          <p>The workspace had no topics when this version was saved.</p>
        </EmptyState>
      }
    >
      <div class="version-topics" data-testid="version-topics">
        <For each={props.view.topics}>
          {(topic) => (
            <section class="version-topic" data-testid="version-topic">
              <h3 class="version-topic-title">{topic.title || 'Untitled topic'}</h3>
              <Show when={topic.points.length > 0} fallback={<p class="quiet">No focus points.</p>}>
                <ol class="version-points">
                  <For each={topic.points}>
                    {(point, i) => (
                      <li class={`version-point status-${point.status}`} data-testid="version-point" data-status={point.status}>
                        <span class="point-number">{i() + 1}</span>
                        <div class="version-point-body">
                          <p class="version-point-text" data-testid="version-point-text">
                            {point.text || 'Empty point'}
                          </p>
                          <Show when={point.owners.length > 0}>
                            <div class="point-meta">
                              <For each={point.owners}>{(owner) => <span class="owner-chip">{props.memberName(owner)}</span>}</For>
                            </div>
                          </Show>
                        </div>
                        <StatusBadge status={point.status} />
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </section>
          )}
        </For>
      </div>
    </Show>
  );
}

function StatusBadge(props: { status: FocusPointStatus }) {
  return <span class={`status-badge status-${props.status}`}>{STATUS_LABELS[props.status]}</span>;
}

function ChangesView(props: { changes: VersionChanges; savedAt: string; memberName: (id: string) => string }) {
  const summary = () => {
    const c = props.changes.counts;
    return [
      ['added', c.added, 'added'],
      ['removed', c.removed, 'removed'],
      ['edited', c.edited, 'edited'],
      ['status', c.status, c.status === 1 ? 'status changed' : 'statuses changed'],
      ['owners', c.owners, c.owners === 1 ? 'owners changed' : 'owners changed'],
      ['moved', c.moved, 'moved'],
    ].filter(([, count]) => (count as number) > 0) as [string, number, string][];
  };
  return (
    <div class="version-changes" data-testid="version-changes">
      <Show
        when={props.changes.topics.length > 0}
        fallback={
          <EmptyState title="No changes">
            <p>The topics and focus points are as they were in this version.</p>
          </EmptyState>
        }
      >
        <p class="changes-summary" data-testid="changes-summary">
          <span>Focus points since {formatDate(props.savedAt)}:</span>
          <For each={summary()} fallback={<span class="quiet">none changed</span>}>
            {([kind, count, label]) => (
              <span class={`change-count change-${kind}`}>
                {count} {label}
              </span>
            )}
          </For>
        </p>
        <For each={props.changes.topics}>{(topic) => <TopicChangesView topic={topic} memberName={props.memberName} />}</For>
      </Show>
    </div>
  );
}

function TopicChangesView(props: { topic: TopicChanges; memberName: (id: string) => string }) {
  return (
    <section class="changes-topic" classList={{ [`topic-${props.topic.change}`]: props.topic.change !== null }} data-testid="changes-topic">
      <h3 class="version-topic-title">
        <span data-testid="changes-topic-title">{props.topic.title || 'Untitled topic'}</span>
        <Show when={props.topic.change === 'added'}>
          <span class="change-tag change-added">New topic</span>
        </Show>
        <Show when={props.topic.change === 'removed'}>
          <span class="change-tag change-removed">Topic deleted</span>
        </Show>
        <Show when={props.topic.titleBefore !== undefined}>
          <span class="change-tag change-edited">Renamed from “{props.topic.titleBefore || 'Untitled topic'}”</span>
        </Show>
        <Show when={props.topic.reordered}>
          {(place) => (
            <span class="change-tag change-moved">
              Moved from {ordinal(place().from)} to {ordinal(place().to)} place
            </span>
          )}
        </Show>
      </h3>
      <Show when={props.topic.points.length > 0}>
        <ul class="changes-list">
          <For each={props.topic.points}>{(change) => <PointChangeView change={change} memberName={props.memberName} />}</For>
        </ul>
      </Show>
    </section>
  );
}

/** The tags of a change, in the words of the changes view; also its data-kinds for tests. */
function tagsOf(change: PointChange): [string, string][] {
  if (change.kind === 'added') return [['added', 'Added']];
  if (change.kind === 'removed') return [['removed', 'Deleted']];
  const tags: [string, string][] = [];
  if (change.textBefore !== undefined) tags.push(['edited', 'Edited']);
  if (change.statusBefore !== undefined) tags.push(['status', 'Status']);
  if (change.ownersBefore !== undefined) tags.push(['owners', 'Owners']);
  if (change.movedFrom || change.reordered) tags.push(['moved', 'Moved']);
  return tags;
}

function PointChangeView(props: { change: PointChange; memberName: (id: string) => string }) {
  const tags = () => tagsOf(props.change);
  const names = (ids: string[]) => (ids.length > 0 ? ids.map(props.memberName).join(', ') : 'nobody');
  return (
    <li class={`change kind-${tags()[0]?.[0] ?? props.change.kind}`} data-testid="change" data-kind={tags().map(([kind]) => kind).join(' ')} data-point-id={props.change.id}>
      <div class="change-tags">
        <For each={tags()}>{([kind, label]) => <span class={`change-tag change-${kind}`}>{label}</span>}</For>
      </div>
      <div class="change-body">
        <Switch>
          <Match when={props.change.textBefore !== undefined}>
            <TextChange before={props.change.textBefore!} after={props.change.text} />
          </Match>
          <Match when={true}>
            <p class="change-text" data-testid="change-text">
              {props.change.text || 'Empty point'}
            </p>
          </Match>
        </Switch>
        <Show when={props.change.statusBefore}>
          {(before) => (
            <p class="change-line" data-testid="change-status">
              <StatusBadge status={before()} />
              <span class="change-arrow" aria-label="changed to">
                →
              </span>
              <StatusBadge status={props.change.status} />
            </p>
          )}
        </Show>
        <Show when={props.change.ownersBefore}>
          {(before) => (
            <p class="change-line quiet" data-testid="change-owners">
              Owners: {names(before())} → {names(props.change.owners)}
            </p>
          )}
        </Show>
        <Show when={props.change.movedFrom}>
          {(from) => <p class="change-line quiet">Moved here from “{from().title || 'Untitled topic'}”</p>}
        </Show>
        <Show when={props.change.reordered}>
          {(place) => (
            <p class="change-line quiet" data-testid="change-place">
              Moved from {ordinal(place().from)} to {ordinal(place().to)} place in this topic
            </p>
          )}
        </Show>
      </div>
      <Show when={props.change.kind !== 'changed' || props.change.statusBefore === undefined}>
        <StatusBadge status={props.change.status} />
      </Show>
    </li>
  );
}

/** Old and new text, with the part that differs marked in each. */
function TextChange(props: { before: string; after: string }) {
  const parts = () => {
    const { index, remove, insert } = spliceBetween(props.before, props.after);
    return { prefix: props.before.slice(0, index), removed: props.before.slice(index, index + remove), inserted: insert, suffix: props.before.slice(index + remove) };
  };
  return (
    <div class="text-change">
      <p class="change-text before">
        <span class="text-change-label">Before</span>
        <span data-testid="change-before">
          {parts().prefix}
          <Show when={parts().removed}>
            <del>{parts().removed}</del>
          </Show>
          {parts().suffix}
        </span>
      </p>
      <p class="change-text after">
        <span class="text-change-label">Now</span>
        <span data-testid="change-after">
          {parts().prefix}
          <Show when={parts().inserted}>
            <ins>{parts().inserted}</ins>
          </Show>
          {parts().suffix}
        </span>
      </p>
    </div>
  );
}

function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
      <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
    </svg>
  );
}
