import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import type { Meeting } from '../../../model';
import { createRecord, createRecordList } from '../../../state/records';
import { t } from '../../../i18n';
import { ConfirmDialog, EmptyState } from '../../kit/components';
import { Fill } from '../../kit/Fill';
import { useWorkspace } from '../../shell/context';
import { attempt } from '../../kit/write-problem';
import { useCanEdit } from '../../kit/can-edit';
import { LiveAgenda } from './LiveAgenda';
import { LiveHeader } from './LiveHeader';
import { LiveTopic } from './LiveTopic';
import { myLabel } from './me';
import '../meeting.css';

// The live meeting screen: the page and its states (not started, live, ended), and the live
// screen's state (who chairs, what is discussed, what this person looks at), drawn by its parts:
// LiveHeader, LiveAgenda (the side), LiveTopic (the main pane). MeetingLiveBar, on the meeting's
// page, is the way in.

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
  const canEdit = useCanEdit();
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
                    <Show when={canEdit()}>
                    <button
                      type="button"
                      class="button primary"
                      data-testid="start-meeting"
                      onClick={() => attempt(() => workspace.meetings.start(props.meetingId, myLabel() ?? ''))}
                    >
                      {t('meetings.bar.start')}
                    </button>
                    </Show>
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
  const { workspace } = useWorkspace();
  const topics = createRecordList(workspace.topics, () => workspace.topics.list({ deleted: 'include' }));
  const topicById = createMemo(() => new Map(topics.map((topic) => [topic.id, topic])));
  const titleOf = (topicId: string) => {
    const topic = topicById().get(topicId);
    return topic ? topic.title || t('meetings.agenda.untitledTopic') : t('meetings.agenda.unknownTopic');
  };
  const canEdit = useCanEdit();
  // View only: never the chair (nobody else could take the chair from a copy that cannot write).
  const isChair = () => {
    if (!canEdit()) return false;
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
      <LiveHeader meeting={props.meeting} isChair={isChair()} onEnd={() => setConfirmEnd(true)} />

      <div class="live-grid">
        <LiveAgenda
          meeting={props.meeting}
          titleOf={titleOf}
          discussing={discussing()}
          shown={shown()}
          isChair={isChair()}
          onLook={look}
          onDiscuss={discuss}
        />

        <LiveTopic
          meeting={props.meeting}
          titleOf={titleOf}
          deleted={(topicId) => Boolean(topicById().get(topicId)?.deletedAt)}
          discussing={discussing()}
          shown={shown()}
          steppedAway={steppedAway()}
          isChair={isChair()}
          onDiscuss={discuss}
          onBack={() => setLookingAt(null)}
        />
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
