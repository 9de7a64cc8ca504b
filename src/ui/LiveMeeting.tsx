import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { personLabel, type Meeting } from '../model';
import { currentProfile } from '../state/peers';
import { createRecord, createRecordList } from '../state/records';
import { formatDate, formatNumber, formatTime as formatTimeIn, t, tn } from '../i18n';
import { ConfirmDialog, EmptyState } from './components';
import { useWorkspace } from './context';
import { FocusPointList } from './FocusPointList';
import { attempt } from './write-problem';
import { MeetingNotes } from './editor/MeetingNotes';
import './meeting.css';

/** This person as the meeting shows them (chair label), or null before they said who they are. */
function myLabel(): string | null {
  const me = currentProfile();
  return me ? personLabel(me) : null;
}

/** `14:05`, in this browser's time zone, as the person's language writes it. */
export function formatTime(iso: string | null): string {
  return iso ? formatTimeIn(iso) : '';
}

/**
 * A translated sentence with markup inside: `text` holds `{{ name }}` placeholders, each replaced
 * by `slots[name]` (a link, a <strong>…), so translators keep the sentence whole in their order.
 */
export function Fill(props: { text: string; slots: Record<string, JSX.Element> }) {
  const parts = () => props.text.split(/\{\{\s*(\w+)\s*\}\}/);
  return <>{parts().map((part, i) => (i % 2 === 1 ? props.slots[part] : part))}</>;
}

/** On a meeting's page: start it, join it, or read its minutes. */
export function MeetingLiveBar(props: { meeting: Meeting }) {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const liveHref = () => `/w/${id}/meetings/${props.meeting.id}/live`;
  const start = () => {
    if (attempt(() => workspace.meetings.start(props.meeting.id, myLabel() ?? ''))) navigate(liveHref());
  };
  return (
    <div class={`meeting-live-bar status-${props.meeting.liveStatus}`} data-testid="meeting-live-bar" data-live-status={props.meeting.liveStatus}>
      <Show when={props.meeting.liveStatus === 'planned'}>
        <p class="meeting-live-text">{t('meetings.bar.planned')}</p>
        <button type="button" class="button primary" data-testid="start-meeting" disabled={props.meeting.deletedAt !== null} onClick={start}>
          {t('meetings.bar.start')}
        </button>
      </Show>
      <Show when={props.meeting.liveStatus === 'live'}>
        <p class="meeting-live-text">
          <span class="live-dot" aria-hidden="true" />
          <strong>{t('meetings.bar.inProgress')}</strong>
          <Show when={props.meeting.chair}> · {t('meetings.bar.chairedBy', { chair: props.meeting.chair ?? '' })}</Show>
          <Show when={props.meeting.startedAt}> · {t('meetings.bar.since', { time: formatTime(props.meeting.startedAt) })}</Show>
        </p>
        <A href={liveHref()} class="button primary" data-testid="join-live">
          {t('meetings.bar.join')}
        </A>
      </Show>
      <Show when={props.meeting.liveStatus === 'ended'}>
        <p class="meeting-live-text">
          <strong>{t('meetings.bar.held')}</strong>
          <Show when={props.meeting.startedAt}>
            {' '}
            {t('meetings.bar.fromTo', { start: formatTime(props.meeting.startedAt), end: formatTime(props.meeting.endedAt) })}
          </Show>
          <Show when={props.meeting.attendees.length > 0}> · {tn('meetings.bar.present', props.meeting.attendees.length)}</Show>
        </p>
        <button type="button" class="button" data-testid="resume-meeting" onClick={start}>
          {t('meetings.bar.resume')}
        </button>
        <A href={`/w/${id}/meetings/${props.meeting.id}/minutes`} class="button primary" data-testid="open-minutes">
          {t('meetings.bar.minutes')}
        </A>
      </Show>
    </div>
  );
}

export function LiveMeetingPage() {
  const params = useParams<{ meetingId: string }>();
  return (
    <Show when={params.meetingId} keyed>
      {(meetingId) => <LiveMeeting meetingId={meetingId} />}
    </Show>
  );
}

