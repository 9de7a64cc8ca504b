import * as Y from 'yjs';
import * as z from 'zod/mini';
import { Collection, baseFields, derived, idSet, text, value, type BaseRecord, type ChangedFields, type Fields, type Host } from './collection';
import { isValidOrderKey } from './order';
import { newId } from './ids';
import { sortOrdered } from './order';
import type { CoText } from './text';

export const FOCUS_POINT_STATUSES = ['proposed', 'agreed', 'in-progress', 'done', 'dropped'] as const;
export type FocusPointStatus = (typeof FOCUS_POINT_STATUSES)[number];

export interface FocusPoint extends BaseRecord {
  topicId: string;
  text: string;
  status: FocusPointStatus;
  /** Member ids. */
  owners: string[];
  /** The meeting where the point was raised, if any. */
  meetingId: string | null;
}

export const FOCUS_POINT_TEXT_MAX = 20_000;

/**
 * Where a point is: its topic and its order key among that topic's points, kept as ONE value
 * (`place`) so that of two concurrent moves one wins whole. As two fields (schema 1), a move to
 * another topic and a concurrent move within the old one left the point in the new topic at the
 * old topic's position.
 */
export interface Place {
  topicId: string;
  order: string;
}

// A topic id of '' is a point in no topic (as layout 1's fallback reads it): it can still be moved.
const placeSchema = z.object({ topicId: z.string().check(z.maxLength(64)), order: z.string().check(z.refine(isValidOrderKey)) });

export const focusPointFields: Fields<FocusPoint> = {
  ...baseFields,
  order: derived(baseFields.order.schema, '~'),
  topicId: derived(z.string().check(z.maxLength(64)), ''),
  text: text(FOCUS_POINT_TEXT_MAX),
  status: value(z.enum(FOCUS_POINT_STATUSES), 'proposed'),
  owners: idSet(),
  meetingId: value(z.nullable(z.string()), null),
};

const PLACE_FIELDS = ['topicId', 'order'] as const;
/** What the topic index keeps of a point. */
type IndexField = 'topicId' | 'deletedAt';

/** A point's topic as a whole read finds it (see readDerived), without checking its order key. */
function topicIdOf(raw: Y.Map<unknown>): string {
  const place = raw.get('place');
  if (place !== undefined && place !== null && typeof place === 'object') {
    const topicId = (place as Partial<Record<keyof Place, unknown>>).topicId;
    return typeof topicId === 'string' && topicId.length <= 64 ? topicId : '';
  }
  const topicId = raw.get('topicId');
  return typeof topicId === 'string' ? topicId : '';
}

export interface FocusPointDraft {
  topicId: string;
  text?: string;
  status?: FocusPointStatus;
  owners?: string[];
  meetingId?: string | null;
}

export class FocusPoints extends Collection<FocusPoint> {
  /**
   * Point ids by topic id (deleted points too), so a topic's points are found without reading the
   * whole workspace; and how many live points each topic has, kept as points change. Built on
   * first use, then kept by the changes observe() reports.
   */
  private index: Map<string, Set<string>> | null = null;
  private topicOfPoint = new Map<string, string>();
  /** The indexed points that are deleted (few), rather than the live ones (nearly all). */
  private deletedPoints = new Set<string>();
  private liveCounts = new Map<string, number>();

  constructor(host: Host) {
    super(host, 'focusPoints', focusPointFields);
  }

  /** The live (not deleted) points of a topic, in order. */
  ofTopic(topicId: string, deleted: 'exclude' | 'only' = 'exclude'): FocusPoint[] {
    // Inside a transaction the index is behind (observers run when it ends): read everything.
    if (this.inTransaction) return this.list({ deleted, where: (point) => point.topicId === topicId });
    const points: FocusPoint[] = [];
    for (const id of this.topicIndex().get(topicId) ?? []) {
      const point = this.peek(id);
      if (!point || point.topicId !== topicId) continue;
      if (deleted === 'exclude' ? point.deletedAt : !point.deletedAt) continue;
      points.push(this.copy(point));
    }
    return sortOrdered(points);
  }

  /** How many live points a topic has. */
  countOfTopic(topicId: string): number {
    if (this.inTransaction) return this.ofTopic(topicId).length;
    this.topicIndex();
    return this.liveCounts.get(topicId) ?? 0;
  }

  /** How many live points each topic has (topics without any are left out), without listing them. */
  countsByTopic(): Map<string, number> {
    if (this.inTransaction) {
      const counts = new Map<string, number>();
      for (const point of this.list()) counts.set(point.topicId, (counts.get(point.topicId) ?? 0) + 1);
      return counts;
    }
    this.topicIndex();
    return new Map([...this.liveCounts].filter(([, count]) => count > 0));
  }

  private topicIndex(): Map<string, Set<string>> {
    if (!this.index) {
      this.index = new Map();
      // Only the two fields the index keeps: reading every point whole (texts, owners) cost
      // 120–160 ms of a cold open with 10,000 points.
      this.forEachPartial(['deletedAt'], (point, id, raw) => this.indexPoint(id, { topicId: topicIdOf(raw), deletedAt: point.deletedAt }));
    }
    return this.index;
  }

