import { PRACTICE_SECTIONS, isEmailAddress, type MinutesTopic, type PracticeSection, type PracticeStatus, type Workspace } from '../../model';
import { ENGLISH_MINUTES_WORDS, isTimeZone, minutesHeldTime, minutesOf, type MinutesWords } from '../../model/minutes';

/**
 * What an exported file says, built once from the workspace and written out by markdown.ts and
 * docx.ts, so a sheet's Markdown and its .docx never disagree. The nodes are ProseMirror JSON
 * (the model's RichNode: a section's content goes in as it is), with headings of levels 1 to 4
 * (a section's own headings sit under the section's) and one node of the export's own, `facts`:
 * labelled values (`fact`, attrs.label), a table in a .docx and a list in Markdown.
 */
export interface ExportNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ExportNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface ExportDocument {
  /** For the file's properties and its name. */
  title: string;
  /** Suggested file name without its extension. */
  fileName: string;
  doc: ExportNode;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The words an export is written in: the language of the person exporting (the UI builds them
 * from its dictionaries: ui/kit/download.ts's exportWords); English by default, for tests and
 * scripts. The group's own texts stay as written.
 */
export interface ExportWords extends MinutesWords {
  sections: Record<PracticeSection, string>;
  practiceStatus: Record<PracticeStatus, string>;
  /** `Practice sheet · Port cities` */
  practiceSheet: (workspace: string) => string;
  untitledSheet: string;
  untitledTopic: string;
  notWritten: string;
  city: string;
  member: string;
  country: string;
  period: string;
  partners: string;
  contact: string;
  topics: string;
  /** `March 2019` from `2019-03` */
  month: (month: string) => string;
  periodBoth: (start: string, end: string) => string;
  since: (start: string) => string;
  until: (end: string) => string;
  /** For file names: `practice-sheet` */
  fileSheet: string;
}

export const PRACTICE_SECTION_TITLES: Record<PracticeSection, string> = {
  context: 'Context',
  objectives: 'Objectives',
  activities: 'Activities',
  budget: 'Budget',
  evaluation: 'Evaluation',
};

/** `March 2019` from `2019-03`, in English. */
function englishMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const index = match ? Number(match[2]) - 1 : -1;
  return match && MONTHS[index] ? `${MONTHS[index]} ${match[1]}` : month;
}

export const ENGLISH_EXPORT_WORDS: ExportWords = {
  ...ENGLISH_MINUTES_WORDS,
  sections: PRACTICE_SECTION_TITLES,
  practiceStatus: { draft: 'Draft', 'in-review': 'In review', final: 'Final' },
  practiceSheet: (workspace) => `Practice sheet · ${workspace}`,
  untitledSheet: 'Untitled practice sheet',
  untitledTopic: 'Untitled topic',
  notWritten: 'Not written yet.',
  city: 'City',
  member: 'Member',
  country: 'Country',
  period: 'Period',
  partners: 'Partners',
  contact: 'Contact',
  topics: 'Topics',
  month: englishMonth,
  periodBoth: (start, end) => `${start} – ${end}`,
  since: (start) => `Since ${start}`,
  until: (end) => `Until ${end}`,
  fileSheet: 'practice-sheet',
};

// ------------------------------------------------------------------------------------ building blocks

export const text = (value: string, marks?: ExportNode['marks']): ExportNode => (marks && marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value });
export const bold = (value: string): ExportNode => text(value, [{ type: 'bold' }]);
export const italic = (value: string): ExportNode => text(value, [{ type: 'italic' }]);
export const link = (value: string, href: string): ExportNode => text(value, [{ type: 'link', attrs: { href } }]);
export const paragraph = (...content: ExportNode[]): ExportNode => ({ type: 'paragraph', content: content.filter((n) => n.type !== 'text' || n.text) });
export const heading = (level: number, value: string): ExportNode => ({ type: 'heading', attrs: { level }, content: value ? [text(value)] : [] });
export const fact = (label: string, ...content: ExportNode[]): ExportNode => ({ type: 'fact', attrs: { label }, content });
const listOf = (type: 'bullet_list' | 'ordered_list', items: ExportNode[][]): ExportNode => ({ type, content: items.map((inline) => ({ type: 'list_item', content: [paragraph(...inline)] })) });