function LiveMeeting(props: { meetingId: string }) {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const meeting = createRecord(workspace.meetings, props.meetingId);
  const meetingHref = `/w/${id}/meetings/${props.meetingId}`;

  return (
    <Show
      when={meeting() && !meeting()!.deletedAt}
      fallback={
        <EmptyState title={t('meetings.view.missingTitle')}>
          <p>
            <Fill text={t('meetings.live.missingBody')} slots={{ link: <A href={`/w/${id}/meetings`}>{t('meetings.live.seeAll')}</A> }} />
          </p>
        </EmptyState>
      }
    >
      <Show
        when={meeting()!.liveStatus === 'live'}
        fallback={
          <div class="main-pane live-closed" data-testid="live-closed" data-live-status={meeting()!.liveStatus}>
            <Show
              when={meeting()!.liveStatus === 'ended'}
              fallback={
                <EmptyState title={t('meetings.live.notStartedTitle', { title: meeting()!.title })}>
                  <p>{t('meetings.live.notStartedBody')}</p>
                  <p class="empty-action">
                    <button
                      type="button"
                      class="button primary"
                      data-testid="start-meeting"
                      onClick={() => attempt(() => workspace.meetings.start(props.meetingId, myLabel() ?? ''))}
                    >
                      {t('meetings.bar.start')}
                    </button>
                  </p>
                </EmptyState>
              }
            >
              <EmptyState title={t('meetings.live.endedTitle', { title: meeting()!.title })}>
                <p>{t('meetings.live.endedBody')}</p>
                <p class="live-closed-actions empty-action">
                  <A href={`${meetingHref}/minutes`} class="button primary" data-testid="read-minutes">
                    {t('meetings.live.readMinutes')}
                  </A>
                  <A href={meetingHref} class="button">
                    {t('meetings.live.back')}
                  </A>
                </p>
              </EmptyState>
            </Show>
          </div>
        }
      >
        <LiveScreen meeting={meeting()!} onEnded={() => navigate(`${meetingHref}/minutes`)} />
      </Show>
    </Show>
  );
}

