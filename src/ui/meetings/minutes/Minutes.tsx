import { A, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import type { MinutesTopic, Workspace } from '../../../model';
import { minutesOf } from '../../../model/minutes';
import { formatDate, t, tn } from '../../../i18n';
import { minutesDocument } from '../../../io/export/document';
import { createDownloads, exportWords } from '../../kit/download';
import { reportProblem } from '../../kit/write-problem';
import { EmptyState } from '../../kit/components';
import { useWorkspace } from '../../shell/context';
import { Fill } from '../../kit/Fill';
import { formatTime } from '../live/me';
import '../meeting.css';

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

  const exported = () => minutesDocument(workspace, props.meetingId, { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, words: exportWords() });
  const { downloadMarkdown: download, downloadDocx, preparingDocx } = createDownloads(exported, (reason) =>
    reportProblem(new Error(t('meetings.minutes.docxFailed', { reason }))),
  );

  return (
    <Show
      when={minutes()}
      fallback={
        <EmptyState title={t('meetings.view.missingTitle')}>
          <p>
            <Fill text={t('meetings.live.missingBody')} slots={{ link: <A href={`/w/${id}/meetings`}>{t('meetings.live.seeAll')}</A> }} />
          </p>
        </EmptyState>
      }
    >
      {(m) => (
        <div class="minutes-page">
          <div class="minutes-toolbar no-print" data-testid="minutes-toolbar">
            <A href={meetingHref} class="button minutes-back">
              {t('meetings.minutes.back')}
            </A>
            <div class="minutes-toolbar-end">
              <button type="button" class="button" data-testid="download-minutes" onClick={download}>
                {t('meetings.minutes.downloadMarkdown')}
              </button>
              <button type="button" class="button" data-testid="download-minutes-docx" disabled={preparingDocx()} onClick={() => void downloadDocx()}>
                {preparingDocx() ? t('meetings.minutes.preparingDocx') : t('meetings.minutes.downloadDocx')}
              </button>
              <button type="button" class="button primary" data-testid="print-minutes" onClick={() => window.print()}>
                {t('meetings.minutes.print')}
              </button>
            </div>
          </div>

          <article class="minutes" data-testid="minutes" data-live-status={m().liveStatus}>
            <header class="minutes-header">
              <p class="minutes-kicker">{t('meetings.minutes.kicker', { workspace: m().workspaceName })}</p>
              <h1 class="minutes-title" data-testid="minutes-title">
                {m().title}
              </h1>
              <dl class="minutes-facts">
                <div>
                  <dt>{t('meetings.minutes.date')}</dt>
                  <dd data-testid="minutes-date">
                    <time datetime={m().date}>{formatDate(m().date) || m().date}</time>
                  </dd>
                </div>
                <Show when={m().startedAt}>
                  <div>
                    <dt>{t('meetings.minutes.time')}</dt>
                    <dd>
                      {formatTime(m().startedAt)}
                      <Show when={m().liveStatus === 'ended' && m().endedAt}>–{formatTime(m().endedAt)}</Show>
                    </dd>
                  </div>
                </Show>
                <Show when={m().chair}>
                  <div>
                    <dt>{t('meetings.minutes.chair')}</dt>
                    <dd data-testid="minutes-chair">{m().chair}</dd>
                  </div>
                </Show>
              </dl>
            </header>

            <Show when={m().liveStatus !== 'ended'}>
              <p class="notice warning minutes-draft" data-testid="minutes-draft">
                {m().liveStatus === 'live' ? t('meetings.minutes.draftLive') : t('meetings.minutes.draftPlanned')}
              </p>
            </Show>

            <section class="minutes-section" aria-labelledby="minutes-attendees">
              <h2 id="minutes-attendees">
                {t('meetings.minutes.attendees')} <span class="count">{m().attendees.length}</span>
              </h2>
              <Show when={m().attendees.length > 0} fallback={<p class="quiet">{t('meetings.minutes.noAttendees')}</p>}>
                <ul class="minutes-attendees">
                  <For each={m().attendees}>{(attendee) => <li data-testid="minutes-attendee">{attendee}</li>}</For>
                </ul>
              </Show>
              <Show when={m().members.length > 0}>
                <p class="minutes-members">
                  <span class="minutes-label">{t('meetings.minutes.membersTakingPart')}</span> {m().members.map((x) => (x.country ? `${x.name} (${x.country})` : x.name)).join(', ')}
                </p>
              </Show>
            </section>

            <section class="minutes-section" aria-labelledby="minutes-agenda">
              <h2 id="minutes-agenda">{t('meetings.minutes.agenda')}</h2>
              <Show when={m().agenda.length > 0} fallback={<p class="quiet">{t('meetings.minutes.nothingOnAgenda')}</p>}>
                <ol class="minutes-agenda">
                  <For each={m().agenda}>
                    {(topic) => (
                      <li>
                        {topic.title}
                        <Show when={topic.deleted}>
                          <span class="quiet"> {t('meetings.minutes.deletedTopic')}</span>
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
                <h2 id="minutes-other">{t('meetings.minutes.otherPoints')}</h2>
                <For each={m().otherTopics}>{(topic) => <MinutesTopicSection topic={topic} heading={topic.title} minor />}</For>
              </section>
            </Show>

            <section class="minutes-section" aria-labelledby="minutes-notes">
              <h2 id="minutes-notes">{t('meetings.minutes.notes')}</h2>
              <Show when={m().notes} fallback={<p class="quiet">{t('meetings.minutes.noNotes')}</p>}>
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
    if (n === 0) return t('meetings.minutes.noPoints');
    return t('meetings.minutes.summary', { raised: tn('meetings.minutes.raisedCount', n), agreed: tn('meetings.minutes.agreedCount', props.topic.agreed) });
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
                <span class={`status-badge status-${point.status}`}>{t(`common.status.${point.status}`)}</span>
                <span class="minutes-point-text">{point.text || t('meetings.minutes.emptyPoint')}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
