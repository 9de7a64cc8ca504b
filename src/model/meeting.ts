import type * as Y from 'yjs';
import * as z from 'zod/mini';
import { Collection, baseFields, derived, idSet, orderedIds, value, type BaseRecord, type Fields, type Host } from './collection';
import { newId } from './ids';
import { sortOrdered } from './order';
import { CoRichText, migrateRichFields, readRichField, richFieldOf, richKey, writeRichField, type RichNode } from './rich-text';

export interface Meeting extends BaseRecord {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** Member ids. */
  participants: string[];
  /** Topic ids, in agenda order. */
  agenda: string[];
  notes: string;
  /** Where the meeting is in its life: planned, being held now (live), or over (ended). */
  liveStatus: MeetingLiveStatus;
  /** When it was first started and last ended (ISO date-times), or null. */
  startedAt: string | null;
  endedAt: string | null;
  /** Who chairs the live meeting: a person's display label (see `personLabel`), or '' for nobody. */
  chair: string;
  /** The agenda topic the chair has put up for discussion, or null. */
  nowDiscussing: string | null;
  /** Who was present while it was live: attendee keys (see `attendeeKey`). */
  attendees: string[];
}

export const MEETING_LIVE_STATUSES = ['planned', 'live', 'ended'] as const;
export type MeetingLiveStatus = (typeof MEETING_LIVE_STATUSES)[number];

/** A person in the room, as presence (awareness) describes them. */
export interface Attendee {
  name: string;
  organisation: string;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const MEETING_TITLE_MAX = 500;
export const MEETING_NOTES_MAX = 200_000;

/** Longest chair label kept: a name (80) and an organisation (120) as presence allows, and a little room. */
const MAX_LABEL = 240;

export const meetingFields: Fields<Meeting> = {
  ...baseFields,
  title: value(z.string().check(z.maxLength(MEETING_TITLE_MAX)), 'Untitled meeting'),
  date: value(z.string().check(z.regex(ISO_DATE)), () => new Date().toISOString().slice(0, 10)),
  participants: idSet(),
  agenda: orderedIds(),
  // Rich text (rich-text.ts): the plain text of the Y.XmlFragment at `notesDoc`, or of the old
  // Y.Text at `notes` for a meeting not migrated yet.
  notes: derived(z.string().check(z.maxLength(MEETING_NOTES_MAX)), ''),
  liveStatus: value(z.enum(MEETING_LIVE_STATUSES), 'planned'),
  startedAt: value(z.nullable(baseFields.createdAt.schema), null),
  endedAt: value(z.nullable(baseFields.createdAt.schema), null),
  chair: value(z.string().check(z.maxLength(MAX_LABEL)), ''),
  nowDiscussing: value(z.nullable(z.string().check(z.maxLength(64))), null),
  attendees: idSet(),
};

/**
 * The key of an attendee in `attendees`: name and organisation joined by `|`, with `\` and `|`
 * inside them escaped by a backslash. Stable (the same person always gets the same key, so
 * peers recording the same person at once write the same key) and readable back.
 */
export function attendeeKey(person: Attendee): string {
  const escape = (part: string) => part.trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  return `${escape(person.name)}|${escape(person.organisation)}`;
}

/** The person an attendee key names; a key written by another program without `|` is all name. */
export function parseAttendeeKey(key: string): Attendee {
  let name = '';
  let organisation = '';
  let inOrganisation = false;
  for (let i = 0; i < key.length; i++) {
    let char = key[i]!;
    if (char === '\\' && i + 1 < key.length) char = key[++i]!;
    else if (char === '|' && !inOrganisation) {
      inOrganisation = true;
      continue;
    }
    if (inOrganisation) organisation += char;
    else name += char;
  }
  return { name: name.trim(), organisation: organisation.trim() };
}

/** How a person is shown: `Anna (Amsterdam)`, or the name alone. */
export function personLabel(person: Attendee): string {
  const name = person.name.trim() || 'Someone';
  const organisation = person.organisation.trim();
  return (organisation ? `${name} (${organisation})` : name).slice(0, MAX_LABEL);
}

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

  /**
   * Put a topic on the agenda at `index` (default: last); nothing happens if it is there already.
   * Each agenda change writes one topic's entry, so partners adding, removing and moving other
   * topics at the same time all keep their change.
   */
  addToAgenda(id: string, topicId: string, index?: number): void {
    const meeting = this.require(id);
    if (meeting.agenda.includes(topicId)) return;
    this.placeInOrderedSet('meetings.agenda', id, 'agenda', topicId, index ?? meeting.agenda.length);
  }

  removeFromAgenda(id: string, topicId: string): void {
    this.require(id);
    this.removeFromOrderedSet('meetings.agenda', id, 'agenda', topicId);
  }

  /** Move an agenda topic to `index` of the agenda. */
  moveInAgenda(id: string, topicId: string, index: number): void {
    const meeting = this.require(id);
    if (!meeting.agenda.includes(topicId)) return;
    this.placeInOrderedSet('meetings.agenda', id, 'agenda', topicId, index);
  }

