import { createMemo, createRenderEffect, createSignal, For, onCleanup, Show, untrack } from 'solid-js';
import { t } from '../../i18n';
import { FOCUS_POINT_STATUSES, LIMITS, type FocusPoint, type FocusPointStatus, type Member } from '../../model';
import { announceEditing } from '../../state/peers';
import { createRecordList, createTextValue } from '../../state/records';
import { EditingBadges } from '../shell/Collaboration';
import { AddForm, EmptyState, Trash } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { FocusPointText } from './FocusPointText';
import { attempt } from '../kit/write-problem';
import { useCanEdit, ViewOnlyNote } from '../kit/can-edit';

/** A focus point status in the person's language (common.status.*; reactive). */
export function statusLabel(status: FocusPointStatus): string {
  return t(`common.status.${status}`);
}

/** The statuses' labels, read in the person's language each time (kept for the screens that index it). */
export const STATUS_LABELS: Readonly<Record<FocusPointStatus, string>> = Object.defineProperties(
  {} as Record<FocusPointStatus, string>,
  Object.fromEntries(FOCUS_POINT_STATUSES.map((status) => [status, { get: () => statusLabel(status), enumerable: true }])),
);

/** The status select's options, made once per language and cloned into each row's select. */
let statusOptions: { labels: string; content: DocumentFragment } | null = null;

/**
 * Fill a row's status select with the statuses in the person's language, showing `status()`;
 * again when the language changes (only then). One clone per row: a list of 200 points made
 * 1,000 options and their reactive labels one by one (about 11 ms of a cold open's first screen).
 */
function fillStatusSelect(select: HTMLSelectElement, status: () => FocusPointStatus): void {
  createRenderEffect(() => {
    const labels = FOCUS_POINT_STATUSES.map(statusLabel);
    const key = labels.join('\n');
    if (statusOptions?.labels !== key) {
      const content = document.createDocumentFragment();
      FOCUS_POINT_STATUSES.forEach((value, i) => content.append(new Option(labels[i], value)));
      statusOptions = { labels: key, content };
    }
    select.replaceChildren(statusOptions.content.cloneNode(true));
    // The select's own `value` binding follows later changes of the status.
    select.value = untrack(status);
  });
}

const DRAG_TYPE = 'application/x-tavola-focus-point';

/** A point as the list holds it: its text is shown by a field bound to the co-edited text. */
type ListedPoint = Omit<FocusPoint, 'text'>;

/**
 * The focus points of a topic: the ordered, editable list with its filters, the add form and
 * the deleted points. Points added here are linked to `meetingId` when given (the live meeting).
 * Keyboard: Enter adds a point below, Backspace in an empty point removes it, Alt+↑/↓ moves it;
 * every one of these has a visible control too. View only: the list follows the writers, with
 * no control that changes it and no shortcut.
 */
