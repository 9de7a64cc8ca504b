import * as z from 'zod/mini';
import { Collection, baseFields, value, type BaseRecord, type Fields, type Host } from './collection';
import { FOCUS_POINT_STATUSES, type FocusPointStatus } from './focus-point';
import { newId } from './ids';
import { PRACTICE_CONTACT_EMAIL_MAX, PRACTICE_CONTACT_NAME_MAX, PRACTICE_MONTH, PRACTICE_PARTNERS_MAX, PRACTICE_SECTIONS, PRACTICE_STATUSES, PRACTICE_TITLE_MAX, type PracticeSection, type PracticeStatus } from './practice';
import { RICH_MARK_NAMES, RICH_NODE_NAMES, type RichNode } from './rich-text';

/**
 * A named version: the group's topics and focus points frozen at one moment ("the focus points
 * as agreed on 23 September"), shared with everyone in the workspace. The frozen content is one
 * plain JSON value on the record (see docs/document.md, `versions`), written once and never
 * edited; diff, read-only view and restore are in versions-diff.ts.
 */

export const VERSION_NAME_MAX = 200;
export const VERSION_AUTHOR_MAX = 200;

/** A topic as it was: only what the topic list shows and a restore writes back. */
export interface SnapshotTopic {
  id: string;
  order: string;
  title: string;
}

/** A focus point as it was. */
export interface SnapshotPoint {
  id: string;
  topicId: string;
  order: string;
  text: string;
  status: FocusPointStatus;
  owners: string[];
  meetingId: string | null;
}

/** A practice sheet as it was: its header, and each section's rich text (ProseMirror JSON). */
export interface SnapshotPractice {
  id: string;
  order: string;
  title: string;
  memberId: string | null;
  topics: string[];
  status: PracticeStatus;
  periodStart: string;
  periodEnd: string;
  partners: string;
  contactName: string;
  contactEmail: string;
  sections: Record<PracticeSection, RichNode>;
}

/** The live (not deleted) topics and focus points of a workspace at one moment, and its practice sheets. */
export interface VersionSnapshot {
  topics: SnapshotTopic[];
  focusPoints: SnapshotPoint[];
  /** Absent in versions saved before sheets were kept in versions: their sheets are not known. */
  practices?: SnapshotPractice[];
}

const uniqueIds = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id)).size === items.length;

const id = z.string().check(z.minLength(1), z.maxLength(200));

/** Whether `value` is a doc of Tavola's rich-text schema, as a version keeps it (plain JSON, depth-limited). */
function isRichDoc(value: unknown): value is RichNode {
  const nodes: ReadonlySet<string> = new Set(RICH_NODE_NAMES);
  const marks: ReadonlySet<string> = new Set(RICH_MARK_NAMES);
  const check = (node: unknown, depth: number): boolean => {
    if (depth > 40 || typeof node !== 'object' || node === null) return false;
    const { type, content, text, marks: nodeMarks } = node as Record<string, unknown>;
    if (typeof type !== 'string' || !nodes.has(type)) return false;
    if (type === 'text' && typeof text !== 'string') return false;
    if (nodeMarks !== undefined && !(Array.isArray(nodeMarks) && nodeMarks.every((m) => typeof m === 'object' && m !== null && marks.has((m as { type?: string }).type ?? '')))) return false;
    return content === undefined || (Array.isArray(content) && content.every((child) => check(child, depth + 1)));
  };
  return check(value, 0) && (value as { type: string }).type === 'doc';
}

const month = z.string().check(z.regex(PRACTICE_MONTH));

/** A sheet in a snapshot, checked with the live record's limits. */
const snapshotPracticeSchema = z.object({
  id,
  order: z.string(),
  title: z.string().check(z.maxLength(PRACTICE_TITLE_MAX)),
  memberId: z.nullable(z.string()),
  topics: z.array(z.string()),
  status: z.enum(PRACTICE_STATUSES),
  periodStart: month,
  periodEnd: month,
  partners: z.string().check(z.maxLength(PRACTICE_PARTNERS_MAX)),
  contactName: z.string().check(z.maxLength(PRACTICE_CONTACT_NAME_MAX)),
  contactEmail: z.string().check(z.maxLength(PRACTICE_CONTACT_EMAIL_MAX)),
  sections: z.object(Object.fromEntries(PRACTICE_SECTIONS.map((section) => [section, z.custom<RichNode>(isRichDoc)])) as Record<PracticeSection, z.ZodMiniCustom<RichNode>>),
});

