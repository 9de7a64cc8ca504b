import * as z from 'zod/mini';
import { Collection, baseFields, idSet, text, value, type BaseRecord, type Fields, type Host } from './collection';
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

export const focusPointFields: Fields<FocusPoint> = {
  ...baseFields,
  topicId: value(z.string(), ''),
  text: text(20_000),
  status: value(z.enum(FOCUS_POINT_STATUSES), 'proposed'),
  owners: idSet(),
  meetingId: value(z.nullable(z.string()), null),
};

export interface FocusPointDraft {
  topicId: string;
  text?: string;
  status?: FocusPointStatus;
  owners?: string[];
  meetingId?: string | null;
}

export class FocusPoints extends Collection<FocusPoint> {
  /** Point ids by topic id, so a topic's points are found without reading the whole workspace. */
  private index: Map<string, Set<string>> | null = null;
  private topicOfPoint = new Map<string, string>();

  constructor(host: Host) {
    super(host, 'focusPoints', focusPointFields);
  }

  /** The live (not deleted) points of a topic, in order. */
  ofTopic(topicId: string, deleted: 'exclude' | 'only' = 'exclude'): FocusPoint[] {
    // Inside a transaction the index is behind (observers run when it ends): read everything.
    if (this.inTransaction) return this.list({ deleted, where: (point) => point.topicId === topicId });
    const points: FocusPoint[] = [];
    for (const id of this.topicIndex().get(topicId) ?? []) {
      const point = this.get(id);
      if (!point || point.topicId !== topicId) continue;
      if (deleted === 'exclude' ? point.deletedAt : !point.deletedAt) continue;
      points.push(point);
    }
    return sortOrdered(points);
  }

  /** How many live points a topic has. */
  countOfTopic(topicId: string): number {
    return this.ofTopic(topicId).length;
  }

  private topicIndex(): Map<string, Set<string>> {
    if (!this.index) {
      this.index = new Map();
      for (const point of this.list({ deleted: 'include' })) this.indexPoint(point.id, point.topicId);
    }
    return this.index;
  }

  private indexPoint(id: string, topicId: string | undefined): void {
    const previous = this.topicOfPoint.get(id);
    if (previous === topicId) return;
    if (previous !== undefined) this.index?.get(previous)?.delete(id);
    if (topicId === undefined) {
      this.topicOfPoint.delete(id);
      return;
    }
    this.topicOfPoint.set(id, topicId);
    let ids = this.index!.get(topicId);
    if (!ids) this.index!.set(topicId, (ids = new Set()));
    ids.add(id);
  }

  protected override recordsChanged(ids: Set<string>): void {
    if (!this.index) return;
    for (const id of ids) this.indexPoint(id, this.get(id)?.topicId);
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
    this.host.transact('focusPoints.move', () => {
      if (target !== point.topicId) this.patchRecord('focusPoints.move', id, { topicId: target });
      this.placeRecord('focusPoints.move', id, siblings, index);
    });
  }
}
