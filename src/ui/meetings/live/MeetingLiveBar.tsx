import { A, useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import type { Meeting } from '../../../model';
import { t, tn } from '../../../i18n';
import { useWorkspace } from '../../shell/context';
import { attempt } from '../../kit/write-problem';
import { useCanEdit } from '../../kit/can-edit';
import { formatTime, myLabel } from './me';

/** On a meeting's page: start it, join it, or read its minutes. */
export function MeetingLiveBar(props: { meeting: Meeting }) {
  const { workspace, id } = useWorkspace();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const liveHref = () => `/w/${id}/meetings/${props.meeting.id}/live`;
  const start = () => {
    if (attempt(() => workspace.meetings.start(props.meeting.id, myLabel() ?? ''))) navigate(liveHref());
  };
  // View only: a meeting not held yet has nothing to offer here (starting it is a change).
  return (
    <Show when={canEdit() || props.meeting.liveStatus !== 'planned'}>
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
        <Show when={canEdit()}>
          <button type="button" class="button" data-testid="resume-meeting" onClick={start}>
            {t('meetings.bar.resume')}
          </button>
        </Show>
        <A href={`/w/${id}/meetings/${props.meeting.id}/minutes`} class="button primary" data-testid="open-minutes">
          {t('meetings.bar.minutes')}
        </A>
      </Show>
    </div>
    </Show>
  );
}