export function FocusPointList(props: { topicId: string; meetingId?: string }) {
  const { workspace } = useWorkspace();
  const canEdit = useCanEdit();
  // Each row's text is bound to the point's co-edited text itself: a keystroke re-reads no list.
  const points = createRecordList(workspace.focusPoints, () => workspace.focusPoints.ofTopic(props.topicId), { without: ['text'] });
  const deletedPoints = createRecordList(workspace.focusPoints, () => workspace.focusPoints.ofTopic(props.topicId, 'only'), { without: ['text'] });
  const members = createRecordList(workspace.members, () => workspace.members.list());
  // Each row's owner chips look their names up here, not by a search of the members' store.
  const memberNames = createMemo(() => new Map(members.map((member) => [member.id, member.name])));
  const nameOf = (id: string) => memberNames().get(id);
  const [statusFilter, setStatusFilter] = createSignal<FocusPointStatus | 'all'>('all');
  const [ownerFilter, setOwnerFilter] = createSignal<string>('all');
  const visible = createMemo(() =>
    points.filter((point) => (statusFilter() === 'all' || point.status === statusFilter()) && (ownerFilter() === 'all' || point.owners.includes(ownerFilter()))),
  );
  const filtered = () => statusFilter() !== 'all' || ownerFilter() !== 'all';
  const fields = new Map<string, HTMLTextAreaElement>();
  const [dragging, setDragging] = createSignal<string | null>(null);

  const focusPoint = (id: string, at: 'start' | 'end' | number = 'end') => {
    queueMicrotask(() => {
      const field = fields.get(id);
      if (!field) return;
      field.focus();
      const position = at === 'start' ? 0 : at === 'end' ? field.value.length : at;
      field.setSelectionRange(position, position);
    });
  };

  /** Put `id` just before or after `neighbourId` in the topic's full order (filters may hide others). */
  const placeNear = (id: string, neighbourId: string, side: 'before' | 'after') => {
    const others = points.filter((p) => p.id !== id);
    const at = others.findIndex((p) => p.id === neighbourId);
    if (at < 0) return;
    attempt(() => workspace.focusPoints.move(id, side === 'before' ? at : at + 1, props.topicId));
  };

  const moveBy = (id: string, step: -1 | 1) => {
    const list = visible();
    const at = list.findIndex((p) => p.id === id);
    const neighbour = list[at + step];
    if (!neighbour) return;
    const field = fields.get(id);
    const caret = field && document.activeElement === field ? field.selectionStart : null;
    placeNear(id, neighbour.id, step < 0 ? 'before' : 'after');
    // Moving a row in the page takes the focus away from it: give it back.
    if (caret !== null) focusPoint(id, caret);
  };

  const addAfter = (id: string | null, text = '') => {
    const index = id === null ? points.length : points.findIndex((p) => p.id === id) + 1;
    const newId = workspace.focusPoints.add({ topicId: props.topicId, text, meetingId: props.meetingId ?? null }, index);
    return newId;
  };

  const onKeyDown = (point: ListedPoint, event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) => {
    const field = event.currentTarget;
    if (event.isComposing || !canEdit()) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      let added = '';
      if (attempt(() => (added = addAfter(point.id)))) focusPoint(added, 'start');
    } else if (event.key === 'Backspace' && field.value === '' && !event.repeat) {
      event.preventDefault();
      const list = visible();
      const at = list.findIndex((p) => p.id === point.id);
      const previous = list[at - 1] ?? list[at + 1];
      if (attempt(() => workspace.focusPoints.remove(point.id)) && previous) focusPoint(previous.id, 'end');
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      moveBy(point.id, event.key === 'ArrowUp' ? -1 : 1);
    }
  };

  return (
    <>
      <div class="points-header">
        <h3 class="section-title">
          {t('topics.points.heading')} <span class="count">{points.length}</span>
        </h3>
        <div class="filters" role="group" aria-label={t('topics.points.filters')}>
          <select aria-label={t('topics.points.showStatus')} data-testid="filter-status" value={statusFilter()} onChange={(e) => setStatusFilter(e.currentTarget.value as FocusPointStatus | 'all')}>
            <option value="all">{t('topics.points.allStatuses')}</option>
            <For each={FOCUS_POINT_STATUSES}>{(status) => <option value={status}>{statusLabel(status)}</option>}</For>
          </select>
          <select aria-label={t('topics.points.showOwner')} data-testid="filter-owner" value={ownerFilter()} onChange={(e) => setOwnerFilter(e.currentTarget.value)}>
            <option value="all">{t('topics.points.allOwners')}</option>
            <For each={members}>{(member) => <option value={member.id}>{member.name}</option>}</For>
          </select>
          <Show when={filtered()}>
            <button
              type="button"
              class="button small"
              onClick={() => {
                setStatusFilter('all');
                setOwnerFilter('all');
              }}
            >
              {t('topics.points.showAll')}
            </button>
          </Show>
        </div>
      </div>
      <Show when={points.length === 0}>
        <EmptyState title={t('topics.points.emptyTitle')}>
          <p>{t('topics.points.emptyBody')}</p>
        </EmptyState>
      </Show>
      <Show when={points.length > 0 && visible().length === 0}>
        <p class="quiet" data-testid="filter-empty">
          {t('topics.points.noneMatch')}
        </p>
      </Show>
      <ol class="points" data-testid="focus-points" classList={{ dragging: dragging() !== null }}>
        <For each={visible()}>
          {(point, i) => (
            <FocusPointRow
              point={point}
              index={i()}
              count={visible().length}
              members={members}
              nameOf={nameOf}
              onKeyDown={(event) => onKeyDown(point, event)}
              onMove={(step) => moveBy(point.id, step)}
              onDelete={() => attempt(() => workspace.focusPoints.remove(point.id))}
              fieldRef={(el) => fields.set(point.id, el)}
              dragging={dragging}
              onDragStart={() => setDragging(point.id)}
              onDragEnd={() => setDragging(null)}
              onDropHere={(draggedId, side) => {
                setDragging(null);
                if (draggedId !== point.id && canEdit()) placeNear(draggedId, point.id, side);
              }}
            />
          )}
        </For>
      </ol>
      <Show when={!canEdit() && !props.meetingId}>
        <ViewOnlyNote />
      </Show>
      <AddForm
        label={t('topics.points.newPoint')}
        placeholder={t('topics.points.addPlaceholder')}
        button={t('topics.points.addPoint')}
        testId="add-focus-point"
        maxLength={LIMITS.focusPointText}
        onAdd={(text) => addAfter(null, text)}
      />

      <Trash
        title={t('topics.points.deleted')}
        items={deletedPoints}
        testId="deleted-points"
        restoreTestId="restore-point"
        onRestore={(point) => workspace.focusPoints.restore(point.id)}
        label={(point) => <DeletedPointText point={point} />}
      />
    </>
  );
}

