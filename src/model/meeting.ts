import * as z from 'zod/mini';
import { Collection, baseFields, idList, idSet, text, value, type BaseRecord, type Fields, type Host } from './collection';
import { newId } from './ids';
import type { CoText } from './text';

export interface Meeting extends BaseRecord {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** Member ids. */
  participants: string[];
  /** Topic ids, in agenda order. */
  agenda: string[];
  notes: string;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const meetingFields: Fields<Meeting> = {
  ...baseFields,
  title: value(z.string().check(z.maxLength(500)), 'Untitled meeting'),
  date: value(z.string().check(z.regex(ISO_DATE)), () => new Date().toISOString().slice(0, 10)),
  participants: idSet(),
  agenda: idList(),
  notes: text(200_000),
};

export type MeetingDraft = Partial<Pick<Meeting, 'title' | 'date' | 'participants' | 'agenda' | 'notes'>>;

export class Meetings extends Collection<Meeting> {
  constructor(host: Host) {
    super(host, 'meetings', meetingFields);
  }

  /** Meetings newest first (by date, then by creation order). */
  byDate(deleted: 'exclude' | 'only' = 'exclude'): Meeting[] {
    return this.list({ deleted }).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  }

  add(draft: MeetingDraft & { title: string; date: string }, id = newId()): string {
    return this.insertRecord('meetings.add', id, { ...draft, title: draft.title.trim() }, this.list({ deleted: 'include' }));
  }

  update(id: string, draft: Pick<MeetingDraft, 'title' | 'date'>): void {
    const values = { ...draft };
    if (values.title !== undefined) values.title = values.title.trim();
    if (values.date !== undefined && !ISO_DATE.test(values.date)) throw new Error(`Not a date: ${values.date}`);
    this.patchRecord('meetings.update', id, values);
  }

  setParticipant(id: string, memberId: string, present: boolean): void {
    this.toggleInSet('meetings.participant', id, 'participants', memberId, present);
  }

  setAgenda(id: string, topicIds: string[]): void {
    this.patchRecord('meetings.agenda', id, { agenda: [...new Set(topicIds)] });
  }

  notes(id: string): CoText | undefined {
    return this.text(id, 'notes');
  }
}
