export { UndoHistory } from './undo';
export { SealedLog, SEALED_LOG_ORIGIN, coveredStateVector, readUpdate, deletedRanges, unionDeletions, missingDeletions, commonDeletions, encodeDeletions, type UpdateSpan, type DeleteRanges, type UpdateContents } from './sealed-log';
export { LIMITS } from './limits';
export {
  Workspace,
  LocalAction,
  SystemAction,
  WorkspaceNotReceived,
  mergeUpdates,
  SCHEMA_VERSION,
  WORKSPACE_NAME_MAX,
  WORKSPACE_DESCRIPTION_MAX,
  type WorkspaceMeta,
  type WorkspaceOptions,
  type Compatibility,
} from './workspace';
export { CoText, spliceBetween, transformPosition, type TextChange, type TextAnchor } from './text';
export {
  CoRichText,
  RICH_NODE_NAMES,
  RICH_MARK_NAMES,
  richNodeText,
  plainTextDoc,
  safeHref,
  migrationClientId,
  type RichNode,
  type RichMark,
  type RichMarkName,
  type RichBlockType,
  type RichListKind,
} from './rich-text';
export { InvalidValue, anyFieldChanged, changedOtherThan, type BaseRecord, type ChangedFields, type ReadResult, type CollectionName, type RecordMapName } from './collection';
export { type Member, type MemberKind, MEMBER_KINDS, MEMBER_NAME_MAX } from './member';
export { COUNTRY_CODES, isCountryCode, type CountryCode } from './countries';
export { type Topic } from './topic';
export { type FocusPoint, type FocusPointStatus, type Place, FOCUS_POINT_STATUSES, FOCUS_POINT_TEXT_MAX } from './focus-point';
export { type Meeting, type MeetingLiveStatus, type Attendee, ISO_DATE, MEETING_LIVE_STATUSES, attendeeKey, parseAttendeeKey, personLabel } from './meeting';
// A meeting's minutes are imported from './minutes' itself: only the minutes screen and the
// exports use them, so they load with those and stay out of the initial bundle.
export type { Minutes, MinutesTopic } from './minutes';
export { recordAttendance, memberForOrganisation } from './attendance';
export {
  type Practice,
  type PracticeSection,
  type PracticeStatus,
  type PracticeHeaderText,
  PRACTICE_SECTIONS,
  PRACTICE_STATUSES,
  PRACTICE_HEADER_TEXTS,
  PRACTICE_MONTH,
  isEmailAddress,
} from './practice';
export { newId, ID_PATTERN } from './ids';
export { compareOrdered, sortOrdered } from './order';
export { type Version, type VersionSnapshot, type VersionSummary, type SnapshotTopic, type SnapshotPoint, type SnapshotPractice, summarise, VERSION_NAME_MAX } from './version';
// The sample working group (buildWorkingGroup, its data) is imported from './sample' itself: it
// loads when a person asks for it.
// Named versions' values (take, open, compare, restore) are imported from './versions-diff' itself:
// only the Versions screen uses them, so they load with it and stay out of the initial bundle.
export type {
  PracticeChanges,
  PracticeHeaderField,
  SectionChange,
  SnapshotView,
  ViewTopic,
  PointChange,
  TopicChanges,
  ChangeCounts,
  VersionChanges,
  RestoreResult,
} from './versions-diff';
