export { UndoHistory } from './undo';
export { Workspace, LocalAction, SystemAction, mergeUpdates, SCHEMA_VERSION, type WorkspaceMeta, type Compatibility } from './workspace';
export { CoText, spliceBetween, transformPosition, type TextChange, type TextAnchor } from './text';
export type { BaseRecord, ReadResult, CollectionName, RecordMapName } from './collection';
export { type Member, type MemberKind, MEMBER_KINDS } from './member';
export { type Topic } from './topic';
export { type FocusPoint, type FocusPointStatus, FOCUS_POINT_STATUSES } from './focus-point';
export { type Meeting, type MeetingLiveStatus, type Attendee, ISO_DATE, MEETING_LIVE_STATUSES, attendeeKey, parseAttendeeKey, personLabel } from './meeting';
export { meetingMinutes, minutesOf, MINUTES_STATUS_LABELS, type Minutes, type MinutesTopic } from './minutes';
export { recordAttendance, memberForOrganisation } from './attendance';
export { type Practice, type PracticeSection, type PracticeStatus, PRACTICE_SECTIONS, PRACTICE_STATUSES } from './practice';
export { buildWorkingGroup, SAMPLE_WORKING_GROUP, workingGroupSchema, type WorkingGroupData } from './sample';
export { newId, ID_PATTERN } from './ids';
export { compareOrdered, sortOrdered } from './order';
export { type Version, type VersionSnapshot, type VersionSummary, type SnapshotTopic, type SnapshotPoint, summarise, VERSION_NAME_MAX } from './version';
export {
  takeSnapshot,
  saveVersion,
  viewOf,
  readVersion,
  openVersion,
  diffSnapshots,
  changesSince,
  restoreVersion,
  type SnapshotView,
  type ViewTopic,
  type PointChange,
  type TopicChanges,
  type ChangeCounts,
  type VersionChanges,
  type RestoreResult,
} from './versions-diff';
