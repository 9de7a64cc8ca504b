import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, For, Show } from 'solid-js';
import { FOCUS_POINT_STATUSES, type FocusPoint, type FocusPointStatus, type Topic } from '../model';
import { createRecord, createRecordList, createTextValue } from '../state/records';
import { announceEditing } from '../state/peers';
import { EditingBadges } from './Collaboration';
import { AddForm, CoTextField, EmptyState } from './components';
import { useWorkspace } from './context';

export const STATUS_LABELS: Record<FocusPointStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export function TopicsPage() {
  const { workspace, id } = useWorkspace();
  const params = useParams<{ topicId?: string }>();
  const navigate = useNavigate();
  const topics = createRecordList(workspace.topics, () => workspace.topics.list());
  const deletedTopics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'only' }));
  const pointCounts = createRecordList(workspace.focusPoints, () => workspace.focusPoints.list());
  const countFor = (topicId: string) => pointCounts.filter((p) => p.topicId === topicId).length;

  createEffect(() => {
    const first = topics[0];
    if (!params.topicId && first) navigate(`/w/${id}/topics/${first.id}`, { replace: true });
  });

  return (
    <div class="split">
      <aside class="sidebar" aria-label="Topics">
        <h2 class="sidebar-title">Topics</h2>
        <ol class="topic-list" data-testid="topic-list">
          <For each={topics}>
            {(topic) => (
              <li>
                <A href={`/w/${id}/topics/${topic.id}`} activeClass="active" class="topic-link" data-testid="topic-link">
                  <span class="topic-link-title">{topic.title || 'Untitled topic'}</span>
                  <span class="count" aria-label="focus points">
                    {countFor(topic.id)}
                  </span>
                </A>
              </li>
            )}
          </For>
        </ol>
        <AddForm
          label="New topic"
          placeholder="New topic"
          button="Add"
          testId="add-topic"
          onAdd={(title) => navigate(`/w/${id}/topics/${workspace.topics.add(title)}`)}
        />
        <Show when={deletedTopics.length > 0}>
          <details class="trash">
            <summary>Deleted topics ({deletedTopics.length})</summary>
            <ul>
              <For each={deletedTopics}>
                {(topic) => (
                  <li>
                    <span>{topic.title || 'Untitled topic'}</span>
                    <button type="button" class="button small" onClick={() => workspace.topics.restore(topic.id)}>
                      Restore
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </details>
        </Show>
      </aside>
      <section class="main-pane">
        <Show
          when={params.topicId}
          keyed
          fallback={
            <EmptyState title="No topics yet">
              <p>Add the group's first topic on the left, for example “Organised crime in European ports”.</p>
            </EmptyState>
          }
        >
          {(topicId) => <TopicView topicId={topicId} topics={topics} />}
        </Show>
      </section>
    </div>
  );
}

function TopicView(props: { topicId: string; topics: Topic[] }) {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const topic = createRecord(workspace.topics, props.topicId);
  const points = createRecordList(workspace.focusPoints, () => workspace.focusPoints.ofTopic(props.topicId));
  const deletedPoints = createRecordList(workspace.focusPoints, () => workspace.focusPoints.ofTopic(props.topicId, 'only'));
  const index = () => props.topics.findIndex((t) => t.id === props.topicId);
  const title = workspace.topics.title(props.topicId);

  return (
    <Show
      when={topic() && title}
      fallback={
        <EmptyState title="This topic does not exist">
          <p>It may have been removed by a partner.</p>
        </EmptyState>
      }
    >
      <div class="topic-view" data-testid="topic-view">
        <Show when={topic()?.deletedAt}>
          <div class="notice warning" role="status">
            This topic was deleted.{' '}
            <button type="button" class="button small" onClick={() => workspace.topics.restore(props.topicId)}>
              Restore it
            </button>
          </div>
        </Show>
        <div class="topic-header">
          <CoTextField text={title!} label="Topic title" class="topic-title" testId="topic-title" placeholder="Topic title" />
          <div class="row-actions">
            <button type="button" class="icon-button" aria-label="Move topic up" title="Move topic up" disabled={index() <= 0} onClick={() => workspace.topics.move(props.topicId, index() - 1)}>
              ↑
            </button>
            <button
              type="button"
              class="icon-button"
              aria-label="Move topic down"
              title="Move topic down"
              disabled={index() < 0 || index() >= props.topics.length - 1}
              onClick={() => workspace.topics.move(props.topicId, index() + 1)}
            >
              ↓
            </button>
            <Show when={!topic()?.deletedAt}>
              <button
                type="button"
                class="button small danger-quiet"
                onClick={() => {
                  workspace.topics.remove(props.topicId);
                  navigate(`/w/${id}/topics`);
                }}
              >
                Delete topic
              </button>
            </Show>
          </div>
        </div>

        <h3 class="section-title">
          Focus points <span class="count">{points.length}</span>
        </h3>
        <Show when={points.length === 0}>
          <EmptyState title="No focus points yet">
            <p>Add what the group wants to work on under this topic.</p>
          </EmptyState>
        </Show>
        <ol class="points" data-testid="focus-points">
          <For each={points}>{(point, i) => <FocusPointRow point={point} index={i()} count={points.length} />}</For>
        </ol>
        <AddForm
          label="New focus point"
          placeholder="Add a focus point"
          button="Add point"
          testId="add-focus-point"
          onAdd={(text) => workspace.focusPoints.add({ topicId: props.topicId, text })}
        />

        <Show when={deletedPoints.length > 0}>
          <details class="trash" data-testid="deleted-points">
            <summary>Deleted focus points ({deletedPoints.length})</summary>
            <ul>
              <For each={deletedPoints}>{(point) => <DeletedPoint point={point} />}</For>
            </ul>
          </details>
        </Show>
      </div>
    </Show>
  );
}

function FocusPointRow(props: { point: FocusPoint; index: number; count: number }) {
  const { workspace, peers, participants } = useWorkspace();
  const text = workspace.focusPoints.textOf(props.point.id);
  return (
    <li
      class={`point status-${props.point.status}`}
      data-testid="focus-point"
      data-point-id={props.point.id}
      data-status={props.point.status}
      onFocusIn={() => announceEditing(peers, { kind: 'focusPoint', id: props.point.id })}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) announceEditing(peers, null);
      }}
    >
      <span class="point-number" aria-hidden="true">
        {props.index + 1}
      </span>
      <div class="point-body">
        <Show when={text}>
          {(t) => <CoTextField text={t()} multiline label={`Focus point ${props.index + 1}`} class="point-text" testId="focus-point-text" placeholder="Describe the focus point" />}
        </Show>
        <EditingBadges participants={participants()} target={{ kind: 'focusPoint', id: props.point.id }} />
      </div>
      <div class="point-controls">
        <select
          class={`status-select status-${props.point.status}`}
          aria-label="Status"
          data-testid="status"
          value={props.point.status}
          onChange={(e) => workspace.focusPoints.setStatus(props.point.id, e.currentTarget.value as FocusPointStatus)}
        >
          <For each={FOCUS_POINT_STATUSES}>{(status) => <option value={status}>{STATUS_LABELS[status]}</option>}</For>
        </select>
        <button type="button" class="icon-button" aria-label="Move up" title="Move up" data-testid="move-up" disabled={props.index === 0} onClick={() => workspace.focusPoints.move(props.point.id, props.index - 1)}>
          ↑
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Move down"
          title="Move down"
          data-testid="move-down"
          disabled={props.index === props.count - 1}
          onClick={() => workspace.focusPoints.move(props.point.id, props.index + 1)}
        >
          ↓
        </button>
        <button type="button" class="icon-button danger-quiet" aria-label="Delete" title="Delete" data-testid="delete-point" onClick={() => workspace.focusPoints.remove(props.point.id)}>
          ✕
        </button>
      </div>
    </li>
  );
}

function DeletedPoint(props: { point: FocusPoint }) {
  const { workspace } = useWorkspace();
  const text = createTextValue(workspace.focusPoints.textOf(props.point.id));
  return (
    <li>
      <span class="deleted-text">{text() || 'Empty point'}</span>
      <button type="button" class="button small" data-testid="restore-point" onClick={() => workspace.focusPoints.restore(props.point.id)}>
        Restore
      </button>
    </li>
  );
}
