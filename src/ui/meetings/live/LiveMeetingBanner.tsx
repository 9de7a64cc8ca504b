import { A, useLocation } from '@solidjs/router';
import { createEffect, For, Show } from 'solid-js';
import { t } from '../../../i18n';
import { recordAttendance } from '../../../model';
import { currentProfile } from '../../../state/peers';
import { createRecordList } from '../../../state/records';
import { useWorkspace } from '../../shell/context';
import { useCanEdit } from '../../kit/can-edit';

/**
 * On every workspace screen: a banner while a meeting is live, and the attendance of everyone in
 * the room, recorded by every peer (a person already recorded is not written again) that may
 * write: a view-only copy records nobody, the writers' copies record everyone in the room.
 */
export function LiveMeetingBanner() {
  const { workspace, id, participants } = useWorkspace();
  const location = useLocation();
  const live = createRecordList(workspace.meetings, () => workspace.meetings.live());
  const canEdit = useCanEdit();

  createEffect(() => {
    if (!canEdit()) return;
    const people = participants().map((p) => ({ name: p.name, organisation: p.organisation }));
    // Not shared, or not connected yet: the room is this person alone.
    const me = currentProfile();
    if (me) people.push({ name: me.name, organisation: me.organisation });
    for (const meeting of live) {
      // Read so a partner's change of the set (or a lost write) runs this again.
      void meeting.attendees.length;
      recordAttendance(workspace, meeting.id, people);
    }
  });

  const shown = () => live.filter((meeting) => !location.pathname.startsWith(`/w/${id}/meetings/${meeting.id}/live`));
  return (
    <For each={shown()}>
      {(meeting) => (
        <div class="live-banner no-print" role="status" data-testid="live-banner" data-meeting-id={meeting.id}>
          <span class="live-dot" aria-hidden="true" />
          <span class="live-banner-text">
            {/* The title in bold where the sentence has it: "Meeting in progress: {{ title }}". */}
            {t('live.banner').split(/\{\{\s*title\s*\}\}/).flatMap((part, i) => (i === 0 ? [part] : [<strong>{meeting.title || t('live.untitled')}</strong>, part]))}
            <Show when={meeting.chair}>
              <span class="live-banner-chair"> · {t('live.chairedBy', { chair: meeting.chair ?? '' })}</span>
            </Show>
          </span>
          <A href={`/w/${id}/meetings/${meeting.id}/live`} class="button small primary" data-testid="join-meeting">
            {t('live.join')}
          </A>
        </div>
      )}
    </For>
  );
}