function LiveScreen(props: { meeting: Meeting; onEnded: () => void }) {
  const { workspace, id, participants } = useWorkspace();
  const topics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'include' }));
  const topicById = createMemo(() => new Map(topics.map((topic) => [topic.id, topic])));
  const titleOf = (topicId: string) => {
    const topic = topicById().get(topicId);
    return topic ? topic.title || t('meetings.agenda.untitledTopic') : t('meetings.agenda.unknownTopic');
  };
  const isChair = () => {
    const me = myLabel();
    return me !== null && props.meeting.chair === me;
  };
  // The topic this person looks at while stepping away; null when following the discussion.
  const [lookingAt, setLookingAt] = createSignal<string | null>(null);
  const discussing = () => props.meeting.nowDiscussing;
  const shown = () => lookingAt() ?? discussing();
  const steppedAway = () => lookingAt() !== null && lookingAt() !== discussing();
  const [confirmEnd, setConfirmEnd] = createSignal(false);
  // When the discussion comes to the topic this person stepped away to, they follow it again.
  createEffect(() => {
    if (lookingAt() !== null && lookingAt() === discussing()) setLookingAt(null);
  });

  const look = (topicId: string) => setLookingAt(topicId === discussing() ? null : topicId);
  const discuss = (topicId: string) => {
    if (attempt(() => workspace.meetings.setNowDiscussing(props.meeting.id, topicId))) setLookingAt(null);
  };

  return (
    <div class="live" data-testid="live-meeting" data-meeting-id={props.meeting.id}>
      <header class="live-header">
        <div class="live-heading">
          <p class="live-kicker">
            <span class="live-pill">
              <span class="live-dot" aria-hidden="true" />
              {t('meetings.live.live')}
            </span>
            <span>
              {formatDate(props.meeting.date) || props.meeting.date}
              <Show when={props.meeting.startedAt}> · {t('meetings.live.started', { time: formatTime(props.meeting.startedAt) })}</Show>
            </span>
          </p>
          <h2 class="live-title" data-testid="live-title">
            {props.meeting.title || t('meetings.list.untitled')}
          </h2>
          <p class="live-chair" data-testid="live-chair">
            <Show when={props.meeting.chair} fallback={<>{t('meetings.live.nobodyChairs')}</>}>
              <Fill text={t('meetings.live.chair')} slots={{ chair: <strong>{props.meeting.chair}</strong> }} />
              <Show when={isChair()}> {t('meetings.live.you')}</Show>
            </Show>
          </p>
        </div>
        <div class="live-actions no-print">
          <A href={`/w/${id}/meetings/${props.meeting.id}`} class="button small">
            {t('meetings.live.details')}
          </A>
          <Show
            when={isChair()}
            fallback={
              <button
                type="button"
                class="button small"
                data-testid="take-chair"
                disabled={myLabel() === null}
                title={myLabel() === null ? t('meetings.live.sayWhoFirst') : undefined}
                onClick={() => attempt(() => workspace.meetings.setChair(props.meeting.id, myLabel()!))}
              >
                {t('meetings.live.takeChair')}
              </button>
            }
          >
            <button type="button" class="button small danger" data-testid="end-meeting" onClick={() => setConfirmEnd(true)}>
              {t('meetings.live.end')}
            </button>
          </Show>
        </div>
      </header>

      <div class="live-grid">
        <aside class="live-side" aria-label={t('meetings.live.sideLabel')}>
          <section class="live-panel">
            <h3 class="sidebar-title">{t('meetings.live.agenda')}</h3>
            <Show
              when={props.meeting.agenda.length > 0}
              fallback={
                <p class="quiet live-empty-agenda">
                  <Fill text={t('meetings.live.noAgenda')} slots={{ link: <A href={`/w/${id}/meetings/${props.meeting.id}`}>{t('meetings.live.addTopics')}</A> }} />
                </p>
              }
            >
              <ol class="live-agenda" data-testid="live-agenda">
                <For each={props.meeting.agenda}>
                  {(topicId, i) => (
                    <AgendaEntry
                      topicId={topicId}
                      meetingId={props.meeting.id}
                      number={i() + 1}
                      title={titleOf(topicId)}
                      now={discussing() === topicId}
                      shown={shown() === topicId}
                      chair={isChair()}
                      onLook={() => look(topicId)}
                      onDiscuss={() => discuss(topicId)}
                    />
                  )}
                </For>
              </ol>
            </Show>
          </section>
          <section class="live-panel">
            <h3 class="sidebar-title">
              {t('meetings.live.hereNow')} <span class="count">{participants().length || 1}</span>
            </h3>
            <ul class="live-people" data-testid="live-people">
              <For each={participants()} fallback={<li class="quiet">{t('meetings.live.onlyYou')}</li>}>
                {(person) => (
                  <li class="live-person" data-testid="live-person" data-name={person.name}>
                    <span class="live-person-dot" style={{ 'background-color': person.color }} aria-hidden="true" />
                    <span class="live-person-name">
                      {person.name}
                      <Show when={person.self}>
                        <span class="quiet"> {t('meetings.live.you')}</span>
                      </Show>
                    </span>
                    <Show when={person.organisation}>
                      <span class="live-person-org">{person.organisation}</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <p class="quiet live-attendance">{t('meetings.live.attendance', { count: formatNumber(props.meeting.attendees.length) })}</p>
          </section>
        </aside>

        {/* What the group discusses, said by screen readers when the chair moves on (polite: after
            what is being read, and the focus stays where it is). Only this: the topic below holds
            editable points, which a live region would read out at every keystroke. */}
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="live-announcement">
          {discussing() ? t('meetings.live.announce', { title: titleOf(discussing()!) }) : ''}
        </p>
        <section class="main-pane live-main" aria-label={t('meetings.live.topicLabel')}>
          <Show when={steppedAway()}>
            <div class="live-away" data-testid="stepped-away">
              <span>
                <Show when={discussing()} fallback={<>{t('meetings.live.noTopicOpened')}</>}>
                  <Fill text={t('meetings.live.groupDiscussing')} slots={{ topic: <strong>{titleOf(discussing()!)}</strong> }} />
                </Show>
              </span>
              <Show when={discussing()}>
                <button type="button" class="button small primary" data-testid="back-to-discussion" onClick={() => setLookingAt(null)}>
                  {t('meetings.live.backToDiscussion')}
                </button>
              </Show>
            </div>
          </Show>
          <Show
            when={shown()}
            keyed
            fallback={
              <EmptyState title={t('meetings.live.noTopicTitle')}>
                <Show
                  when={isChair()}
                  fallback={<p>{t('meetings.live.waitForChair')}</p>}
                >
                  <p>{t('meetings.live.youChair')}</p>
                  <Show when={props.meeting.agenda[0]}>
                    {(first) => (
                      <p class="empty-action">
                        <button type="button" class="button primary" data-testid="discuss-first" onClick={() => discuss(first())}>
                          {t('meetings.live.openFirst', { title: titleOf(first()) })}
                        </button>
                      </p>
                    )}
                  </Show>
                </Show>
              </EmptyState>
            }
          >
            {(topicId) => (
              <div class="live-topic" data-testid="live-topic" data-topic-id={topicId}>
                <div class="live-topic-head">
                  <p class={`live-topic-label ${topicId === discussing() ? 'now' : ''}`}>{topicId === discussing() ? t('meetings.live.nowDiscussing') : t('meetings.live.lookingAt')}</p>
                  <Show when={isChair() && topicId !== discussing()}>
                    <button type="button" class="button small" data-testid="discuss-shown" onClick={() => discuss(topicId)}>
                      {t('meetings.live.discussThis')}
                    </button>
                  </Show>
                </div>
                <h2 class="live-topic-title" data-testid="live-topic-title">
                  {titleOf(topicId)}
                </h2>
                <Show when={topicById().get(topicId)?.deletedAt}>
                  <p class="notice warning">{t('meetings.live.topicDeleted')}</p>
                </Show>
                <p class="quiet live-topic-hint">{t('meetings.live.hint')}</p>
                <FocusPointList topicId={topicId} meetingId={props.meeting.id} />
              </div>
            )}
          </Show>
          <section class="live-notes" aria-labelledby="live-notes-title">
            <h3 class="section-title" id="live-notes-title">
              {t('meetings.live.notes')}
            </h3>
            <MeetingNotes meetingId={props.meeting.id} testId="live-notes" class="meeting-notes live-notes-field" placeholder={t('meetings.live.notesPlaceholder')} />
          </section>
        </section>
      </div>

      <ConfirmDialog
        open={confirmEnd()}
        title={t('meetings.live.confirmTitle')}
        confirmLabel={t('meetings.live.end')}
        onCancel={() => setConfirmEnd(false)}
        onConfirm={() => {
          setConfirmEnd(false);
          if (attempt(() => workspace.meetings.end(props.meeting.id))) props.onEnded();
        }}
      >
        <p>{t('meetings.live.confirmBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

function AgendaEntry(props: {
  topicId: string;
  meetingId: string;
  number: number;
  title: string;
  now: boolean;
  shown: boolean;
  chair: boolean;
  onLook: () => void;
  onDiscuss: () => void;
}) {
  const { workspace } = useWorkspace();
  const points = createRecordList(workspace.focusPoints, () => workspace.focusPoints.ofTopic(props.topicId), { without: ['text'] });
  const raised = () => points.filter((p) => p.meetingId === props.meetingId).length;
  return (
    <li
      class="live-agenda-item"
      classList={{ now: props.now, shown: props.shown }}
      data-testid="live-agenda-item"
      data-topic-id={props.topicId}
      data-now={props.now ? 'true' : 'false'}
      aria-current={props.shown ? 'true' : undefined}
    >
      <button type="button" class="live-agenda-look" data-testid="look-at-topic" onClick={() => props.onLook()}>
        <span class="agenda-number" aria-hidden="true">
          {props.number}
        </span>
        <span class="live-agenda-text">
          <span class="live-agenda-title">{props.title}</span>
          <span class="live-agenda-meta">
            <Show when={props.now}>
              <span class="live-now-badge">{t('meetings.live.now')}</span>
            </Show>
            {tn('meetings.live.points', points.length)}
            <Show when={raised() > 0}> · {tn('meetings.live.newPoints', raised())}</Show>
          </span>
        </span>
      </button>
      <Show when={props.chair && !props.now}>
        <button type="button" class="button small live-discuss" data-testid="discuss-now" aria-label={t('meetings.live.discussNowLabel', { title: props.title })} onClick={() => props.onDiscuss()}>
          {t('meetings.live.discussNow')}
        </button>
      </Show>
    </li>
  );
}
