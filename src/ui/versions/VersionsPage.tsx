import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { personLabel, spliceBetween, LIMITS, type ChangeCounts, type FocusPointStatus, type PointChange, type SnapshotView, type TopicChanges, type Version, type VersionChanges } from '../../model';
import { restoreVersion, saveVersion, type VersionFailure } from '../../model/versions-diff';
import { formatDate, formatDateTime, formatList, locale, t, tn, type MessageKey } from '../../i18n';
import { currentProfile } from '../../state/peers';
import { createPointCounts, createRecordList } from '../../state/records';
import { createOpenVersion, createPracticeChanges, createVersionChanges, createVersionList } from '../../state/versions';
import { PracticeChangesView, SavedPractices } from './VersionPractices';
import { ConfirmDialog, EmptyState, Notice, Trash } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { attempt } from '../kit/write-problem';
import { useCanEdit, ViewOnlyNote } from '../kit/can-edit';
import './versions.css';

/** "23 September 2026, 14:05", in the reader's language and time zone. */
const savedAt = (iso: string) => formatDateTime(iso) || iso;

const defaultName = () => t('versions.save.defaultName', { date: formatDate(new Date()) });

const topicCount = (count: number) => tn('common.count.topics', count);
const pointCount = (count: number) => tn('common.count.focusPoints', count);

const ORDINAL_FORMS: Partial<Record<Intl.LDMLPluralRule, MessageKey>> = { one: 'versions.ordinal.st', two: 'versions.ordinal.nd', few: 'versions.ordinal.rd' };

/** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st; 1re, 2e; 1., 2.; in the reader's language. */
function ordinal(n: number): string {
  const category = new Intl.PluralRules(locale(), { type: 'ordinal' }).select(n);
  return t(ORDINAL_FORMS[category] ?? 'versions.ordinal.th', { n });
}

/** A translated sentence with an element in it: the text before and after `{{ name }}`. */
function around(key: MessageKey, name: string, args: Record<string, string | number> = {}): [string, string] {
  const marker = '\u0000';
  const [before = '', after = ''] = t(key, { ...args, [name]: marker }).split(marker);
  return [before, after];
}

/** Why a version cannot be opened, in the reader's words. */
function problemText(failed: VersionFailure): string {
  if (failed.code === 'missing') return t('versions.problems.missing');
  if (failed.code === 'unreadable') return t('versions.problems.unreadable', { detail: failed.detail ?? '' });
  return t('versions.problems.noSnapshot');
}