  /** The co-edited notes; undefined when the meeting does not exist or is not migrated yet (migrateNotes). */
  notes(id: string): CoRichText | undefined {
    const record = this.recordOf(id);
    const fragment = record && richFieldOf(record, 'notes');
    return fragment && new CoRichText(fragment, (fn) => this.host.transact('meetings.notes.edit', fn), MEETING_NOTES_MAX);
  }

  /** The notes as ProseMirror JSON; a meeting not migrated yet reads its plain notes as paragraphs. */
  notesDoc(id: string): RichNode {
    const record = this.recordOf(id);
    return record ? readRichField(record, 'notes', MEETING_NOTES_MAX).doc : { type: 'doc', content: [{ type: 'paragraph' }] };
  }

  /** Notes kept as plain text get their fragment (see Practices.migrateSections). */
  migrateNotes(ids?: readonly string[]): number {
    if (!this.mayMigrate()) return 0;
    const targets = [];
    for (const id of ids ?? this.allIds()) {
      const record = this.recordOf(id);
      if (record && !richFieldOf(record, 'notes')) targets.push({ recordId: id, record, field: 'notes' });
    }
    return migrateRichFields(this.host.doc, targets, this.migrationOrigin());
  }

  protected override readDerived(raw: Y.Map<unknown>, record: Record<string, unknown>): string[] {
    const read = readRichField(raw, 'notes', MEETING_NOTES_MAX);
    record.notes = read.text;
    return read.exact ? [] : ['notes'];
  }

  protected override writeDerived(_id: string, record: Y.Map<unknown>, values: Partial<Meeting>): void {
    if (values.notes !== undefined) writeRichField(record, 'notes', values.notes);
  }

  protected override fieldsStoredAt(key: string): readonly string[] {
    return key === richKey('notes') ? ['notes'] : [key];
  }

  /**
   * Schema 1 → 2: every agenda kept as a Y.Array becomes an ordered set, in the same order, with
   * the same keys on every peer that migrates it. Returns how many were converted.
   */
  migrateAgendas(): number {
    let converted = 0;
    for (const result of this.readAll()) {
      if (!result.ok || !result.repaired.includes('agenda')) continue;
      this.ensureSharedMap(result.record.id, 'agenda');
      converted++;
    }
    return converted;
  }

  /** Meetings being held now, the most recently started first. */
  live(): Meeting[] {
    // Every screen asks at its opening: the two fields first, then only the live meetings whole
    // (a group's hundred meetings read whole cost 17 ms of a cold open).
    const ids: string[] = [];
    this.forEachPartial(['liveStatus', 'deletedAt'], (values, id) => {
      if (values.liveStatus === 'live' && !values.deletedAt) ids.push(id);
    });
    return sortOrdered(ids.flatMap((id) => this.get(id) ?? [])).sort((a, b) =>
      (a.startedAt ?? '') < (b.startedAt ?? '') ? 1 : (a.startedAt ?? '') > (b.startedAt ?? '') ? -1 : 0,
    );
  }

  /**
   * Start the meeting (or resume an ended one) with `chair` in the chair. The first start sets
   * `startedAt`; resuming keeps it and clears `endedAt`.
   */
  start(id: string, chair: string): void {
    const meeting = this.require(id);
    if (meeting.liveStatus === 'live') return;
    this.patchRecord('meetings.start', id, {
      liveStatus: 'live',
      startedAt: meeting.startedAt ?? new Date().toISOString(),
      endedAt: null,
      chair: chair.trim().slice(0, MAX_LABEL),
      // Written as it reads: a no-op for a proper set, and for a meeting made before attendance
      // existed, the set is created here by the one peer that starts the meeting, not by every
      // peer recording attendance at once (each would make its own Y.Map, and one would be lost).
      attendees: meeting.attendees,
    });
  }

  end(id: string): void {
    const meeting = this.require(id);
    if (meeting.liveStatus !== 'live') return;
    this.patchRecord('meetings.end', id, { liveStatus: 'ended', endedAt: new Date().toISOString() });
  }

  setChair(id: string, chair: string): void {
    this.patchRecord('meetings.chair', id, { chair: chair.trim().slice(0, MAX_LABEL) });
  }

  /** Put an agenda topic up for discussion (null: none). */
  setNowDiscussing(id: string, topicId: string | null): void {
    this.patchRecord('meetings.nowDiscussing', id, { nowDiscussing: topicId });
  }

  /**
   * Record a person as present, once: nothing is written when they already are. `memberId`
   * names the member they stand for (their organisation), ticked as a participant in the same
   * transaction. Returns whether anything was written.
   */
  addAttendee(id: string, person: Attendee, memberId?: string | null): boolean {
    const meeting = this.require(id);
    const key = attendeeKey(person);
    if (meeting.attendees.includes(key)) return false;
    this.host.transact('meetings.attendee', () => {
      this.toggleInSet('meetings.attendee', id, 'attendees', key, true);
      if (memberId && !meeting.participants.includes(memberId)) this.toggleInSet('meetings.attendee', id, 'participants', memberId, true);
    });
    return true;
  }

  private require(id: string): Meeting {
    const meeting = this.get(id);
    if (!meeting) throw new Error(`No meetings record ${id}`);
    return meeting;
  }
}
