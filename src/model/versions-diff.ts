import type { Collection, BaseRecord } from './collection';
import type { FocusPointStatus } from './focus-point';
import { compareOrdered, isValidOrderKey, sortOrdered } from './order';
import { PRACTICE_SECTIONS, type PracticeSection } from './practice';
import { richNodeText } from './rich-text';
import type { SnapshotPoint, SnapshotPractice, SnapshotTopic, Version, VersionSnapshot } from './version';
import type { Workspace } from './workspace';

/**
 * Named versions, beyond the record itself (version.ts): taking a snapshot, showing one read-only,
 * what changed since, and restoring one as new changes. Pure functions over the Workspace API.
 */

/** The live topics, focus points and practice sheets of `workspace`, as a version keeps them. */
export function takeSnapshot(workspace: Workspace): VersionSnapshot {
  const topics = workspace.topics.list().map(({ id, order, title }) => ({ id, order, title }));
  // Grouped by topic in the topics' order, for a person or program reading the stored value.
  const rank = new Map(topics.map((topic, i) => [topic.id, i]));
  const points = workspace.focusPoints.list().map(({ id, topicId, order, text, status, owners, meetingId }) => ({ id, topicId, order, text, status, owners, meetingId }));
  const rankOf = (point: SnapshotPoint) => rank.get(point.topicId) ?? topics.length;
  return { topics, focusPoints: points.sort((a, b) => rankOf(a) - rankOf(b) || compareOrdered(a, b)), practices: snapshotPractices(workspace) };
}

function snapshotPractices(workspace: Workspace): SnapshotPractice[] {
  return workspace.practices.list().map((p) => ({
    id: p.id,
    order: p.order,
    title: p.title,
    memberId: p.memberId,
    topics: p.topics,
    status: p.status,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    partners: p.partners,
    contactName: p.contactName,
    contactEmail: p.contactEmail,
    sections: Object.fromEntries(PRACTICE_SECTIONS.map((section) => [section, workspace.practices.sectionDoc(p.id, section)])) as SnapshotPractice['sections'],
  }));
}

/** Save the workspace as it is now as a version called `name`; returns its id. */
export function saveVersion(workspace: Workspace, name: string, createdBy: string): string {
  return workspace.versions.save(name, createdBy, takeSnapshot(workspace));
}

// ---------------------------------------------------------------- reading a version

export interface ViewTopic extends SnapshotTopic {
  points: SnapshotPoint[];
}

/** A snapshot as people see it: topics in order, each with its points in order. */
export interface SnapshotView {
  topics: ViewTopic[];
}

/**
 * What a topic list would show for `snapshot`. Points of a topic that is not in it (deleted at the
 * time) are kept in the snapshot, for a restore, but not shown, as the topic list does not.
 */
export function viewOf(snapshot: VersionSnapshot): SnapshotView {
  const byTopic = new Map<string, SnapshotPoint[]>();
  for (const point of snapshot.focusPoints) {
    let points = byTopic.get(point.topicId);
    if (!points) byTopic.set(point.topicId, (points = []));
    points.push(point);
  }
  return { topics: sortOrdered(snapshot.topics).map((topic) => ({ ...topic, points: sortOrdered(byTopic.get(topic.id) ?? []) })) };
}

/**
 * Why a version cannot be opened, for the screen to say in the person's language (`problem` is
 * the English, for logs and tests; `detail`, with `unreadable`, is the collection's own words).
 */
export type VersionProblem = 'missing' | 'unreadable' | 'no-snapshot';
export type VersionFailure = { ok: false; problem: string; code: VersionProblem; detail?: string };
export type VersionResult<T> = ({ ok: true; version: Version } & T) | VersionFailure;

/** A version that can be opened: it exists and its snapshot is readable. Never throws. */
export function readVersion(workspace: Workspace, versionId: string): VersionResult<{ snapshot: VersionSnapshot }> {
  const result = workspace.versions.read(versionId);
  if (!result) return { ok: false, code: 'missing', problem: 'There is no such version in this workspace.' };
  if (!result.ok) return { ok: false, code: 'unreadable', detail: result.problem, problem: `This version cannot be read: it is ${result.problem}.` };
  const snapshot = result.record.snapshot;
  if (!snapshot) return { ok: false, code: 'no-snapshot', problem: 'The saved topics and focus points of this version cannot be read (perhaps written by another program or a newer version), so it cannot be opened or restored.' };
  return { ok: true, version: result.record, snapshot };
}

/** A version's topics and focus points, to show read-only. */
export function openVersion(workspace: Workspace, versionId: string): VersionResult<{ view: SnapshotView }> {
  const read = readVersion(workspace, versionId);
  return read.ok ? { ok: true, version: read.version, view: viewOf(read.snapshot) } : read;
}