function FocusPointRow(props: {
  point: ListedPoint;
  index: number;
  count: number;
  members: Member[];
  nameOf: (memberId: string) => string | undefined;
  onKeyDown: (event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) => void;
  onMove: (step: -1 | 1) => void;
  onDelete: () => void;
  fieldRef: (el: HTMLTextAreaElement) => void;
  dragging: () => string | null;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDropHere: (draggedId: string, side: 'before' | 'after') => void;
}) {
  const { workspace, peers, participants } = useWorkspace();
  const canEdit = useCanEdit();
  const text = workspace.focusPoints.textOf(props.point.id);
  const [dropSide, setDropSide] = createSignal<'before' | 'after' | null>(null);
  const sideOf = (event: DragEvent & { currentTarget: HTMLElement }) => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2 ? 'before' : 'after';
  };
  return (
    <li
      class={`point status-${props.point.status}`}
      classList={{ 'drop-before': dropSide() === 'before', 'drop-after': dropSide() === 'after', 'being-dragged': props.dragging() === props.point.id }}
      data-testid="focus-point"
      data-point-id={props.point.id}
      data-status={props.point.status}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) announceEditing(peers, null);
      }}
      onDragOver={(event) => {
        if (!canEdit() || !event.dataTransfer?.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setDropSide(sideOf(event));
      }}
      onDragLeave={() => setDropSide(null)}
      onDrop={(event) => {
        const dragged = event.dataTransfer?.getData(DRAG_TYPE);
        const side = sideOf(event);
        setDropSide(null);
        if (!dragged) return;
        event.preventDefault();
        props.onDropHere(dragged, side);
      }}
    >
      <Show when={canEdit()} fallback={<span class="drag-handle-space" aria-hidden="true" />}>
      <span
        class="drag-handle"
        draggable="true"
        role="img"
        aria-label={t('topics.points.drag')}
        title={t('topics.points.drag')}
        data-testid="drag-handle"
        onDragStart={(event) => {
          event.dataTransfer?.setData(DRAG_TYPE, props.point.id);
          if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
          props.onDragStart();
        }}
        onDragEnd={() => props.onDragEnd()}
      >
        ⋮⋮
      </span>
      </Show>
      <span class="point-number" aria-hidden="true">
        {props.index + 1}
      </span>
      <div class="point-body">
        <Show when={text}>
          {(coText) => <FocusPointText pointId={props.point.id} text={coText()} label={t('topics.points.pointLabel', { number: props.index + 1 })} onKeyDown={props.onKeyDown} ref={props.fieldRef} />}
        </Show>
        <div class="point-meta">
          <OwnerChips point={props.point} nameOf={props.nameOf} />
          <EditingBadges participants={participants()} target={{ kind: 'focusPoint', id: props.point.id }} />
        </div>
      </div>
      <div class="point-controls">
        <Show
          when={canEdit()}
          fallback={
            <span class={`status-label status-${props.point.status}`} data-testid="status-label">
              {statusLabel(props.point.status)}
            </span>
          }
        >
        <select
          ref={(select) => fillStatusSelect(select, () => props.point.status)}
          class={`status-select status-${props.point.status}`}
          aria-label={t('topics.points.status')}
          data-testid="status"
          value={props.point.status}
          onChange={(e) => {
            const select = e.currentTarget;
            if (!attempt(() => workspace.focusPoints.setStatus(props.point.id, select.value as FocusPointStatus))) select.value = props.point.status;
          }}
        />
        <OwnersPicker point={props.point} members={props.members} />
        <button type="button" class="icon-button" aria-label={t('topics.points.moveUp')} title={t('topics.points.moveUpTitle')} data-testid="move-up" disabled={props.index === 0} onClick={() => props.onMove(-1)}>
          ↑
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label={t('topics.points.moveDown')}
          title={t('topics.points.moveDownTitle')}
          data-testid="move-down"
          disabled={props.index === props.count - 1}
          onClick={() => props.onMove(1)}
        >
          ↓
        </button>
        <button type="button" class="icon-button danger-quiet" aria-label={t('topics.points.delete')} title={t('topics.points.delete')} data-testid="delete-point" onClick={() => props.onDelete()}>
          ✕
        </button>
        </Show>
      </div>
    </li>
  );
}

