import * as z from 'zod/mini';
import { Collection, baseFields, idSet, text, value, type BaseRecord, type Fields, type Host } from './collection';
import { newId } from './ids';
import type { CoText } from './text';

export const PRACTICE_SECTIONS = ['context', 'objectives', 'activities', 'budget', 'evaluation'] as const;
export type PracticeSection = (typeof PRACTICE_SECTIONS)[number];

export const PRACTICE_TITLE_MAX = 1_000;
export const PRACTICE_SECTION_MAX = 100_000;

export const PRACTICE_STATUSES = ['draft', 'in-review', 'final'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

export interface Practice extends BaseRecord, Record<PracticeSection, string> {
  title: string;
  /** The member (city, region…) whose practice this is. */
  memberId: string | null;
  topics: string[];
  status: PracticeStatus;
}

export const practiceFields: Fields<Practice> = {
  ...baseFields,
  title: text(PRACTICE_TITLE_MAX),
  memberId: value(z.nullable(z.string()), null),
  topics: idSet(),
  status: value(z.enum(PRACTICE_STATUSES), 'draft'),
  context: text(PRACTICE_SECTION_MAX),
  objectives: text(PRACTICE_SECTION_MAX),
  activities: text(PRACTICE_SECTION_MAX),
  budget: text(PRACTICE_SECTION_MAX),
  evaluation: text(PRACTICE_SECTION_MAX),
};

export type PracticeDraft = Partial<Pick<Practice, 'title' | 'memberId' | 'topics' | 'status' | PracticeSection>>;

export class Practices extends Collection<Practice> {
  constructor(host: Host) {
    super(host, 'practices', practiceFields);
  }

  add(draft: PracticeDraft & { title: string }, id = newId()): string {
    return this.insertRecord('practices.add', id, { ...draft, title: draft.title.trim() }, this.list({ deleted: 'include' }));
  }

  update(id: string, draft: Pick<PracticeDraft, 'memberId' | 'status'>): void {
    this.patchRecord('practices.update', id, draft);
  }

  setTopic(id: string, topicId: string, present: boolean): void {
    this.toggleInSet('practices.topic', id, 'topics', topicId, present);
  }

  title(id: string): CoText | undefined {
    return this.text(id, 'title');
  }

  section(id: string, section: PracticeSection): CoText | undefined {
    return this.text(id, section);
  }

  move(id: string, index: number): void {
    this.placeRecord('practices.move', id, this.list(), index);
  }
}
