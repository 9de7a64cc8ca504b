import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { Meeting } from '../../../model';
import { formatDate, t } from '../../../i18n';
import { Fill } from '../../kit/Fill';
import { useWorkspace } from '../../shell/context';
import { attempt } from '../../kit/write-problem';
import { useCanEdit } from '../../kit/can-edit';
import { formatTime, myLabel } from './me';

/** The live meeting's head: its date and start, title and chair; take the chair, or end the meeting. */
export function LiveHeader(props: { meeting: Meeting; isChair: boolean; onEnd: () => void }) {
  const { workspace, id } = useWorkspace();
  const canEdit = useCanEdit();
  return (
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
          <Show when={props.isChair}> {t('meetings.live.you')}</Show>
        </Show>
      </p>
    </div>
    <div class="live-actions no-print">
      <A href={`/w/${id}/meetings/${props.meeting.id}`} class="button small">
        {t('meetings.live.details')}
      </A>
      <Show
        when={props.isChair}
        fallback={
          <Show when={canEdit()}>
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
          </Show>
        }
      >
        <button type="button" class="button small danger" data-testid="end-meeting" onClick={() => props.onEnd()}>
          {t('meetings.live.end')}
        </button>
      </Show>
    </div>
  </header>
  );
}