// ---------------------------------------------------------------- what changed

/** One focus point that differs between a version and now. */
export interface PointChange {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  /** Now; for a removed point, as it was in the version. */
  text: string;
  status: FocusPointStatus;
  owners: string[];
  /** The text in the version, when it was edited since. */
  textBefore?: string;
  /** The status in the version, when it changed since. */
  statusBefore?: FocusPointStatus;
  /** The owners in the version, when they changed since. */
  ownersBefore?: string[];
  /** The topic it was under in the version, when it was moved to another topic. */
  movedFrom?: { topicId: string; title: string };
  /** Moved up or down among its topic's points: its place (1 = first) then and now. */
  reordered?: { from: number; to: number };
}

export interface TopicChanges {
  id: string;
  /** Now; for a removed topic, as it was in the version. */
  title: string;
  /** The topic itself was added or removed since; null when it is in both. */
  change: 'added' | 'removed' | null;
  /** The title in the version, when it was renamed since. */
  titleBefore?: string;
  /** Moved up or down among the topics: its place (1 = first) then and now. */
  reordered?: { from: number; to: number };
  /** Its focus points that differ, in the order they are shown now (removed ones where they were). */
  points: PointChange[];
}

export interface ChangeCounts {
  added: number;
  removed: number;
  edited: number;
  status: number;
  owners: number;
  moved: number;
  /** Topics added, removed, renamed or moved. */
  topics: number;
}

export interface VersionChanges {
  /** Only topics with a change, current ones in their order, then removed ones. */
  topics: TopicChanges[];
  counts: ChangeCounts;
}

/**
 * What changed in the topics and focus points people see, from `before` to `after`. A point
 * counts as shown when it and its topic are live; so deleting a topic removes its points.
 */
export function diffSnapshots(before: VersionSnapshot, after: VersionSnapshot): VersionChanges {
  const was = viewOf(before);
  const now = viewOf(after);
  const wasTopics = new Map(was.topics.map((topic) => [topic.id, topic]));
  const nowTopics = new Map(now.topics.map((topic) => [topic.id, topic]));
  const wasPoints = new Map(was.topics.flatMap((topic) => topic.points.map((point) => [point.id, point] as const)));
  const nowPoints = new Map(now.topics.flatMap((topic) => topic.points.map((point) => [point.id, point] as const)));
  const counts: ChangeCounts = { added: 0, removed: 0, edited: 0, status: 0, owners: 0, moved: 0, topics: 0 };
  const movedTopics = outOfOrder(was.topics, now.topics);
  const topics: TopicChanges[] = [];

  for (const topic of now.topics) {
    const old = wasTopics.get(topic.id);
    const moved = old ? outOfOrder(old.points, topic.points) : new Set<string>();
    const changes = new Map<string, PointChange>();
    for (const point of topic.points) {
      const previous = wasPoints.get(point.id);
      const change: PointChange = { id: point.id, kind: previous ? 'changed' : 'added', text: point.text, status: point.status, owners: point.owners };
      if (previous) {
        if (previous.text !== point.text) change.textBefore = previous.text;
        if (previous.status !== point.status) change.statusBefore = previous.status;
        if (!sameIds(previous.owners, point.owners)) change.ownersBefore = previous.owners;
        if (previous.topicId !== point.topicId) change.movedFrom = { topicId: previous.topicId, title: wasTopics.get(previous.topicId)?.title ?? '' };
        if (moved.has(point.id)) change.reordered = { from: old!.points.indexOf(previous) + 1, to: topic.points.indexOf(point) + 1 };
        const changed = change.textBefore !== undefined || change.statusBefore !== undefined || change.ownersBefore !== undefined || change.movedFrom || change.reordered;
        if (!changed) continue;
      }
      changes.set(point.id, change);
    }
    const removed = old ? old.points.filter((point) => !nowPoints.has(point.id)) : [];
    const entry: TopicChanges = { id: topic.id, title: topic.title, change: old ? null : 'added', points: placeRemoved(old?.points ?? [], topic.points, changes, removed) };
    if (old && old.title !== topic.title) entry.titleBefore = old.title;
    if (movedTopics.has(topic.id)) entry.reordered = { from: was.topics.indexOf(old!) + 1, to: now.topics.indexOf(topic) + 1 };
    if (entry.change || entry.titleBefore !== undefined || entry.reordered || entry.points.length > 0) topics.push(entry);
  }
  for (const topic of was.topics) {
    if (nowTopics.has(topic.id)) continue;
    const removed = topic.points.filter((point) => !nowPoints.has(point.id));
    topics.push({ id: topic.id, title: topic.title, change: 'removed', points: removed.map(removedChange) });
  }

  for (const topic of topics) {
    if (topic.change || topic.titleBefore !== undefined || topic.reordered) counts.topics++;
    for (const point of topic.points) {
      if (point.kind === 'added') counts.added++;
      else if (point.kind === 'removed') counts.removed++;
      if (point.textBefore !== undefined) counts.edited++;
      if (point.statusBefore !== undefined) counts.status++;
      if (point.ownersBefore !== undefined) counts.owners++;
      if (point.movedFrom || point.reordered) counts.moved++;
    }
  }
  return { topics, counts };
}