export function VersionsPage() {
  const { workspace, id } = useWorkspace();
  const params = useParams<{ versionId?: string }>();
  const versions = createVersionList(workspace);
  const deletedVersions = createVersionList(workspace, 'only');
  const canEdit = useCanEdit();

  return (
    <div class="split versions-page">
      <aside class="sidebar" aria-label={t('versions.title')}>
        <div class="versions-sidebar-head">
          <h2 class="sidebar-title">{t('versions.title')}</h2>
          <Show when={params.versionId && canEdit()}>
            <A href={`/w/${id}/versions`} class="button small" data-testid="new-version">
              {t('versions.saveVersion')}
            </A>
          </Show>
        </div>
        <Show when={versions.length > 0} fallback={<p class="quiet sidebar-empty">{t('versions.noneYet')}</p>}>
          <ul class="plain-list version-list" data-testid="version-list">
            <For each={versions}>
              {(version) => (
                <li>
                  <A href={`/w/${id}/versions/${version.id}`} activeClass="active" class="list-link version-link" data-testid="version-link" data-version-id={version.id}>
                    <span class="version-link-name">{version.name}</span>
                    <small>
                      <time datetime={version.createdAt}>{savedAt(version.createdAt)}</time>
                      <Show when={version.createdBy}>
                        {' · '}
                        <span data-testid="version-author">{version.createdBy}</span>
                      </Show>
                    </small>
                    <Show when={!version.readable}>
                      <small class="version-unreadable">{t('versions.cannotBeRead')}</small>
                    </Show>
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Trash
          title={t('versions.deletedVersions')}
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
          fallback={
            <Show when={canEdit()} fallback={<EmptyState title={t('versions.viewOnly.pick')}><ViewOnlyNote /></EmptyState>}>
              <SaveVersionForm />
            </Show>
          }
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
      <h2 class="save-version-title">{t('versions.saveVersion')}</h2>
      <p class="save-version-intro">{t('versions.save.intro')}</p>
      <form class="save-version" onSubmit={submit} data-testid="save-version">
        <label for="version-name">{t('versions.save.nameLabel')}</label>
        <div class="save-version-row">
          <input id="version-name" data-testid="version-name" maxLength={LIMITS.versionName} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
          <button type="submit" class="button primary" disabled={!name().trim()}>
            {t('versions.save.button')}
          </button>
        </div>
        <p class="quiet save-version-count">{t('versions.save.keeps', { topics: topicCount(topics.length), points: pointCount(points()) })}</p>
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
  const memberName = (memberId: string) => members.find((m) => m.id === memberId)?.name ?? t('versions.view.formerMember');
  const canEdit = useCanEdit();
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
            <h2 class="version-title">{t('versions.view.cannotOpen')}</h2>
            <Notice tone="warning" testId="version-problem">
              {problemText(failed())}
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
                  <LockIcon /> {t('versions.view.readOnly')}
                </p>
                <h2 class="version-title" data-testid="version-title">
                  {t('versions.view.title', { name: open().version.name })}
                </h2>
                <p class="quiet version-meta">
                  {(() => {
                    const by = open().version.createdBy;
                    const [before, after] = by ? around('versions.view.savedBy', 'date', { name: by }) : around('versions.view.saved', 'date');
                    return (
                      <>
                        {before}
                        <time datetime={open().version.createdAt}>{savedAt(open().version.createdAt)}</time>
                        {after}
                      </>
                    );
                  })()}
                  {' · '}
                  {t('versions.view.contents', {
                    topics: topicCount(open().view.topics.length),
                    points: pointCount(open().view.topics.reduce((n, topic) => n + topic.points.length, 0)),
                  })}
                </p>
              </div>
              <Show when={canEdit()}>
              <div class="version-actions">
                <button type="button" class="button" data-testid="restore-version" onClick={() => setConfirming(true)}>
                  {t('versions.view.restore')}
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
                    {t('versions.view.delete')}
                  </button>
                </Show>
              </div>
              </Show>
            </header>

            <Show when={open().version.deletedAt}>
              <Notice tone="warning">
                {t('versions.view.wasDeleted')}{' '}
                <Show when={canEdit()}>
                  <button type="button" class="button small" onClick={() => attempt(() => workspace.versions.restore(props.versionId))}>
                    {t('versions.view.restoreIt')}
                  </button>
                </Show>
              </Notice>
            </Show>
            <Show when={restored()}>
              {(name) => (
                <Notice testId="restore-done">{t('versions.view.restored', { name: name() })}</Notice>
              )}
            </Show>

            <nav class="version-tabs" aria-label={t('versions.view.tabs')}>
              <A href={base} class="version-tab" classList={{ active: !showChanges() }} aria-current={showChanges() ? undefined : 'page'} data-testid="show-version">
                {t('versions.view.asSaved')}
              </A>
              <A href={`${base}?show=changes`} class="version-tab" classList={{ active: showChanges() }} aria-current={showChanges() ? 'page' : undefined} data-testid="show-changes">
                {t('versions.view.changesSince')} <span class="count">{total()}</span>
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
              title={t('versions.confirm.title')}
              confirmLabel={t('versions.confirm.button')}
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
      c.added > 0 && tn('versions.confirm.added', c.added),
      c.removed > 0 && tn('versions.confirm.removed', c.removed),
      c.edited > 0 && tn('versions.confirm.edited', c.edited),
      c.status > 0 && tn('versions.confirm.status', c.status),
      c.owners + c.moved + c.topics > 0 && t('versions.confirm.rest'),
    ].filter((part): part is string => Boolean(part));
  };
  return (
    <div data-testid="restore-explanation">
      <p>{t('versions.confirm.becomes', { name: props.version.name, date: savedAt(props.version.createdAt) })}</p>
      <Show when={parts().length > 0} fallback={<p>{t('versions.confirm.nothing')}</p>}>
        <ul class="restore-effects">
          <For each={parts()}>{(part) => <li>{part}</li>}</For>
        </ul>
      </Show>
      <p>
        <strong>{t('versions.confirm.partnersStrong')}</strong>
        {t('versions.confirm.partnersRest')}
      </p>
      <p>{t('versions.confirm.undo')}</p>
    </div>
  );
}

function SavedTopics(props: { view: SnapshotView; memberName: (id: string) => string }) {
  return (
    <Show
      when={props.view.topics.length > 0}
      fallback={
        <EmptyState title={t('versions.view.noTopics')}>
          <p>{t('versions.view.noTopicsBody')}</p>
        </EmptyState>
      }
    >
      <div class="version-topics" data-testid="version-topics">
        <For each={props.view.topics}>
          {(topic) => (
            <section class="version-topic" data-testid="version-topic">
              <h3 class="version-topic-title">{topic.title || t('versions.view.untitledTopic')}</h3>
              <Show when={topic.points.length > 0} fallback={<p class="quiet">{t('versions.view.noPoints')}</p>}>
                <ol class="version-points">
                  <For each={topic.points}>
                    {(point, i) => (
                      <li class={`version-point status-${point.status}`} data-testid="version-point" data-status={point.status}>
                        <span class="point-number">{i() + 1}</span>
                        <div class="version-point-body">
                          <p class="version-point-text" data-testid="version-point-text">
                            {point.text || t('versions.view.emptyPoint')}
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
  return <span class={`status-badge status-${props.status}`}>{t(`common.status.${props.status}`)}</span>;
}

function ChangesView(props: { changes: VersionChanges; savedAt: string; memberName: (id: string) => string }) {
  const summary = () => {
    const c = props.changes.counts;
    return (['added', 'removed', 'edited', 'status', 'owners', 'moved'] as const)
      .filter((kind) => c[kind] > 0)
      .map((kind) => [kind, tn(`versions.changes.count.${kind}`, c[kind])] as const);
  };
  return (
    <div class="version-changes" data-testid="version-changes">
      <Show
        when={props.changes.topics.length > 0}
        fallback={
          <EmptyState title={t('versions.changes.none')}>
            <p>{t('versions.changes.noneBody')}</p>
          </EmptyState>
        }
      >
        <p class="changes-summary" data-testid="changes-summary">
          <span>{t('versions.changes.since', { date: formatDate(props.savedAt) })}</span>
          <For each={summary()} fallback={<span class="quiet">{t('versions.changes.noneChanged')}</span>}>
            {([kind, label]) => <span class={`change-count change-${kind}`}>{label}</span>}
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
        <span data-testid="changes-topic-title">{props.topic.title || t('versions.view.untitledTopic')}</span>
        <Show when={props.topic.change === 'added'}>
          <span class="change-tag change-added">{t('versions.changes.newTopic')}</span>
        </Show>
        <Show when={props.topic.change === 'removed'}>
          <span class="change-tag change-removed">{t('versions.changes.topicDeleted')}</span>
        </Show>
        <Show when={props.topic.titleBefore !== undefined}>
          <span class="change-tag change-edited">
            {t('versions.changes.renamedFrom', { title: props.topic.titleBefore || t('versions.view.untitledTopic') })}
          </span>
        </Show>
        <Show when={props.topic.reordered}>
          {(place) => (
            <span class="change-tag change-moved">{t('versions.changes.topicMoved', { from: ordinal(place().from), to: ordinal(place().to) })}</span>
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
  const kinds: ('added' | 'removed' | 'edited' | 'status' | 'owners' | 'moved')[] = [];
  if (change.kind === 'added') kinds.push('added');
  else if (change.kind === 'removed') kinds.push('removed');
  else {
    if (change.textBefore !== undefined) kinds.push('edited');
    if (change.statusBefore !== undefined) kinds.push('status');
    if (change.ownersBefore !== undefined) kinds.push('owners');
    if (change.movedFrom || change.reordered) kinds.push('moved');
  }
  return kinds.map((kind) => [kind, t(`versions.changes.tag.${kind}`)]);
}

function PointChangeView(props: { change: PointChange; memberName: (id: string) => string }) {
  const tags = () => tagsOf(props.change);
  const names = (ids: string[]) => (ids.length > 0 ? formatList(ids.map(props.memberName)) : t('versions.changes.nobody'));
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
              {props.change.text || t('versions.view.emptyPoint')}
            </p>
          </Match>
        </Switch>
        <Show when={props.change.statusBefore}>
          {(before) => (
            <p class="change-line" data-testid="change-status">
              <StatusBadge status={before()} />
              <span class="change-arrow" aria-label={t('versions.changes.changedTo')}>
                →
              </span>
              <StatusBadge status={props.change.status} />
            </p>
          )}
        </Show>
        <Show when={props.change.ownersBefore}>
          {(before) => (
            <p class="change-line quiet" data-testid="change-owners">
              {t('versions.changes.owners', { before: names(before()), after: names(props.change.owners) })}
            </p>
          )}
        </Show>
        <Show when={props.change.movedFrom}>
          {(from) => <p class="change-line quiet">{t('versions.changes.movedHere', { title: from().title || t('versions.view.untitledTopic') })}</p>}
        </Show>
        <Show when={props.change.reordered}>
          {(place) => (
            <p class="change-line quiet" data-testid="change-place">
              {t('versions.changes.pointMoved', { from: ordinal(place().from), to: ordinal(place().to) })}
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
        <span class="text-change-label">{t('versions.changes.before')}</span>
        <span data-testid="change-before">
          {parts().prefix}
          <Show when={parts().removed}>
            <del>{parts().removed}</del>
          </Show>
          {parts().suffix}
        </span>
      </p>
      <p class="change-text after">
        <span class="text-change-label">{t('versions.changes.now')}</span>
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
