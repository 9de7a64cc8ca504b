import type * as Y from 'yjs';
import * as z from 'zod/mini';
import { Collection, InvalidValue, baseFields, derived, idSet, text, value, type BaseRecord, type Fields, type Host } from './collection';
import { newId } from './ids';
import { CoRichText, migrateRichFields, readRichField, richFieldOf, richKey, writeRichField, type RichNode } from './rich-text';
import type { CoText } from './text';

export const PRACTICE_SECTIONS = ['context', 'objectives', 'activities', 'budget', 'evaluation'] as const;
export type PracticeSection = (typeof PRACTICE_SECTIONS)[number];

export const PRACTICE_TITLE_MAX = 1_000;
export const PRACTICE_SECTION_MAX = 100_000;

export const PRACTICE_PARTNERS_MAX = 2_000;
export const PRACTICE_CONTACT_NAME_MAX = 200;
/** RFC 5321's longest address. */
export const PRACTICE_CONTACT_EMAIL_MAX = 254;

/**
 * A month, `YYYY-MM`, or '' when not given. Month precision: the network's sheets give a
 * practice's running time as "since March 2019" or "January 2021 – June 2023", never a day.
 */
export const PRACTICE_MONTH = /^(\d{4}-(0[1-9]|1[0-2]))?$/;