// ---------------------------------------------------------------- practice sheets

/** The header fields of a sheet the changes name, in the order a sheet shows them. */
export const PRACTICE_HEADER_FIELDS = ['title', 'memberId', 'periodStart', 'periodEnd', 'partners', 'contactName', 'contactEmail', 'topics', 'status'] as const;
export type PracticeHeaderField = (typeof PRACTICE_HEADER_FIELDS)[number];

export interface SectionChange {
  section: PracticeSection;
  /** The section's text then and now (one line per paragraph, heading or list item). */
  before: string;
  after: string;
  /** The text is the same: only its formatting (bold, a heading, a list) changed. */
  formattingOnly: boolean;
}

export interface PracticeChanges {
  id: string;
  /** Now; for a removed sheet, as it was in the version. */
  title: string;
  kind: 'added' | 'removed' | 'changed';
  /** Header fields that differ, with their values then and now (ids for member and topics). */
  fields: { field: PracticeHeaderField; before: string | string[] | null; after: string | string[] | null }[];
  /** Sections that differ, in the sheet's order; for an added or removed sheet, those written. */
  sections: SectionChange[];
}

/**
 * What changed in the practice sheets from `before` to `after`, sheet by sheet and section by
 * section; null when `before` was saved before versions kept sheets (nothing to compare with).
 */
export function diffPractices(before: VersionSnapshot, after: VersionSnapshot): PracticeChanges[] | null {
  if (!before.practices) return null;
  const was = new Map(before.practices.map((p) => [p.id, p]));
  const now = new Map((after.practices ?? []).map((p) => [p.id, p]));
  const changes: PracticeChanges[] = [];
  for (const sheet of sortOrdered(after.practices ?? [])) {
    const old = was.get(sheet.id);
    const fields = old ? PRACTICE_HEADER_FIELDS.filter((field) => !sameValue(old[field], sheet[field])).map((field) => ({ field, before: old[field], after: sheet[field] })) : [];
    const sections = PRACTICE_SECTIONS.map((section) => sectionChange(section, old?.sections[section], sheet.sections[section])).filter((c): c is SectionChange => c !== null);
    if (!old || fields.length > 0 || sections.length > 0) changes.push({ id: sheet.id, title: sheet.title, kind: old ? 'changed' : 'added', fields, sections });
  }
  for (const sheet of sortOrdered(before.practices)) {
    if (now.has(sheet.id)) continue;
    const sections = PRACTICE_SECTIONS.map((section) => sectionChange(section, sheet.sections[section], undefined)).filter((c): c is SectionChange => c !== null);
    changes.push({ id: sheet.id, title: sheet.title, kind: 'removed', fields: [], sections });
  }
  return changes;
}

/** What changed in the practice sheets since the version was saved (null: it has none to compare with). */
export function practiceChangesSince(workspace: Workspace, versionId: string): VersionResult<{ practices: PracticeChanges[] | null }> {
  const read = readVersion(workspace, versionId);
  return read.ok ? { ok: true, version: read.version, practices: diffPractices(read.snapshot, takeSnapshot(workspace)) } : read;
}

function sectionChange(section: PracticeSection, before: SnapshotPractice['sections'][PracticeSection] | undefined, after: SnapshotPractice['sections'][PracticeSection] | undefined): SectionChange | null {
  const textBefore = before ? richNodeText(before).trim() : '';
  const textAfter = after ? richNodeText(after).trim() : '';
  if (textBefore !== textAfter) return { section, before: textBefore, after: textAfter, formattingOnly: false };
  if (before && after && textBefore && JSON.stringify(before) !== JSON.stringify(after)) return { section, before: textBefore, after: textAfter, formattingOnly: true };
  return null;
}

function sameValue(a: string | string[] | null, b: string | string[] | null): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return sameIds(a, b);
  return a === b;
}

/** What changed in the workspace since the version was saved. */
export function changesSince(workspace: Workspace, versionId: string): VersionResult<{ changes: VersionChanges }> {
  const read = readVersion(workspace, versionId);
  return read.ok ? { ok: true, version: read.version, changes: diffSnapshots(read.snapshot, takeSnapshot(workspace)) } : read;
}

function removedChange(point: SnapshotPoint): PointChange {
  return { id: point.id, kind: 'removed', text: point.text, status: point.status, owners: point.owners };
}

