import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { LIMITS, type FocusPoint, type Meeting, type Member, type Topic } from '../../model';
import { createRecord, createRecordList } from '../../state/records';
import { countryName, formatDate, t, tn } from '../../i18n';
import { EmptyState, Trash } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { dateProblem, kindLabel, today, ValueInput } from '../kit/record-fields';
import { attempt } from '../kit/write-problem';
import { useCanEdit, ViewOnlyNote } from '../kit/can-edit';
import { Fill } from '../kit/Fill';
import { MeetingLiveBar } from './live/MeetingLiveBar';
import { MeetingNotes } from '../editor/MeetingNotes';
import '../kit/records.css';

export function MeetingsPage() {
  const { workspace, id } = useWorkspace();
  const params = useParams<{ meetingId?: string }>();
  const meetings = createRecordList(workspace.meetings, () => workspace.meetings.byDate());
  const deletedMeetings = createRecordList(workspace.meetings, () => workspace.meetings.byDate('only'));
  const canEdit = useCanEdit();

  return (
    <div class="split">
      <aside class="sidebar" aria-label={t('meetings.list.title')}>
        <h2 class="sidebar-title">{t('meetings.list.title')}</h2>
        <Show when={meetings.length > 0} fallback={<p class="quiet sidebar-empty">{t('meetings.list.empty')}</p>}>
          <ul class="plain-list meeting-list" data-testid="meeting-list">
            <For each={meetings}>
              {(meeting) => (
                <li>
                  <A href={`/w/${id}/meetings/${meeting.id}`} activeClass="active" class="list-link meeting-link" data-testid="meeting-link" data-meeting-id={meeting.id}>
                    <span class="meeting-link-title">{meeting.title || t('meetings.list.untitled')}</span>
                    <small>
                      <time datetime={meeting.date}>{formatDate(meeting.date) || meeting.date}</time>
                    </small>
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={canEdit()} fallback={<ViewOnlyNote class="sidebar-note" />}>
          <NewMeetingForm />
        </Show>
        <Trash
          title={t('meetings.list.deleted')}
          items={deletedMeetings}
          testId="deleted-meetings"
          itemTestId="deleted-meeting"
          restoreTestId="restore-meeting"
          onRestore={(meeting) => workspace.meetings.restore(meeting.id)}
          label={(meeting) => (
            <span class="deleted-meeting">
              <span class="deleted-text">{meeting.title || t('meetings.list.untitled')}</span>
              <small class="deleted-date">{formatDate(meeting.date) || meeting.date}</small>
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
                <EmptyState title={t('meetings.list.noneTitle')}>
                  <p>{t('meetings.list.noneBody')}</p>
                </EmptyState>
              }
            >
              <EmptyState title={t('meetings.list.pickTitle')}>
                <p>{t('meetings.list.pickBody')}</p>
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
        {t('meetings.create.title')}
      </h3>
      <input
        aria-label={t('meetings.create.titleLabel')}
        placeholder={t('meetings.create.titlePlaceholder')}
        data-testid="add-meeting-title"
        autocomplete="off"
        maxLength={LIMITS.meetingTitle}
        value={title()}
        onInput={(event) => setTitle(event.currentTarget.value)}
      />
      <div class="new-meeting-row">
        <input
          type="date"
          aria-label={t('meetings.create.dateLabel')}
          data-testid="add-meeting-date"
          value={date()}
          onInput={(event) => setDate(event.currentTarget.value)}
        />
        <button type="submit" class="button primary" data-testid="add-meeting-submit" disabled={!title().trim() || dateProblem(date()) !== null}>
          {t('meetings.create.submit')}
        </button>
      </div>
    </form>
  );
}

function MeetingView(props: { meetingId: string }) {
  const { workspace, id } = useWorkspace();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const meeting = createRecord(workspace.meetings, props.meetingId);

  return (
    <Show
      when={meeting()}
      fallback={
        <EmptyState title={t('meetings.view.missingTitle')}>
          <p>{t('meetings.view.missingBody')}</p>
        </EmptyState>
      }
    >
      <article class="meeting-view" data-testid="meeting-view" data-meeting-id={props.meetingId}>
        <Show when={meeting()?.deletedAt}>
          <div class="notice warning" role="status" data-testid="meeting-deleted-notice">
            {t('meetings.view.deletedNotice')}{' '}
            <Show when={canEdit()}>
              <button type="button" class="button small" onClick={() => attempt(() => workspace.meetings.restore(props.meetingId))}>
                {t('meetings.view.restore')}
              </button>
            </Show>
          </div>
        </Show>
        <div class="topic-header meeting-header">
          <div class="meeting-title-field">
            <ValueInput
              value={meeting()!.title}
              label={t('meetings.view.titleLabel')}
              multiline
              class="topic-title meeting-title"
              testId="meeting-title"
              placeholder={t('meetings.view.titleLabel')}
              maxLength={LIMITS.meetingTitle}
              normalise={(raw) => raw.trim()}
              validate={(title) => (title ? null : t('meetings.view.titleRequired'))}
              onCommit={(title) => workspace.meetings.update(props.meetingId, { title })}
            />
          </div>
          <div class="row-actions">
            <Show when={!meeting()?.deletedAt && canEdit()}>
              <button
                type="button"
                class="button small danger-quiet"
                data-testid="delete-meeting"
                onClick={() => {
                  if (attempt(() => workspace.meetings.remove(props.meetingId))) navigate(`/w/${id}/meetings`);
                }}
              >
                {t('meetings.view.delete')}
              </button>
            </Show>
          </div>
        </div>
        <div class="meeting-date">
          <label class="meeting-date-label" for={`meeting-date-${props.meetingId}`}>
            {t('meetings.view.date')}
          </label>
          {/* View only: the date as the language writes it, no date field. */}
          <Show when={canEdit()}>
            <MeetingDate meeting={meeting()!} />
          </Show>
          <span class="meeting-date-long" classList={{ quiet: canEdit(), 'read-only-value': !canEdit() }} id={canEdit() ? undefined : `meeting-date-${props.meetingId}`} data-testid={canEdit() ? undefined : 'meeting-date'}>
            {formatDate(meeting()!.date) || meeting()!.date}
          </span>
        </div>

        <MeetingLiveBar meeting={meeting()!} />

        <Participants meeting={meeting()!} />
        <Agenda meeting={meeting()!} />

        <h3 class="section-title" id={`notes-${props.meetingId}`}>
          {t('meetings.view.notes')}
        </h3>
        <MeetingNotes meetingId={props.meetingId} testId="meeting-notes" class="meeting-notes" placeholder={t('meetings.view.notesPlaceholder')} />

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
      label={t('meetings.view.dateLabel')}
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
  const canEdit = useCanEdit();
  const members = createRecordList(workspace.members, () => workspace.members.list());
  const present = createMemo(() => new Set(props.meeting.participants));
  const count = () => members.filter((m) => present().has(m.id)).length;
  const others = () => props.meeting.participants.length - count();

  return (
    <section aria-labelledby="participants-title" data-testid="participants">
      <h3 class="section-title" id="participants-title">
        {t('meetings.participants.title')}{' '}
        <span class="count" data-testid="participant-count">
          {count()}
        </span>
        <Show when={members.length > 0}>
          <span class="section-title-note">{tn('meetings.participants.ofMembers', members.length)}</span>
        </Show>
      </h3>
      <Show when={canEdit()} fallback={<ParticipantNames members={members.filter((member) => present().has(member.id))} others={others()} />}>
      <Show
        when={members.length > 0}
        fallback={
          <p class="quiet">
            <Fill text={t('meetings.participants.noMembers')} slots={{ link: <A href={`/w/${id}/members`}>{t('meetings.participants.addMembers')}</A> }} />
          </p>
        }
      >
        <div class="checks participant-checks">
          <For each={members}>
            {(member) => (
              <label class="check participant" classList={{ checked: present().has(member.id) }} data-testid="participant" data-member-id={member.id} title={kindLabel(member.kind)}>
                <input
                  type="checkbox"
                  checked={present().has(member.id)}
                  onChange={(event) => {
                    const box = event.currentTarget;
                    if (!attempt(() => workspace.meetings.setParticipant(props.meeting.id, member.id, box.checked))) box.checked = present().has(member.id);
                  }}
                />
                <span>{member.name || t('meetings.view.unnamedMember')}</span>
                <Show when={member.country}>
                  <span class="participant-country">{countryName(member.country)}</span>
                </Show>
              </label>
            )}
          </For>
        </div>
        <Show when={others() > 0}>
          <p class="quiet">{tn('meetings.participants.former', others())}</p>
        </Show>
      </Show>
      </Show>
    </section>
  );
}

/** View only: who took part, as names. */
function ParticipantNames(props: { members: Member[]; others: number }) {
  return (
    <>
      <ul class="checks participant-checks participant-names">
        <For each={props.members}>
          {(member) => (
            <li class="check participant checked" data-testid="participant" data-member-id={member.id} title={kindLabel(member.kind)}>
              <span>{member.name || t('meetings.view.unnamedMember')}</span>
              <Show when={member.country}>
                <span class="participant-country">{countryName(member.country)}</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.others > 0}>
        <p class="quiet">{tn('meetings.participants.former', props.others)}</p>
      </Show>
    </>
  );
}

function Agenda(props: { meeting: Meeting }) {
  const { workspace, id } = useWorkspace();
  const canEdit = useCanEdit();
  const topics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'include' }));
  const topicById = createMemo(() => new Map(topics.map((topic) => [topic.id, topic])));
  const available = () => {
    const onAgenda = new Set(props.meeting.agenda);
    return topics.filter((topic) => !topic.deletedAt && !onAgenda.has(topic.id));
  };
  const [choice, setChoice] = createSignal('');
  const chosen = () => (available().some((topic) => topic.id === choice()) ? choice() : '');

  const move = (index: number, by: number) => {
    const topicId = props.meeting.agenda[index];
    if (topicId !== undefined) attempt(() => workspace.meetings.moveInAgenda(props.meeting.id, topicId, index + by));
  };

  return (
    <section aria-labelledby="agenda-title" data-testid="agenda">
      <h3 class="section-title" id="agenda-title">
        {t('meetings.agenda.title')} <span class="count">{props.meeting.agenda.length}</span>
      </h3>
      <Show when={props.meeting.agenda.length === 0 && available().length > 0 && canEdit()}>
        <p class="quiet agenda-empty">{t('meetings.agenda.empty')}</p>
      </Show>
      <ol class="agenda" data-testid="agenda-list">
        <For each={props.meeting.agenda}>
          {(topicId, i) => {
            const topic = () => topicById().get(topicId);
            const title = () => topic()?.title || (topic() ? t('meetings.agenda.untitledTopic') : t('meetings.agenda.unknownTopic'));
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
                    <span class="badge">{t('meetings.agenda.deletedTopic')}</span>
                  </Show>
                </span>
                <Show when={canEdit()}>
                <div class="row-actions">
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={t('meetings.agenda.moveUpLabel', { title: title() })}
                    title={t('meetings.agenda.moveUp')}
                    data-testid="agenda-move-up"
                    disabled={i() === 0}
                    onClick={() => move(i(), -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={t('meetings.agenda.moveDownLabel', { title: title() })}
                    title={t('meetings.agenda.moveDown')}
                    data-testid="agenda-move-down"
                    disabled={i() >= props.meeting.agenda.length - 1}
                    onClick={() => move(i(), 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="icon-button danger-quiet"
                    aria-label={t('meetings.agenda.removeLabel', { title: title() })}
                    title={t('meetings.agenda.remove')}
                    data-testid="agenda-remove"
                    onClick={() => attempt(() => workspace.meetings.removeFromAgenda(props.meeting.id, topicId))}
                  >
                    ✕
                  </button>
                </div>
                </Show>
              </li>
            );
          }}
        </For>
      </ol>
      <Show when={canEdit()}>
      <Show
        when={available().length > 0}
        fallback={
          <p class="quiet agenda-hint">
            <Show
              when={topics.some((topic) => !topic.deletedAt)}
              fallback={<Fill text={t('meetings.agenda.noTopics')} slots={{ link: <A href={`/w/${id}/topics`}>{t('meetings.agenda.addTopics')}</A> }} />}
            >
              {t('meetings.agenda.allOn')}
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
          <select aria-label={t('meetings.agenda.selectLabel')} data-testid="agenda-topic-select" value={chosen()} onChange={(event) => setChoice(event.currentTarget.value)}>
            <option value="">{t('meetings.agenda.choose')}</option>
            <For each={available()}>{(topic: Topic) => <option value={topic.id}>{topic.title || t('meetings.agenda.untitledTopic')}</option>}</For>
          </select>
          <button type="submit" class="button" data-testid="agenda-add" disabled={!chosen()}>
            {t('meetings.agenda.add')}
          </button>
        </form>
      </Show>
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
    for (const topic of [...topics.filter((each) => !each.deletedAt), ...topics.filter((each) => each.deletedAt)]) {
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
        {t('meetings.raised.title')} <span class="count">{points.length}</span>
      </h3>
      <Show
        when={points.length > 0}
        fallback={<p class="quiet">{t('meetings.raised.none')}</p>}
      >
        <For each={groups()}>
          {(group) => (
            <div class="raised-group" data-testid="raised-group" data-topic-id={group.topicId}>
              <h4 class="raised-topic">
                <Show when={group.topic && !group.topic.deletedAt} fallback={
                    <span>
                      {group.topic
                        ? t('meetings.raised.deletedTopic', { title: group.topic.title || t('meetings.agenda.untitledTopic') })
                        : t('meetings.agenda.unknownTopic')}
                    </span>
                  }
                >
                  <A href={`/w/${id}/topics/${group.topicId}`}>{group.topic!.title || t('meetings.agenda.untitledTopic')}</A>
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
      <span class="raised-text">{props.point.text || t('meetings.raised.emptyPoint')}</span>
      <span class={`status-badge status-${props.point.status}`} data-testid="raised-status">
        {t(`common.status.${props.point.status}`)}
      </span>
    </li>
  );
}
