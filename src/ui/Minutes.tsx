import { A, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { MINUTES_STATUS_LABELS, minutesOf, type MinutesTopic, type Workspace } from '../model';
import { minutesDocument } from '../io/export/document';
import { toMarkdown } from '../io/export/markdown';
import { DOCX_TYPE, MARKDOWN_TYPE, saveFile } from './download';
import { reportProblem } from './write-problem';
import { EmptyState, formatDate } from './components';
import { useWorkspace } from './context';
import { formatTime } from './LiveMeeting';
import './meeting.css';

export function MinutesPage() {
  const params = useParams<{ meetingId: string }>();
  return (
    <Show when={params.meetingId} keyed>
      {(meetingId) => <MeetingMinutes meetingId={meetingId} />}
    </Show>
  );
}

/** A counter that moves on every change of anything the minutes read. */
function createWorkspaceVersion(workspace: Workspace) {
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  for (const source of [workspace.meetings, workspace.topics, workspace.focusPoints, workspace.members]) onCleanup(source.observe(bump));
  onCleanup(workspace.observeMeta(bump));
  return version;
}

function MeetingMinutes(props: { meetingId: string }) {
  const { workspace, id } = useWorkspace();
  const version = createWorkspaceVersion(workspace);
  const minutes = createMemo(() => {
    version();
    return minutesOf(workspace, props.meetingId);
  });
  const meetingHref = `/w/${id}/meetings/${props.meetingId}`;

  const exported = () => minutesDocument(workspace, props.meetingId, { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  const download = () => {
    const current = exported();
    if (current) saveFile(`${current.fileName}.md`, toMarkdown(current.doc), MARKDOWN_TYPE);
  };
  const [preparingDocx, setPreparingDocx] = createSignal(false);
  const downloadDocx = async () => {
    const current = exported();
    if (!current || preparingDocx()) return;
    setPreparingDocx(true);
    try {
      // Loaded only now: the docx library is in neither the initial bundle nor this screen's.
      const { toDocx } = await import('../io/export/docx');
      saveFile(`${current.fileName}.docx`, await toDocx(current), DOCX_TYPE);
    } catch (error) {
      reportProblem(new Error(`Preparing the .docx did not work: ${error instanceof Error ? error.message : String(error)}`));
    } finally {
      setPreparingDocx(false);
    }
  };

  return (
    <Show
      when={minutes()}
      fallback={
        <EmptyState title="This meeting does not exist">
          <p>It may have been removed by a partner. <A href={`/w/${id}/meetings`}>See all meetings</A>.</p>
        </EmptyState>
      }
    >
      {(m) => (
        <div class="minutes-page">
          <div class="minutes-toolbar no-print" data-testid="minutes-toolbar">
            <A href={meetingHref} class="button minutes-back">
              ← Meeting
            </A>
            <div class="minutes-toolbar-end">
              <button type="button" class="button" data-testid="download-minutes" onClick={download}>
                Download as Markdown
              </button>
              <button type="button" class="button" data-testid="download-minutes-docx" disabled={preparingDocx()} onClick={() => void downloadDocx()}>
                {preparingDocx() ? 'Preparing .docx…' : 'Download .docx'}
              </button>
              <button type="button" class="button primary" data-testid="print-minutes" onClick={() => window.print()}>
                Print
              </button>
            </div>
          </div>

          <article class="minutes" data-testid="minutes" data-live-status={m().liveStatus}>
            <header class="minutes-header">
              <p class="minutes-kicker">Minutes · {m().workspaceName}</p>
              <h1 class="minutes-title" data-testid="minutes-title">
                {m().title}
              </h1>
              <dl class="minutes-facts">
                <div>
                  <dt>Date</dt>
                  <dd data-testid="minutes-date">
                    <time datetime={m().date}>{formatDate(m().date)}</time>
                  </dd>
                </div>
                <Show when={m().startedAt}>
                  <div>
                    <dt>Time</dt>
                    <dd>
                      {formatTime(m().startedAt)}
                      <Show when={m().liveStatus === 'ended' && m().endedAt}>–{formatTime(m().endedAt)}</Show>
                    </dd>
                  </div>
                </Show>
                <Show when={m().chair}>
                  <div>
                    <dt>Chair</dt>
                    <dd data-testid="minutes-chair">{m().chair}</dd>
                  </div>
                </Show>
              </dl>
            </header>

            <Show when={m().liveStatus !== 'ended'}>
              <p class="notice warning minutes-draft" data-testid="minutes-draft">
                {m().liveStatus === 'live' ? 'The meeting is still in progress' : 'The meeting has not been held yet'}: these minutes are a draft.
              </p>
            </Show>

            <section class="minutes-section" aria-labelledby="minutes-attendees">
              <h2 id="minutes-attendees">
                Attendees <span class="count">{m().attendees.length}</span>
              </h2>
              <Show when={m().attendees.length > 0} fallback={<p class="quiet">No one was recorded as present.</p>}>
                <ul class="minutes-attendees">
                  <For each={m().attendees}>{(attendee) => <li data-testid="minutes-attendee">{attendee}</li>}</For>
                </ul>
              </Show>
              <Show when={m().members.length > 0}>
                <p class="minutes-members">
                  <span class="minutes-label">Members taking part:</span> {m().members.map((x) => (x.country ? `${x.name} (${x.country})` : x.name)).join(', ')}
                </p>
              </Show>
            </section>

            <section class="minutes-section" aria-labelledby="minutes-agenda">
              <h2 id="minutes-agenda">Agenda</h2>
              <Show when={m().agenda.length > 0} fallback={<p class="quiet">Nothing was on the agenda.</p>}>
                <ol class="minutes-agenda">
                  <For each={m().agenda}>
                    {(topic) => (
                      <li>
                        {topic.title}
                        <Show when={topic.deleted}>
                          <span class="quiet"> (deleted topic)</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </section>

            <For each={m().agenda}>{(topic, i) => <MinutesTopicSection topic={topic} heading={`${i() + 1}. ${topic.title}`} />}</For>

            <Show when={m().otherTopics.length > 0}>
              <section class="minutes-section" aria-labelledby="minutes-other">
                <h2 id="minutes-other">Other points raised</h2>
                <For each={m().otherTopics}>{(topic) => <MinutesTopicSection topic={topic} heading={topic.title} minor />}</For>
              </section>
            </Show>

            <section class="minutes-section" aria-labelledby="minutes-notes">
              <h2 id="minutes-notes">Notes</h2>
              <Show when={m().notes} fallback={<p class="quiet">No notes were taken.</p>}>
                <p class="minutes-notes" data-testid="minutes-notes">
                  {m().notes}
                </p>
              </Show>
            </section>
          </article>
        </div>
      )}
    </Show>
  );
}

function MinutesTopicSection(props: { topic: MinutesTopic; heading: string; minor?: boolean }) {
  const summary = () => {
    const n = props.topic.points.length;
    if (n === 0) return 'No focus points were raised.';
    return `${n === 1 ? 'One focus point' : `${n} focus points`} raised, ${props.topic.agreed === 0 ? 'none' : props.topic.agreed} agreed.`;
  };
  return (
    <section class="minutes-section minutes-topic" classList={{ minor: props.minor }} data-testid="minutes-topic" data-topic-id={props.topic.topicId}>
      <Show when={props.minor} fallback={<h2>{props.heading}</h2>}>
        <h3>{props.heading}</h3>
      </Show>
      <p class="minutes-summary quiet">{summary()}</p>
      <Show when={props.topic.points.length > 0}>
        <ul class="minutes-points">
          <For each={props.topic.points}>
            {(point) => (
              <li class={`minutes-point status-${point.status}`} data-testid="minutes-point" data-status={point.status}>
                <span class={`status-badge status-${point.status}`}>{MINUTES_STATUS_LABELS[point.status]}</span>
                <span class="minutes-point-text">{point.text || 'Empty point'}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
