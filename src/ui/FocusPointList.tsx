import { For, Show } from 'solid-js';
import { FOCUS_POINT_STATUSES, type FocusPoint, type FocusPointStatus } from '../model';
import { createRecordList, createTextValue } from '../state/records';
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

/**
 * The focus points of a topic: the ordered, editable list, the add form and
 * the deleted points. Points added here are linked to `meetingId` when given
 * (the live meeting screen).
 */
export function FocusPointList(props: { topicId: string; meetingId?: string }) {
  const { workspace } = useWorkspace();
  const points = createRecordList(workspace.focusPoints, () => workspace.focusPoints.ofTopic(props.topicId));
  const deletedPoints = createRecordList(workspace.focusPoints, () => workspace.focusPoints.ofTopic(props.topicId, 'only'));

  return (
    <>
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
        onAdd={(text) => workspace.focusPoints.add({ topicId: props.topicId, text, meetingId: props.meetingId ?? null })}
      />

      <Show when={deletedPoints.length > 0}>
        <details class="trash" data-testid="deleted-points">
          <summary>Deleted focus points ({deletedPoints.length})</summary>
          <ul>
            <For each={deletedPoints}>{(point) => <DeletedPoint point={point} />}</For>
          </ul>
        </details>
      </Show>
    </>
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