export const PRACTICE_STATUSES = ['draft', 'in-review', 'final'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

export interface Practice extends BaseRecord, Record<PracticeSection, string> {
  title: string;
  /** The member (city, region…) whose practice this is. */
  memberId: string | null;
  topics: string[];
  status: PracticeStatus;
  /** First month the practice ran (`YYYY-MM`), or ''. */
  periodStart: string;
  /** Last month (`YYYY-MM`), or '' when it is still running or not given. Never before periodStart when written here. */
  periodEnd: string;
  /** Partner organisations, as people write them (co-edited). */
  partners: string;
  /** Who to ask about the practice (co-edited). */
  contactName: string;
  /** Their e-mail address (co-edited, so not checked as an address while typed; see isEmailAddress). */
  contactEmail: string;
}

export const practiceFields: Fields<Practice> = {
  ...baseFields,
  title: text(PRACTICE_TITLE_MAX),
  memberId: value(z.nullable(z.string()), null),
  topics: idSet(),
  status: value(z.enum(PRACTICE_STATUSES), 'draft'),
  periodStart: value(z.string().check(z.regex(PRACTICE_MONTH)), ''),
  periodEnd: value(z.string().check(z.regex(PRACTICE_MONTH)), ''),
  partners: text(PRACTICE_PARTNERS_MAX),
  contactName: text(PRACTICE_CONTACT_NAME_MAX),
  contactEmail: text(PRACTICE_CONTACT_EMAIL_MAX),
  // Rich text (rich-text.ts): the plain text of the section's Y.XmlFragment at `<section>Doc`, or
  // of the old Y.Text at `<section>` for a sheet not migrated yet. The limit is on the plain text.
  context: derived(z.string().check(z.maxLength(PRACTICE_SECTION_MAX)), ''),
  objectives: derived(z.string().check(z.maxLength(PRACTICE_SECTION_MAX)), ''),
  activities: derived(z.string().check(z.maxLength(PRACTICE_SECTION_MAX)), ''),
  budget: derived(z.string().check(z.maxLength(PRACTICE_SECTION_MAX)), ''),
  evaluation: derived(z.string().check(z.maxLength(PRACTICE_SECTION_MAX)), ''),
};

/** The sheet's header texts, co-edited like its title. */
export const PRACTICE_HEADER_TEXTS = ['partners', 'contactName', 'contactEmail'] as const;
export type PracticeHeaderText = (typeof PRACTICE_HEADER_TEXTS)[number];

export type PracticeDraft = Partial<Pick<Practice, 'title' | 'memberId' | 'topics' | 'status' | 'periodStart' | 'periodEnd' | PracticeHeaderText | PracticeSection>>;

export class Practices extends Collection<Practice> {
  constructor(host: Host) {
    super(host, 'practices', practiceFields);
  }

  add(draft: PracticeDraft & { title: string }, id = newId()): string {
    checkPeriod(draft.periodStart ?? '', draft.periodEnd ?? '');
    return this.insertRecord('practices.add', id, { ...draft, title: draft.title.trim() }, this.list({ deleted: 'include' }));
  }

  update(id: string, draft: Pick<PracticeDraft, 'memberId' | 'status'>): void {
    this.patchRecord('practices.update', id, draft);
  }

  /**
   * The months the practice ran: both written at once, each only if it changed, so a partner's
   * concurrent change of the other end survives. An end before the start is refused.
   */
  setPeriod(id: string, periodStart: string, periodEnd: string): void {
    checkPeriod(periodStart, periodEnd);
    this.patchRecord('practices.period', id, { periodStart, periodEnd });
  }

  headerText(id: string, field: PracticeHeaderText): CoText | undefined {
    return this.text(id, field);
  }

  setTopic(id: string, topicId: string, present: boolean): void {
    this.toggleInSet('practices.topic', id, 'topics', topicId, present);
  }

  title(id: string): CoText | undefined {
    return this.text(id, 'title');
  }

  /**
   * A section's co-edited rich text; undefined when the sheet does not exist, or was written
   * before rich text and is not migrated yet (see migrateSections).
   */
  section(id: string, section: PracticeSection): CoRichText | undefined {
    const record = this.recordOf(id);
    const fragment = record && richFieldOf(record, section);
    return fragment && new CoRichText(fragment, (fn) => this.host.transact(`practices.${section}.edit`, fn), PRACTICE_SECTION_MAX);
  }

  /** A section as ProseMirror JSON (for exports and views); a sheet not migrated yet reads its plain text as paragraphs. */
  sectionDoc(id: string, section: PracticeSection): RichNode {
    const record = this.recordOf(id);
    return record ? readRichField(record, section, PRACTICE_SECTION_MAX).doc : { type: 'doc', content: [{ type: 'paragraph' }] };
  }

  /** A section's plain text (search, versions): one line per paragraph, heading or list item. */
  sectionText(id: string, section: PracticeSection): string {
    return this.get(id)?.[section] ?? '';
  }

  /**
   * Give every section still kept as plain text (a sheet from before rich text, or written by
   * another program) its fragment, holding that text. Safe for two peers at once (rich-text.ts,
   * migrateRichFields). Only once the workspace is loaded or received: Workspace.migrate.
   */
  migrateSections(ids?: readonly string[]): number {
    if (!this.mayMigrate()) return 0;
    const targets = [];
    for (const id of ids ?? this.allIds()) {
      const record = this.recordOf(id);
      if (!record) continue;
      for (const section of PRACTICE_SECTIONS) if (!richFieldOf(record, section)) targets.push({ recordId: id, record, field: section });
    }
    return migrateRichFields(this.host.doc, targets, this.migrationOrigin());
  }

  protected override readDerived(raw: Y.Map<unknown>, record: Record<string, unknown>): string[] {
    const repaired: string[] = [];
    for (const section of PRACTICE_SECTIONS) {
      const read = readRichField(raw, section, PRACTICE_SECTION_MAX);
      record[section] = read.text;
      if (!read.exact) repaired.push(section);
    }
    return repaired;
  }

  protected override writeDerived(_id: string, record: Y.Map<unknown>, values: Partial<Practice>): void {
    for (const section of PRACTICE_SECTIONS) {
      const given = values[section];
      if (given !== undefined) writeRichField(record, section, given);
    }
  }

  protected override fieldsStoredAt(key: string): readonly string[] {
    const section = PRACTICE_SECTIONS.find((s) => richKey(s) === key);
    return section ? [section] : [key];
  }

  move(id: string, index: number): void {
    this.placeRecord('practices.move', id, this.list(), index);
  }
}

function checkPeriod(start: string, end: string): void {
  // Month strings compare as dates; a bad one is left to the field's own check.
  if (start && end && PRACTICE_MONTH.test(start) && PRACTICE_MONTH.test(end) && end < start) {
    throw new InvalidValue('practices', 'periodEnd', `practices.periodEnd: the period cannot end (${end}) before it starts (${start})`, { reason: 'period-order' });
  }
}

/** Whether a contact field holds something an e-mail program could write to (for a mailto link). */
export function isEmailAddress(text: string): boolean {
  return /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/.test(text.trim());
}