/** The changes of a topic in the order shown now, each removed point after the one it followed in the version. */
function placeRemoved(wasOrder: SnapshotPoint[], nowOrder: SnapshotPoint[], changes: Map<string, PointChange>, removed: SnapshotPoint[]): PointChange[] {
  const shownNow = new Set(nowOrder.map((point) => point.id));
  const removedIds = new Set(removed.map((point) => point.id));
  const after = new Map<string | null, PointChange[]>();
  let anchor: string | null = null;
  for (const point of wasOrder) {
    if (shownNow.has(point.id)) anchor = point.id;
    else if (removedIds.has(point.id)) {
      let list = after.get(anchor);
      if (!list) after.set(anchor, (list = []));
      list.push(removedChange(point));
    }
  }
  const result: PointChange[] = [...(after.get(null) ?? [])];
  for (const point of nowOrder) {
    const change = changes.get(point.id);
    if (change) result.push(change);
    result.push(...(after.get(point.id) ?? []));
  }
  return result;
}

/**
 * The items present in both lists whose relative order changed: everything outside a longest
 * common subsequence (one longest increasing run of their old positions, O(n log n)).
 */
function outOfOrder(was: readonly { id: string }[], now: readonly { id: string }[]): Set<string> {
  const position = new Map(was.map((item, i) => [item.id, i]));
  const common = now.filter((item) => position.has(item.id));
  const positions = common.map((item) => position.get(item.id)!);
  // Patience sorting: tails[k] is the index (in `common`) ending the best run of length k + 1.
  const tails: number[] = [];
  const previous: number[] = new Array<number>(common.length).fill(-1);
  positions.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (positions[tails[mid]!]! < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const kept = new Set<string>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.add(common[i]!.id);
  return new Set(common.filter((item) => !kept.has(item.id)).map((item) => item.id));
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

// ---------------------------------------------------------------- restoring

export interface RestoreResult {
  ok: true;
  version: Version;
  /**
   * Records of the version that could not be written back: their entry in the document is not a
   * record, or they have not reached this copy of the workspace yet.
   */
  skipped: { collection: 'topics' | 'focusPoints'; id: string; reason: 'not-a-record' | 'missing' }[];
}

/**
 * Make the workspace's topics and focus points what they were in the version, as new changes:
 * one transaction named `versions.restore`, made of the model's own writes, so partners receive
 * ordinary updates and undo takes it back in one step. Records added since are soft-deleted
 * (restorable), records deleted since are restored, texts are set back by their smallest splice
 * (a partner's concurrent typing elsewhere survives), statuses, owners, meetings and order keys
 * are set back. Nothing else (members, meetings, practice sheets) is touched.
 */
export function restoreVersion(workspace: Workspace, versionId: string): RestoreResult | VersionFailure {
  const read = readVersion(workspace, versionId);
  if (!read.ok) return read;
  const { snapshot } = read;
  const skipped: RestoreResult['skipped'] = [];
  workspace.transact('versions.restore', () => {
    putBack(workspace.topics, snapshot.topics, skipped, (topic) => ({ title: topic.title }));
    putBack(
      workspace.focusPoints,
      snapshot.focusPoints,
      skipped,
      (point) => ({ topicId: point.topicId, text: point.text, status: point.status, owners: point.owners, meetingId: point.meetingId }),
    );
  });
  return { ok: true, version: read.version, skipped };
}

function putBack<R extends BaseRecord, S extends { id: string; order: string }>(
  collection: Collection<R>,
  wanted: readonly S[],
  skipped: RestoreResult['skipped'],
  fields: (item: S) => Partial<R>,
): void {
  const ids = new Set(wanted.map((item) => item.id));
  for (const result of collection.readAll()) {
    if (result.ok && !result.record.deletedAt && !ids.has(result.record.id)) collection.remove(result.record.id);
  }
  for (const item of wanted) {
    const current = collection.read(item.id);
    if (current && !current.ok) {
      // Not a record (a peer wrote something else under this id): reported, never overwritten.
      skipped.push({ collection: collection.name as 'topics' | 'focusPoints', id: item.id, reason: 'not-a-record' });
      continue;
    }
    if (!current) {
      // Records are never removed from their map: one that is missing has not reached this copy
      // yet (the version came by another path). Made again here it would be a second copy of the
      // record, and when the two met, everything partners had typed into one would be lost.
      skipped.push({ collection: collection.name as 'topics' | 'focusPoints', id: item.id, reason: 'missing' });
      continue;
    }
    const values: Partial<R> = { ...fields(item), deletedAt: null } as Partial<R>;
    // A key that was invalid then read as '~' (sort last); leave the record's key as it is.
    if (isValidOrderKey(item.order)) (values as Partial<BaseRecord>).order = item.order;
    collection.setFields(item.id, values);
  }
}
