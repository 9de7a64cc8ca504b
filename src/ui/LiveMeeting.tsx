import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { personLabel, type Meeting } from '../model';
import { currentProfile } from '../state/peers';
import { createRecord, createRecordList } from '../state/records';
import { ConfirmDialog, EmptyState, formatDate } from './components';
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

/** `14:05`, in this browser's time zone. */
export function formatTime(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
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
        <p class="meeting-live-text">Hold the meeting here: everyone in the workspace follows the agenda with you, and the minutes are written as you go.</p>
        <button type="button" class="button primary" data-testid="start-meeting" disabled={props.meeting.deletedAt !== null} onClick={start}>
          Start meeting
        </button>
      </Show>
      <Show when={props.meeting.liveStatus === 'live'}>
        <p class="meeting-live-text">
          <span class="live-dot" aria-hidden="true" />
          <strong>In progress</strong>
          <Show when={props.meeting.chair}> · chaired by {props.meeting.chair}</Show>
          <Show when={props.meeting.startedAt}> · since {formatTime(props.meeting.startedAt)}</Show>
        </p>
        <A href={liveHref()} class="button primary" data-testid="join-live">
          Join the meeting
        </A>
      </Show>
      <Show when={props.meeting.liveStatus === 'ended'}>
        <p class="meeting-live-text">
          <strong>Held</strong>
          <Show when={props.meeting.startedAt}>
            {' '}
            from {formatTime(props.meeting.startedAt)} to {formatTime(props.meeting.endedAt)}
          </Show>
          <Show when={props.meeting.attendees.length > 0}> · {props.meeting.attendees.length === 1 ? '1 person' : `${props.meeting.attendees.length} people`} present</Show>
        </p>
        <button type="button" class="button" data-testid="resume-meeting" onClick={start}>
          Resume
        </button>
        <A href={`/w/${id}/meetings/${props.meeting.id}/minutes`} class="button primary" data-testid="open-minutes">
          Minutes
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
        <EmptyState title="This meeting does not exist">
          <p>It may have been removed by a partner. <A href={`/w/${id}/meetings`}>See all meetings</A>.</p>
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
                <EmptyState title={`“${meeting()!.title}” has not started`}>
                  <p>Start it to open this screen for everyone in the workspace.</p>
                  <p class="empty-action">
                    <button
                      type="button"
                      class="button primary"
                      data-testid="start-meeting"
                      onClick={() => attempt(() => workspace.meetings.start(props.meetingId, myLabel() ?? ''))}
                    >
                      Start meeting
                    </button>
                  </p>
                </EmptyState>
              }
            >
              <EmptyState title={`“${meeting()!.title}” has ended`}>
                <p>The minutes list who was there and what was raised and agreed.</p>
                <p class="live-closed-actions empty-action">
                  <A href={`${meetingHref}/minutes`} class="button primary" data-testid="read-minutes">
                    Read the minutes
                  </A>
                  <A href={meetingHref} class="button">
                    Back to the meeting
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
    return topic ? topic.title || 'Untitled topic' : 'Unknown topic';
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
              Live
            </span>
            <span>
              {formatDate(props.meeting.date)}
              <Show when={props.meeting.startedAt}> · started {formatTime(props.meeting.startedAt)}</Show>
            </span>
          </p>
          <h2 class="live-title" data-testid="live-title">
            {props.meeting.title || 'Untitled meeting'}
          </h2>
          <p class="live-chair" data-testid="live-chair">
            <Show when={props.meeting.chair} fallback={<>Nobody is chairing.</>}>
              Chair: <strong>{props.meeting.chair}</strong>
              <Show when={isChair()}> (you)</Show>
            </Show>
          </p>
        </div>
        <div class="live-actions no-print">
          <A href={`/w/${id}/meetings/${props.meeting.id}`} class="button small">
            Meeting details
          </A>
          <Show
            when={isChair()}
            fallback={
              <button
                type="button"
                class="button small"
                data-testid="take-chair"
                disabled={myLabel() === null}
                title={myLabel() === null ? 'Say who you are first' : undefined}
                onClick={() => attempt(() => workspace.meetings.setChair(props.meeting.id, myLabel()!))}
              >
                Take the chair
              </button>
            }
          >
            <button type="button" class="button small danger" data-testid="end-meeting" onClick={() => setConfirmEnd(true)}>
              End meeting
            </button>
          </Show>
        </div>
      </header>

      <div class="live-grid">
        <aside class="live-side" aria-label="Agenda and people">
          <section class="live-panel">
            <h3 class="sidebar-title">Agenda</h3>
            <Show
              when={props.meeting.agenda.length > 0}
              fallback={
                <p class="quiet live-empty-agenda">
                  Nothing on the agenda. <A href={`/w/${id}/meetings/${props.meeting.id}`}>Add topics</A> on the meeting's page.
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
              Here now <span class="count">{participants().length || 1}</span>
            </h3>
            <ul class="live-people" data-testid="live-people">
              <For each={participants()} fallback={<li class="quiet">Only you, as far as this browser can tell.</li>}>
                {(person) => (
                  <li class="live-person" data-testid="live-person" data-name={person.name}>
                    <span class="live-person-dot" style={{ 'background-color': person.color }} aria-hidden="true" />
                    <span class="live-person-name">
                      {person.name}
                      <Show when={person.self}>
                        <span class="quiet"> (you)</span>
                      </Show>
                    </span>
                    <Show when={person.organisation}>
                      <span class="live-person-org">{person.organisation}</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <p class="quiet live-attendance">Everyone here is recorded as present in the minutes ({props.meeting.attendees.length} so far).</p>
          </section>
        </aside>

        {/* What the group discusses, said by screen readers when the chair moves on (polite: after
            what is being read, and the focus stays where it is). Only this: the topic below holds
            editable points, which a live region would read out at every keystroke. */}
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="live-announcement">
          {discussing() ? `Now discussing: ${titleOf(discussing()!)}` : ''}
        </p>
        <section class="main-pane live-main" aria-label="Topic">
          <Show when={steppedAway()}>
            <div class="live-away" data-testid="stepped-away">
              <span>
                <Show when={discussing()} fallback={<>The chair has not opened a topic yet.</>}>
                  The group is discussing <strong>{titleOf(discussing()!)}</strong>.
                </Show>
              </span>
              <Show when={discussing()}>
                <button type="button" class="button small primary" data-testid="back-to-discussion" onClick={() => setLookingAt(null)}>
                  Back to the discussion
                </button>
              </Show>
            </div>
          </Show>
          <Show
            when={shown()}
            keyed
            fallback={
              <EmptyState title="No topic is open yet">
                <Show
                  when={isChair()}
                  fallback={<p>The chair will open the first topic. Meanwhile you can look at any topic on the agenda.</p>}
                >
                  <p>You chair this meeting: choose “Discuss now” on a topic of the agenda, and everyone's screen follows.</p>
                  <Show when={props.meeting.agenda[0]}>
                    {(first) => (
                      <p class="empty-action">
                        <button type="button" class="button primary" data-testid="discuss-first" onClick={() => discuss(first())}>
                          Open “{titleOf(first())}”
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
                  <p class={`live-topic-label ${topicId === discussing() ? 'now' : ''}`}>{topicId === discussing() ? 'Now discussing' : 'You are looking at'}</p>
                  <Show when={isChair() && topicId !== discussing()}>
                    <button type="button" class="button small" data-testid="discuss-shown" onClick={() => discuss(topicId)}>
                      Discuss this now
                    </button>
                  </Show>
                </div>
                <h2 class="live-topic-title" data-testid="live-topic-title">
                  {titleOf(topicId)}
                </h2>
                <Show when={topicById().get(topicId)?.deletedAt}>
                  <p class="notice warning">This topic was deleted. Its focus points are still here.</p>
                </Show>
                <p class="quiet live-topic-hint">Points added here are recorded as raised at this meeting.</p>
                <FocusPointList topicId={topicId} meetingId={props.meeting.id} />
              </div>
            )}
          </Show>
          <section class="live-notes" aria-labelledby="live-notes-title">
            <h3 class="section-title" id="live-notes-title">
              Meeting notes
            </h3>
            <MeetingNotes meetingId={props.meeting.id} testId="live-notes" class="meeting-notes live-notes-field" placeholder="Decisions, actions, anything for the minutes" />
          </section>
        </section>
      </div>

      <ConfirmDialog
        open={confirmEnd()}
        title="End the meeting for everyone?"
        confirmLabel="End meeting"
        onCancel={() => setConfirmEnd(false)}
        onConfirm={() => {
          setConfirmEnd(false);
          if (attempt(() => workspace.meetings.end(props.meeting.id))) props.onEnded();
        }}
      >
        <p>Everyone's live screen closes and the minutes are ready to read, download and print. You can resume the meeting later.</p>
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
              <span class="live-now-badge">Now</span>
            </Show>
            {points.length === 1 ? '1 point' : `${points.length} points`}
            <Show when={raised() > 0}> · {raised()} new</Show>
          </span>
        </span>
      </button>
      <Show when={props.chair && !props.now}>
        <button type="button" class="button small live-discuss" data-testid="discuss-now" aria-label={`Discuss now: “${props.title}”`} onClick={() => props.onDiscuss()}>
          Discuss now
        </button>
      </Show>
    </li>
  );
}