/** Lines of plain text as inline content: each line break a hard break. */
export function lines(value: string, marks?: ExportNode['marks']): ExportNode[] {
  const out: ExportNode[] = [];
  value.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: 'hard_break' });
    if (line) out.push(text(line, marks));
  });
  return out;
}

/** Plain text as a doc's blocks: one paragraph per line (how text written before rich text reads). */
export function plainBlocks(value: string): ExportNode[] {
  return value.split('\n').map((line) => paragraph(...(line ? [text(line)] : [])));
}

/** `March 2019` from `2019-03`. */
export function monthName(month: string, words: ExportWords = ENGLISH_EXPORT_WORDS): string {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? words.month(month) : month;
}

/** A sheet's period as people write it: `March 2019 – June 2023`, `Since March 2019`, `Until June 2023`, or ''. */
export function periodLabel(start: string, end: string, words: ExportWords = ENGLISH_EXPORT_WORDS): string {
  if (start && end) return start === end ? monthName(start, words) : words.periodBoth(monthName(start, words), monthName(end, words));
  if (start) return words.since(monthName(start, words));
  if (end) return words.until(monthName(end, words));
  return '';
}

/** `2020-09-23-kick-off-in-rotterdam` */
export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Whether a doc has anything in it but empty paragraphs. */
function hasContent(node: ExportNode): boolean {
  if (node.type === 'text') return Boolean(node.text?.trim());
  return (node.content ?? []).some(hasContent);
}

/** A section's headings put under the section's own heading (level 2): 1 becomes 3, 2 becomes 4. */
function underSection(node: ExportNode): ExportNode {
  if (node.type === 'heading') {
    const level = node.attrs?.level === 2 ? 4 : 3;
    return { ...node, attrs: { ...node.attrs, level } };
  }
  return node.content ? { ...node, content: node.content.map(underSection) } : node;
}

// ------------------------------------------------------------------------------------ a practice sheet

type RichDocReader = { sectionDoc?: (id: string, section: PracticeSection) => ExportNode };

/** A section's content: its rich text when the model keeps it as such, else its plain text. */
function sectionContent(workspace: Workspace, id: string, section: PracticeSection, plain: string, words: ExportWords): ExportNode[] {
  const rich = (workspace.practices as unknown as RichDocReader).sectionDoc;
  const doc = rich ? rich.call(workspace.practices, id, section) : { type: 'doc', content: plainBlocks(plain) };
  return hasContent(doc) ? (doc.content ?? []).map(underSection) : [paragraph(italic(words.notWritten))];
}

/** A practice sheet as the network's summary sheet: title, header facts, the five numbered sections. */
export function practiceDocument(
  workspace: Workspace,
  id: string,
  countryName: (code: string) => string = (code) => code,
  words: ExportWords = ENGLISH_EXPORT_WORDS,
): ExportDocument | undefined {
  const practice = workspace.practices.get(id);
  if (!practice) return undefined;
  const member = practice.memberId ? workspace.members.get(practice.memberId) : undefined;
  const topics = practice.topics
    .map((topicId) => workspace.topics.get(topicId))
    .filter((topic) => topic && !topic.deletedAt)
    .map((topic) => topic!.title || words.untitledTopic);
  const title = practice.title.trim() || words.untitledSheet;

  const facts: ExportNode[] = [];
  if (member) facts.push(fact(member.kind === 'city' ? words.city : words.member, text(member.name)));
  if (member?.country) facts.push(fact(words.country, text(countryName(member.country))));
  const period = periodLabel(practice.periodStart, practice.periodEnd, words);
  if (period) facts.push(fact(words.period, text(period)));
  if (practice.partners.trim()) facts.push(fact(words.partners, ...lines(practice.partners.trim())));
  const contactName = practice.contactName.trim();
  const contactEmail = practice.contactEmail.trim();
  if (contactName || contactEmail) {
    const email = contactEmail ? (isEmailAddress(contactEmail) ? link(contactEmail, `mailto:${contactEmail}`) : text(contactEmail)) : undefined;
    facts.push(fact(words.contact, ...(contactName ? [text(contactName)] : []), ...(contactName && email ? [text(', ')] : []), ...(email ? [email] : [])));
  }
  if (topics.length > 0) facts.push(fact(words.topics, text(words.list(topics))));
  facts.push(fact(words.statusLabel, text(words.practiceStatus[practice.status])));

  const content: ExportNode[] = [
    heading(1, title),
    paragraph(text(words.practiceSheet(workspace.meta().name))),
    { type: 'facts', content: facts },
  ];
  PRACTICE_SECTIONS.forEach((section, i) => {
    content.push(heading(2, `${i + 1}. ${words.sections[section]}`));
    content.push(...sectionContent(workspace, id, section, practice[section], words));
  });
  return { title, fileName: `${slug(title) || slug(words.fileSheet) || 'practice-sheet'}-${slug(words.fileSheet) || 'practice-sheet'}`, doc: { type: 'doc', content } };
}