/**
 * The stored snapshot, checked whole. Limits are those of the live records (topics.title,
 * focusPoints.text), so a restore never writes a value the model would refuse. Fields a newer
 * version adds are dropped on read and do not make the snapshot invalid.
 */
export const snapshotSchema = z.object({
  topics: z.array(z.object({ id, order: z.string(), title: z.string().check(z.maxLength(1_000)) })).check(z.refine(uniqueIds, 'a topic is listed twice')),
  focusPoints: z
    .array(
      z.object({
        id,
        topicId: z.string(),
        order: z.string(),
        text: z.string().check(z.maxLength(20_000)),
        status: z.enum(FOCUS_POINT_STATUSES),
        owners: z.array(z.string()),
        meetingId: z.nullable(z.string()),
      }),
    )
    .check(z.refine(uniqueIds, 'a focus point is listed twice')),
  practices: z.optional(z.array(snapshotPracticeSchema).check(z.refine(uniqueIds, 'a practice sheet is listed twice'))),
});

export interface Version extends BaseRecord {
  name: string;
  /** Who saved it, as they call themselves (their profile name); '' when not known. */
  createdBy: string;
  /**
   * The frozen topics and focus points; null when what is stored is missing or not a valid
   * snapshot. Such a version is listed but cannot be opened or restored: restoring a guess could
   * delete or change points nobody meant to touch, so a snapshot is all or nothing.
   */
  snapshot: VersionSnapshot | null;
}

export const versionFields: Fields<Version> = {
  ...baseFields,
  name: value(z.string().check(z.minLength(1), z.maxLength(VERSION_NAME_MAX)), 'Untitled version'),
  createdBy: value(z.string().check(z.maxLength(VERSION_AUTHOR_MAX)), ''),
  snapshot: value(z.nullable(snapshotSchema), null),
};

export class Versions extends Collection<Version> {
  constructor(host: Host) {
    super(host, 'versions', versionFields);
  }

  /** Keep `snapshot` as a new version called `name`, saved by `createdBy`. */
  save(name: string, createdBy: string, snapshot: VersionSnapshot, id = newId()): string {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('A version needs a name');
    return this.insertRecord('versions.save', id, { name: trimmed, createdBy: createdBy.trim(), snapshot }, this.list({ deleted: 'include' }));
  }

  rename(id: string, name: string): void {
    this.patchRecord('versions.rename', id, { name: name.trim() });
  }

  /**
   * Versions by when they were saved, newest first (ties by id). Not by `order`: two partners
   * saving offline get the same key, and the time is what people look for.
   */
  newestFirst(deleted: 'exclude' | 'only' = 'exclude'): Version[] {
    return this.list({ deleted }).sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/** How a version's record reads, for a list: without the snapshot, with what is in it. */
export interface VersionSummary extends BaseRecord {
  name: string;
  createdBy: string;
  /** False when the snapshot could not be read (the version cannot be opened). */
  readable: boolean;
  topics: number;
  focusPoints: number;
  /** Practice sheets kept in it; null for a version saved before sheets were kept. */
  practices: number | null;
}

export function summarise(version: Version): VersionSummary {
  const { snapshot, ...rest } = version;
  const topicIds = new Set(snapshot?.topics.map((topic) => topic.id));
  return {
    ...rest,
    readable: snapshot !== null,
    topics: topicIds.size,
    // The points people saw: those of the version's topics.
    focusPoints: snapshot?.focusPoints.filter((point) => topicIds.has(point.topicId)).length ?? 0,
    practices: snapshot?.practices?.length ?? null,
  };
}
