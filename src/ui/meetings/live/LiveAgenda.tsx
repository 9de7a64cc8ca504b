import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Meeting } from '../../../model';
import { createRecordList } from '../../../state/records';
import { formatNumber, t, tn } from '../../../i18n';
import { Fill } from '../../kit/Fill';
import { useWorkspace } from '../../shell/context';

/** The live meeting's side: the agenda (look at a topic, or as chair open it for everyone) and who is here. */
export function LiveAgenda(props: {
  meeting: Meeting;
  titleOf: (topicId: string) => string;
  discussing: string | null;
  shown: string | null;
  isChair: boolean;
  onLook: (topicId: string) => void;
  onDiscuss: (topicId: string) => void;
}) {
  const { id, participants } = useWorkspace();
  return (
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
                title={props.titleOf(topicId)}
                now={props.discussing === topicId}
                shown={props.shown === topicId}
                chair={props.isChair}
                onLook={() => props.onLook(topicId)}
                onDiscuss={() => props.onDiscuss(topicId)}
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