// ------------------------------------------------------------------------------------ minutes

export interface MinutesExportOptions {
  /** Time zone for the times the meeting started and ended (an IANA name). Default: UTC. */
  timeZone?: string;
  /** The words of the minutes, in the exporting person's language (default: English). */
  words?: ExportWords | MinutesWords;
}

type NotesDocReader = { notesDoc?: (id: string) => ExportNode };

/** The minutes of a meeting, as the minutes screen shows them; undefined if there is no such meeting. */
export function minutesDocument(workspace: Workspace, meetingId: string, options: MinutesExportOptions = {}): ExportDocument | undefined {
  const minutes = minutesOf(workspace, meetingId);
  if (!minutes) return undefined;
  const timeZone = options.timeZone && isTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  const words = options.words ?? ENGLISH_MINUTES_WORDS;
  const title = words.minutesTitle(minutes.title);
  const content: ExportNode[] = [heading(1, title), paragraph(text(`${minutes.workspaceName} · ${words.longDate(minutes.date)}`))];

  const facts: ExportNode[] = [];
  const time = minutesHeldTime(minutes, timeZone, words);
  if (time) facts.push(fact(words.time, text(time)));
  if (minutes.chair) facts.push(fact(words.chair, text(minutes.chair)));
  if (minutes.liveStatus !== 'ended') facts.push(fact(words.statusLabel, text(minutes.liveStatus === 'live' ? words.stillLive : words.notHeld)));
  if (facts.length > 0) content.push({ type: 'facts', content: facts });

  content.push(heading(2, words.attendees));
  if (minutes.attendees.length === 0) content.push(paragraph(italic(words.noAttendees)));
  else content.push(listOf('bullet_list', minutes.attendees.map((a) => [text(a)])));
  if (minutes.members.length > 0) content.push(paragraph(text(words.membersTakingPart(words.list(minutes.members.map((m) => (m.country ? `${m.name} (${m.country})` : m.name)))))));

  const topicTitle = (topic: MinutesTopic) => (topic.deleted ? words.deletedTopic(topic.title) : topic.title);
  content.push(heading(2, words.agenda));
  if (minutes.agenda.length === 0) content.push(paragraph(italic(words.nothingOnAgenda)));
  else content.push(listOf('ordered_list', minutes.agenda.map((topic) => [text(topicTitle(topic))])));

  minutes.agenda.forEach((topic, i) => {
    content.push(heading(2, `${i + 1}. ${topic.title}`));
    content.push(...topicPoints(topic, words));
  });
  if (minutes.otherTopics.length > 0) {
    content.push(heading(2, words.otherPoints));
    for (const topic of minutes.otherTopics) {
      content.push(heading(3, topicTitle(topic)));
      content.push(...topicPoints(topic, words));
    }
  }

  content.push(heading(2, words.notes));
  const rich = (workspace.meetings as unknown as NotesDocReader).notesDoc;
  const notes = rich ? rich.call(workspace.meetings, meetingId) : { type: 'doc', content: plainBlocks(minutes.notes) };
  if (hasContent(notes)) content.push(...(notes.content ?? []).map(underSection));
  else content.push(paragraph(italic(words.noNotes)));

  const file = slug(words.fileMinutes) || 'minutes';
  return {
    title,
    fileName: `${minutes.date}${slug(minutes.title) ? `-${slug(minutes.title)}` : ''}-${file}`,
    doc: { type: 'doc', content },
  };
}

function topicPoints(topic: MinutesTopic, words: MinutesWords): ExportNode[] {
  if (topic.points.length === 0) return [paragraph(italic(words.noPoints))];
  return [
    paragraph(text(words.pointsRaised(topic.points.length, topic.agreed))),
    listOf(
      'bullet_list',
      topic.points.map((point) => [bold(words.pointStatus(words.status[point.status])), text(' '), ...(point.text.trim() ? lines(point.text.trim()) : [italic(words.empty)])]),
    ),
  ];
}