/** The members who own a point, at a glance. */
function OwnerChips(props: { point: ListedPoint; nameOf: (memberId: string) => string | undefined }) {
  const names = () => props.point.owners.map((id) => props.nameOf(id) ?? t('topics.points.formerMember'));
  return <For each={names()}>{(name) => <span class="owner-chip" data-testid="owner-chip">{name}</span>}</For>;
}

/**
 * A picker of the members who own a point. Escape closes it and gives the focus back to its
 * button; a click or a tap anywhere else closes it too.
 */
function OwnersPicker(props: { point: ListedPoint; members: Member[] }) {
  const { workspace } = useWorkspace();
  let details!: HTMLDetailsElement;
  let button!: HTMLElement;
  // The checkboxes (one per member, on every row) are made when the picker is first opened, from
  // the summary's click (before the browser opens it, so the menu never shows empty), and then kept.
  // A topic of 200 rows in a group of 24 would otherwise build 4,800 of them before its first paint.
  const [wanted, setWanted] = createSignal(false);
  const outside = (event: PointerEvent) => {
    if (!details.contains(event.target as Node)) details.open = false;
  };
  // Listened to only while open: a topic may have hundreds of pickers.
  const onToggle = () => {
    if (details.open) setWanted(true);
    (details.closest('.point') as HTMLElement | null)?.toggleAttribute('data-menu-open', details.open);
    if (details.open) document.addEventListener('pointerdown', outside, true);
    else document.removeEventListener('pointerdown', outside, true);
  };
  onCleanup(() => document.removeEventListener('pointerdown', outside, true));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !details.open) return;
    event.preventDefault();
    details.open = false;
    button.focus();
  };
  return (
    <details class="owners" data-testid="owners" ref={details} onToggle={onToggle} onKeyDown={onKeyDown}>
      <summary class="icon-button" aria-label={t('topics.points.owners')} title={t('topics.points.owners')} ref={button} onClick={() => setWanted(true)}>
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <circle cx="10" cy="6.5" r="3.5" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path d="M3 17c.8-3.4 3.6-5 7-5s6.2 1.6 7 5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
      </summary>
      <div class="owners-menu" role="group" aria-label={t('topics.points.owners')}>
        <Show when={wanted()}>
          <For each={props.members} fallback={<p class="quiet">{t('topics.points.noMembers')}</p>}>
            {(member) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={props.point.owners.includes(member.id)}
                  onChange={(e) => {
                    const box = e.currentTarget;
                    if (!attempt(() => workspace.focusPoints.setOwner(props.point.id, member.id, box.checked))) box.checked = props.point.owners.includes(member.id);
                  }}
                  data-testid="owner-option"
                  data-member-id={member.id}
                />
                {member.name}
              </label>
            )}
          </For>
        </Show>
      </div>
    </details>
  );
}

function DeletedPointText(props: { point: ListedPoint }) {
  const { workspace } = useWorkspace();
  const text = createTextValue(workspace.focusPoints.textOf(props.point.id));
  return <span class="deleted-text">{text() || t('topics.points.emptyPoint')}</span>;
}
