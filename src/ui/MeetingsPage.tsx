import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { LIMITS, type FocusPoint, type Meeting, type Topic } from '../model';
import { createRecord, createRecordList } from '../state/records';
import { EmptyState, formatDate, Trash } from './components';
import { useWorkspace } from './context';
import { countryName, dateProblem, KIND_LABELS, today, ValueInput } from './record-fields';
import { attempt } from './write-problem';
import { STATUS_LABELS } from './FocusPointList';
import { MeetingLiveBar } from './LiveMeeting';
import { MeetingNotes } from './editor/MeetingNotes';
import './records.css';

export function MeetingsPage() {
  const { workspace, id } = useWorkspace();
  const params = useParams<{ meetingId?: string }>();
  const meetings = createRecordList(workspace.meetings, () => workspace.meetings.byDate());
  const deletedMeetings = createRecordList(workspace.meetings, () => workspace.meetings.byDate('only'));

  return (
    <div class="split">
      <aside class="sidebar" aria-label="Meetings">
        <h2 class="sidebar-title">Meetings</h2>
        <Show when={meetings.length > 0} fallback={<p class="quiet sidebar-empty">No meetings yet.</p>}>
          <ul class="plain-list meeting-list" data-testid="meeting-list">
            <For each={meetings}>
              {(meeting) => (
                <li>
                  <A href={`/w/${id}/meetings/${meeting.id}`} activeClass="active" class="list-link meeting-link" data-testid="meeting-link" data-meeting-id={meeting.id}>
                    <span class="meeting-link-title">{meeting.title || 'Untitled meeting'}</span>
                    <small>
                      <time datetime={meeting.date}>{formatDate(meeting.date)}</time>
                    </small>
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <NewMeetingForm />
        <Trash
          title="Deleted meetings"
          items={deletedMeetings}
          testId="deleted-meetings"
          itemTestId="deleted-meeting"
          restoreTestId="restore-meeting"
          onRestore={(meeting) => workspace.meetings.restore(meeting.id)}
          label={(meeting) => (
            <span class="deleted-meeting">
              <span class="deleted-text">{meeting.title || 'Untitled meeting'}</span>
              <small class="deleted-date">{formatDate(meeting.date)}</small>
            </span>
          )}
        />
      </aside>
      <section class="main-pane">
        <Show
          when={params.meetingId}
          keyed
          fallback={
            <Show
              when={meetings.length > 0}
              fallback={
                <EmptyState title="No meetings yet">
                  <p>Create the group's first meeting on the left: give it a title and a date.</p>
                </EmptyState>
              }
            >
              <EmptyState title="Pick a meeting">
                <p>Choose a meeting on the left to see its participants, agenda and notes, or create a new one.</p>
              </EmptyState>
            </Show>
          }
        >
          {(meetingId) => <MeetingView meetingId={meetingId} />}
        </Show>
      </section>
    </div>
  );
}

function NewMeetingForm() {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const [title, setTitle] = createSignal('');
  const [date, setDate] = createSignal(today());

  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = title().trim();
    if (!trimmed || dateProblem(date())) return;
    let meetingId = '';
    if (!attempt(() => (meetingId = workspace.meetings.add({ title: trimmed, date: date() })))) return;
    setTitle('');
    setDate(today());
    navigate(`/w/${id}/meetings/${meetingId}`);
  };

  return (
    <form class="new-meeting" onSubmit={submit} data-testid="add-meeting" aria-labelledby="new-meeting-title">
      <h3 id="new-meeting-title" class="new-meeting-title">
        New meeting
      </h3>
      <input
        aria-label="Title of the new meeting"
        placeholder="Meeting title"
        data-testid="add-meeting-title"
        autocomplete="off"
        maxLength={LIMITS.meetingTitle}
        value={title()}
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
      <div class="new-meeting-row">
        <input
          type="date"
          aria-label="Date of the new meeting"
          data-testid="add-meeting-date"
          value={date()}
          onInput={(event) => setDate(event.currentTarget.value)}
        />
        <button type="submit" class="button primary" data-testid="add-meeting-submit" disabled={!title().trim() || dateProblem(date()) !== null}>
          Create
        </button>
      </div>
    </form>
  );
}

function MeetingView(props: { meetingId: string }) {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const meeting = createRecord(workspace.meetings, props.meetingId);

  return (
    <Show
      when={meeting()}
      fallback={
        <EmptyState title="This meeting does not exist">
          <p>It may have been removed by a partner, or the link is incomplete.</p>
        </EmptyState>
      }
    >
      <article class="meeting-view" data-testid="meeting-view" data-meeting-id={props.meetingId}>
        <Show when={meeting()?.deletedAt}>
          <div class="notice warning" role="status" data-testid="meeting-deleted-notice">
            This meeting was deleted.{' '}
            <button type="button" class="button small" onClick={() => attempt(() => workspace.meetings.restore(props.meetingId))}>
              Restore it
            </button>
          </div>
        </Show>
        <div class="topic-header meeting-header">
          <div class="meeting-title-field">
            <ValueInput
              value={meeting()!.title}
              label="Meeting title"
              multiline
              class="topic-title meeting-title"
              testId="meeting-title"
              placeholder="Meeting title"
              maxLength={LIMITS.meetingTitle}
              normalise={(raw) => raw.trim()}
              validate={(title) => (title ? null : 'A meeting needs a title.')}
              onCommit={(title) => workspace.meetings.update(props.meetingId, { title })}
            />
          </div>
          <div class="row-actions">
            <Show when={!meeting()?.deletedAt}>
              <button
                type="button"
                class="button small danger-quiet"
                data-testid="delete-meeting"
                onClick={() => {
                  if (attempt(() => workspace.meetings.remove(props.meetingId))) navigate(`/w/${id}/meetings`);
                }}
              >
                Delete meeting
              </button>
            </Show>
          </div>
        </div>
        <div class="meeting-date">
          <label class="meeting-date-label" for={`meeting-date-${props.meetingId}`}>
            Date
          </label>
          <MeetingDate meeting={meeting()!} />
          <span class="quiet meeting-date-long">{formatDate(meeting()!.date)}</span>
        </div>

        <MeetingLiveBar meeting={meeting()!} />

        <Participants meeting={meeting()!} />
        <Agenda meeting={meeting()!} />

        <h3 class="section-title" id={`notes-${props.meetingId}`}>
          Notes
        </h3>
        <MeetingNotes meetingId={props.meetingId} testId="meeting-notes" class="meeting-notes" placeholder="What was discussed, decided and agreed" />

        <RaisedFocusPoints meetingId={props.meetingId} />
      </article>
    </Show>
  );
}

function MeetingDate(props: { meeting: Meeting }) {
  const { workspace } = useWorkspace();
  return (
    <ValueInput
      type="date"
      value={props.meeting.date}
      label="Meeting date"
      id={`meeting-date-${props.meeting.id}`}
      class="meeting-date-input"
      testId="meeting-date"
      validate={dateProblem}
      onCommit={(date) => workspace.meetings.update(props.meeting.id, { date })}
    />
  );
}

function Participants(props: { meeting: Meeting }) {
  const { workspace, id } = useWorkspace();
  const members = createRecordList(workspace.members, () => workspace.members.list());
  const present = createMemo(() => new Set(props.meeting.participants));
  const count = () => members.filter((m) => present().has(m.id)).length;
  const others = () => props.meeting.participants.length - count();

  return (
    <section aria-labelledby="participants-title" data-testid="participants">
      <h3 class="section-title" id="participants-title">
        Participants{' '}
        <span class="count" data-testid="participant-count">
          {count()}
        </span>
        <Show when={members.length > 0}>
          <span class="section-title-note">of {members.length} members</span>
        </Show>
      </h3>
      <Show
        when={members.length > 0}
        fallback={
          <p class="quiet">
            The group has no members yet. <A href={`/w/${id}/members`}>Add members</A> to record who took part.
          </p>
        }
      >
        <div class="checks participant-checks">
          <For each={members}>
            {(member) => (
              <label class="check participant" classList={{ checked: present().has(member.id) }} data-testid="participant" data-member-id={member.id} title={KIND_LABELS[member.kind]}>
                <input
                  type="checkbox"
                  checked={present().has(member.id)}
                  onChange={(event) => {
                    const box = event.currentTarget;
                    if (!attempt(() => workspace.meetings.setParticipant(props.meeting.id, member.id, box.checked))) box.checked = present().has(member.id);
                  }}
                />
                <span>{member.name || 'Unnamed member'}</span>
                <Show when={member.country}>
                  <span class="participant-country">{countryName(member.country)}</span>
                </Show>
              </label>
            )}
          </For>
        </div>
        <Show when={others() > 0}>
          <p class="quiet">
            Also {others() === 1 ? '1 participant who is no longer a member' : `${others()} participants who are no longer members`}.
          </p>
        </Show>
      </Show>
    </section>
  );
}

function Agenda(props: { meeting: Meeting }) {
  const { workspace, id } = useWorkspace();
  const topics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'include' }));
  const topicById = createMemo(() => new Map(topics.map((topic) => [topic.id, topic])));
  const available = () => {
    const onAgenda = new Set(props.meeting.agenda);
    return topics.filter((topic) => !topic.deletedAt && !onAgenda.has(topic.id));
  };
  const [choice, setChoice] = createSignal('');
  const chosen = () => (available().some((t) => t.id === choice()) ? choice() : '');

  const move = (index: number, by: number) => {
    const topicId = props.meeting.agenda[index];
    if (topicId !== undefined) attempt(() => workspace.meetings.moveInAgenda(props.meeting.id, topicId, index + by));
  };

  return (
    <section aria-labelledby="agenda-title" data-testid="agenda">
      <h3 class="section-title" id="agenda-title">
        Agenda <span class="count">{props.meeting.agenda.length}</span>
      </h3>
      <Show when={props.meeting.agenda.length === 0 && available().length > 0}>
        <p class="quiet agenda-empty">Nothing on the agenda yet. Add the topics this meeting will discuss.</p>
      </Show>
      <ol class="agenda" data-testid="agenda-list">
        <For each={props.meeting.agenda}>
          {(topicId, i) => {
            const topic = () => topicById().get(topicId);
            const title = () => topic()?.title || (topic() ? 'Untitled topic' : 'Unknown topic');
            return (
              <li class="agenda-item" data-testid="agenda-item" data-topic-id={topicId}>
                <span class="agenda-number" aria-hidden="true">
                  {i() + 1}
                </span>
                <span class="agenda-title">
                  <Show when={topic() && !topic()!.deletedAt} fallback={<span class="quiet">{title()}</span>}>
                    <A href={`/w/${id}/topics/${topicId}`} class="agenda-link" data-testid="agenda-topic-title">
                      {title()}
                    </A>
                  </Show>
                  <Show when={topic()?.deletedAt}>
                    <span class="badge">Deleted topic</span>
                  </Show>
                </span>
                <div class="row-actions">
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={`Move “${title()}” up`}
                    title="Move up"
                    data-testid="agenda-move-up"
                    disabled={i() === 0}
                    onClick={() => move(i(), -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={`Move “${title()}” down`}
                    title="Move down"
                    data-testid="agenda-move-down"
                    disabled={i() >= props.meeting.agenda.length - 1}
                    onClick={() => move(i(), 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="icon-button danger-quiet"
                    aria-label={`Remove “${title()}” from the agenda`}
                    title="Remove from the agenda"
                    data-testid="agenda-remove"
                    onClick={() => attempt(() => workspace.meetings.removeFromAgenda(props.meeting.id, topicId))}
                  >
                    ✕
                  </button>
                </div>
              </li>
            );
          }}
        </For>
      </ol>
      <Show
        when={available().length > 0}
        fallback={
          <p class="quiet agenda-hint">
            <Show when={topics.some((t) => !t.deletedAt)} fallback={<>The group has no topics yet. <A href={`/w/${id}/topics`}>Add topics</A> to build the agenda.</>}>
              Every topic is on the agenda.
            </Show>
          </p>
        }
      >
        <form
          class="add-form agenda-add"
          data-testid="add-agenda-item"
          onSubmit={(event) => {
            event.preventDefault();
            const topicId = chosen();
            if (!topicId) return;
            if (attempt(() => workspace.meetings.addToAgenda(props.meeting.id, topicId))) setChoice('');
          }}
        >
          <select aria-label="Topic to add to the agenda" data-testid="agenda-topic-select" value={chosen()} onChange={(event) => setChoice(event.currentTarget.value)}>
            <option value="">Choose a topic to add…</option>
            <For each={available()}>{(topic: Topic) => <option value={topic.id}>{topic.title || 'Untitled topic'}</option>}</For>
          </select>
          <button type="submit" class="button" data-testid="agenda-add" disabled={!chosen()}>
            Add to agenda
          </button>
        </form>
      </Show>
    </section>
  );
}

function RaisedFocusPoints(props: { meetingId: string }) {
  const { workspace, id } = useWorkspace();
  const points = createRecordList(workspace.focusPoints, () => workspace.focusPoints.list({ where: (point) => point.meetingId === props.meetingId }));
  const topics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'include' }));
  const groups = createMemo(() => {
    const byTopic = new Map<string, FocusPoint[]>();
    for (const point of points) {
      const list = byTopic.get(point.topicId);
      if (list) list.push(point);
      else byTopic.set(point.topicId, [point]);
    }
    const ordered: { topicId: string; topic: Topic | undefined; points: FocusPoint[] }[] = [];
    // Live topics in their order, then deleted ones, then points whose topic is unknown.
    for (const topic of [...topics.filter((t) => !t.deletedAt), ...topics.filter((t) => t.deletedAt)]) {
      const list = byTopic.get(topic.id);
      if (list) ordered.push({ topicId: topic.id, topic, points: list });
      byTopic.delete(topic.id);
    }
    for (const [topicId, list] of byTopic) ordered.push({ topicId, topic: undefined, points: list });
    return ordered;
  });

  return (
    <section aria-labelledby="raised-title" data-testid="raised-points">
      <h3 class="section-title" id="raised-title">
        Focus points raised at this meeting <span class="count">{points.length}</span>
      </h3>
      <Show
        when={points.length > 0}
        fallback={<p class="quiet">No focus points are linked to this meeting yet.</p>}
      >
        <For each={groups()}>
          {(group) => (
            <div class="raised-group" data-testid="raised-group" data-topic-id={group.topicId}>
              <h4 class="raised-topic">
                <Show when={group.topic && !group.topic.deletedAt} fallback={<span>{group.topic ? `${group.topic.title || 'Untitled topic'} (deleted topic)` : 'Unknown topic'}</span>}>
                  <A href={`/w/${id}/topics/${group.topicId}`}>{group.topic!.title || 'Untitled topic'}</A>
                </Show>
              </h4>
              <ul class="raised-list">
                <For each={group.points}>{(point) => <RaisedPoint point={point} />}</For>
              </ul>
            </div>
          )}
        </For>
      </Show>
    </section>
  );
}

function RaisedPoint(props: { point: FocusPoint }) {
  return (
    <li class={`raised-point status-${props.point.status}`} data-testid="raised-point" data-point-id={props.point.id} data-status={props.point.status}>
      <span class="raised-text">{props.point.text || 'Empty point'}</span>
      <span class={`status-badge status-${props.point.status}`} data-testid="raised-status">
        {STATUS_LABELS[props.point.status]}
      </span>
    </li>
  );
}