  /** Put a point (undefined: gone or unreadable) where it now belongs in the index and the counts. */
  private indexPoint(id: string, point: Pick<FocusPoint, IndexField> | undefined): void {
    const index = this.index!;
    const before = this.topicOfPoint.get(id);
    if (before !== undefined) {
      index.get(before)?.delete(id);
      if (!this.deletedPoints.delete(id)) this.liveCounts.set(before, (this.liveCounts.get(before) ?? 1) - 1);
      this.topicOfPoint.delete(id);
    }
    if (!point) return;
    this.topicOfPoint.set(id, point.topicId);
    let ids = index.get(point.topicId);
    if (!ids) index.set(point.topicId, (ids = new Set()));
    ids.add(id);
    if (point.deletedAt) this.deletedPoints.add(id);
    else this.liveCounts.set(point.topicId, (this.liveCounts.get(point.topicId) ?? 0) + 1);
  }

  /** Topic and order from `place`; a point from schema 1 (or another program) without one reads its two old fields. */
  protected override readDerived(raw: Y.Map<unknown>, record: Record<string, unknown>): string[] {
    const place = raw.get('place');
    // The topic is read as the index reads it (topicIdOf); the rest of the place is checked here.
    record.topicId = topicIdOf(raw);
    if (placeSchema.safeParse(place).success) {
      record.order = (place as Place).order;
      return [];
    }
    if (place !== undefined && place !== null && typeof place === 'object') {
      // A damaged place: each half that is readable is kept (an order key that is not one sorts
      // last in its topic, rather than the point leaving its topic).
      const { topicId, order } = place as Partial<Record<keyof Place, unknown>>;
      const topicOk = typeof topicId === 'string' && topicId.length <= 64;
      record.order = typeof order === 'string' && isValidOrderKey(order) ? order : '~';
      return topicOk ? ['order'] : ['topicId', 'order'];
    }
    // Layout 1 (or another program): the two old fields.
    const repaired: string[] = place === undefined ? [] : ['topicId', 'order'];
    const topicId = raw.get('topicId');
    const order = raw.get('order');
    record.order = typeof order === 'string' && isValidOrderKey(order) ? order : '~';
    if (typeof topicId !== 'string' && !repaired.includes('topicId')) repaired.push('topicId');
    if (record.order === '~' && !repaired.includes('order')) repaired.push('order');
    return repaired;
  }

  /** A new topic or order key: the whole place written as one value. */
  protected override writeDerived(id: string, record: Y.Map<unknown>, values: Partial<FocusPoint>): void {
    const current = this.read(id);
    const before = current?.ok ? current.record : undefined;
    const topicId = values.topicId ?? before?.topicId ?? '';
    const order = values.order ?? before?.order ?? '~';
    const previous = record.get('place') as Partial<Place> | undefined;
    if (previous && previous.topicId === topicId && previous.order === order) return;
    record.set('place', { topicId, order } satisfies Place);
  }

  /** `place` holds the topic and the order key; layout 1's `topicId` and `order` are their own fields. */
  protected override fieldsStoredAt(key: string): readonly string[] {
    return key === 'place' ? PLACE_FIELDS : [key];
  }

  protected override recordsChanged(changes: ChangedFields): void {
    if (!this.index) return;
    // A point's place in the index and the counts depends on its topic and whether it is deleted.
    // The two fields alone, as the index was built: a new peer's first sync changes all 10,000
    // points at once, and reading each whole cost it 140 ms.
    for (const [id, fields] of changes) {
      if (fields !== null && !fields.has('topicId') && !fields.has('deletedAt')) continue;
      const point = this.peekPartial(id, ['deletedAt']);
      this.indexPoint(id, point && { topicId: topicIdOf(point.raw), deletedAt: point.values.deletedAt });
    }
  }

  /** A new point at `index` in its topic (default: last). */
  add(draft: FocusPointDraft, index?: number, id = newId()): string {
    const siblings = this.ofTopic(draft.topicId);
    return this.insertRecord(
      'focusPoints.add',
      id,
      { ...draft, text: draft.text ?? '', status: draft.status ?? 'proposed' },
      siblings,
      index ?? siblings.length,
    );
  }

  textOf(id: string): CoText | undefined {
    return this.text(id, 'text');
  }

  setStatus(id: string, status: FocusPointStatus): void {
    this.patchRecord('focusPoints.status', id, { status });
  }

  setOwner(id: string, memberId: string, owner: boolean): void {
    this.toggleInSet('focusPoints.owner', id, 'owners', memberId, owner);
  }

  setMeeting(id: string, meetingId: string | null): void {
    this.patchRecord('focusPoints.meeting', id, { meetingId });
  }

  /** Move a point to `index` among the live points of `topicId` (default: its own topic). */
  move(id: string, index: number, topicId?: string): void {
    const point = this.get(id);
    if (!point) throw new Error(`No focus point ${id}`);
    const target = topicId ?? point.topicId;
    // The siblings are read before the transaction opens: inside one, ofTopic() cannot use the
    // topic index and reads every point of the workspace (74 ms a move with 10,000 points). The
    // moving point may or may not be among them; placing ignores it either way.
    const siblings = this.ofTopic(target);
    this.placeRecord('focusPoints.move', id, siblings, index, { topicId: target });
  }
}
