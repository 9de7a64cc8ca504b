import { FOCUS_POINT_TEXT_MAX } from './focus-point';
import { MEETING_NOTES_MAX, MEETING_TITLE_MAX } from './meeting';
import { MEMBER_NAME_MAX } from './member';
import { PRACTICE_CONTACT_EMAIL_MAX, PRACTICE_CONTACT_NAME_MAX, PRACTICE_PARTNERS_MAX, PRACTICE_SECTION_MAX, PRACTICE_TITLE_MAX } from './practice';
import { TOPIC_TITLE_MAX } from './topic';
import { VERSION_NAME_MAX } from './version';
import { WORKSPACE_DESCRIPTION_MAX, WORKSPACE_NAME_MAX } from './workspace';

/**
 * The longest value (in UTF-16 code units, as `maxLength` counts) each field keeps. The schemas
 * use these, and the UI sets its inputs' limits from here, so the two cannot drift apart.
 */
export const LIMITS = {
  workspaceName: WORKSPACE_NAME_MAX,
  workspaceDescription: WORKSPACE_DESCRIPTION_MAX,
  memberName: MEMBER_NAME_MAX,
  topicTitle: TOPIC_TITLE_MAX,
  focusPointText: FOCUS_POINT_TEXT_MAX,
  meetingTitle: MEETING_TITLE_MAX,
  meetingNotes: MEETING_NOTES_MAX,
  practiceTitle: PRACTICE_TITLE_MAX,
  practiceSection: PRACTICE_SECTION_MAX,
  practicePartners: PRACTICE_PARTNERS_MAX,
  practiceContactName: PRACTICE_CONTACT_NAME_MAX,
  practiceContactEmail: PRACTICE_CONTACT_EMAIL_MAX,
  versionName: VERSION_NAME_MAX,
} as const;
