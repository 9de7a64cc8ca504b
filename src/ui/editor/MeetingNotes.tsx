import { Show } from 'solid-js';
import { createRecord } from '../../state/records';
import { t } from '../../i18n';
import { useWorkspace } from '../shell/context';
import { createRichText } from './rich-field';
import RichTextEditor from './RichTextEditor';

/** A meeting's notes in the rich-text editor (the meeting screen and the live screen). */
export function MeetingNotes(props: { meetingId: string; testId: string; class?: string; placeholder: string }) {
  const { workspace } = useWorkspace();
  const meeting = createRecord(workspace.meetings, props.meetingId);
  const notes = createRichText(
    () => workspace.meetings.notes(props.meetingId),
    () => meeting(),
    () => workspace.meetings.migrateNotes([props.meetingId]),
  );
  return (
    <Show when={notes()} keyed fallback={<p class={`${props.class ?? ''} rich-readonly`} data-testid={props.testId}>{meeting()?.notes}</p>}>
      {(text) => <RichTextEditor text={text} label={t('meetings.view.notesLabel')} class={props.class} testId={props.testId} placeholder={props.placeholder} target={{ kind: 'meeting', id: props.meetingId, field: 'notes' }} />}
    </Show>
  );
}
