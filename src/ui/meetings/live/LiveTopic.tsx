import { Show } from 'solid-js';
import type { Meeting } from '../../../model';
import { t } from '../../../i18n';
import { EmptyState } from '../../kit/components';
import { Fill } from '../../kit/Fill';
import { FocusPointList } from '../../topics/FocusPointList';
import { MeetingNotes } from '../../editor/MeetingNotes';

/**
 * The live meeting's main pane: the topic the group discusses (or the one this person stepped
 * away to look at), its focus points, and the meeting's notes.
 */
export function LiveTopic(props: {
  meeting: Meeting;
  titleOf: (topicId: string) => string;
  deleted: (topicId: string) => boolean;
  discussing: string | null;
  shown: string | null;
  steppedAway: boolean;
  isChair: boolean;
  onDiscuss: (topicId: string) => void;
  onBack: () => void;
}) {
  return (
    <>
      {/* What the group discusses, said by screen readers when the chair moves on (polite: after
          what is being read, and the focus stays where it is). Only this: the topic below holds
          editable points, which a live region would read out at every keystroke. */}
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="live-announcement">
        {props.discussing ? t('meetings.live.announce', { title: props.titleOf(props.discussing!) }) : ''}
      </p>
      <section class="main-pane live-main" aria-label={t('meetings.live.topicLabel')}>
        <Show when={props.steppedAway}>
          <div class="live-away" data-testid="stepped-away">
            <span>
              <Show when={props.discussing} fallback={<>{t('meetings.live.noTopicOpened')}</>}>
                <Fill text={t('meetings.live.groupDiscussing')} slots={{ topic: <strong>{props.titleOf(props.discussing!)}</strong> }} />
              </Show>
            </span>
            <Show when={props.discussing}>
              <button type="button" class="button small primary" data-testid="back-to-discussion" onClick={() => props.onBack()}>
                {t('meetings.live.backToDiscussion')}
              </button>
            </Show>
          </div>
        </Show>
        <Show
          when={props.shown}
          keyed
          fallback={
            <EmptyState title={t('meetings.live.noTopicTitle')}>
              <Show
                when={props.isChair}
                fallback={<p>{t('meetings.live.waitForChair')}</p>}
              >
                <p>{t('meetings.live.youChair')}</p>
                <Show when={props.meeting.agenda[0]}>
                  {(first) => (
                    <p class="empty-action">
                      <button type="button" class="button primary" data-testid="discuss-first" onClick={() => props.onDiscuss(first())}>
                        {t('meetings.live.openFirst', { title: props.titleOf(first()) })}
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
                <p class={`live-topic-label ${topicId === props.discussing ? 'now' : ''}`}>{topicId === props.discussing ? t('meetings.live.nowDiscussing') : t('meetings.live.lookingAt')}</p>
                <Show when={props.isChair && topicId !== props.discussing}>
                  <button type="button" class="button small" data-testid="discuss-shown" onClick={() => props.onDiscuss(topicId)}>
                    {t('meetings.live.discussThis')}
                  </button>
                </Show>
              </div>
              <h2 class="live-topic-title" data-testid="live-topic-title">
                {props.titleOf(topicId)}
              </h2>
              <Show when={props.deleted(topicId)}>
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
    </>
  );
}
