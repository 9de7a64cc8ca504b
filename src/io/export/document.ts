import { MINUTES_STATUS_LABELS, PRACTICE_SECTIONS, isEmailAddress, minutesOf, type Minutes, type MinutesTopic, type PracticeSection, type Workspace } from '../../model';

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

export const PRACTICE_SECTION_TITLES: Record<PracticeSection, string> = {
  context: 'Context',
  objectives: 'Objectives',
  activities: 'Activities',
  budget: 'Budget',
  evaluation: 'Evaluation',
};

const STATUS_TITLES = { draft: 'Draft', 'in-review': 'In review', final: 'Final' } as const;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

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
export function monthName(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const index = match ? Number(match[2]) - 1 : -1;
  return match && MONTHS[index] ? `${MONTHS[index]} ${match[1]}` : month;
}

/** A sheet's period as people write it: `March 2019 – June 2023`, `Since March 2019`, `Until June 2023`, or ''. */
export function periodLabel(start: string, end: string): string {
  if (start && end) return start === end ? monthName(start) : `${monthName(start)} – ${monthName(end)}`;
  if (start) return `Since ${monthName(start)}`;
  if (end) return `Until ${monthName(end)}`;
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
function sectionContent(workspace: Workspace, id: string, section: PracticeSection, plain: string): ExportNode[] {
  const rich = (workspace.practices as unknown as RichDocReader).sectionDoc;
  const doc = rich ? rich.call(workspace.practices, id, section) : { type: 'doc', content: plainBlocks(plain) };
  return hasContent(doc) ? (doc.content ?? []).map(underSection) : [paragraph(italic('Not written yet.'))];
}

/** A practice sheet as the network's summary sheet: title, header facts, the five numbered sections. */
export function practiceDocument(workspace: Workspace, id: string, countryName: (code: string) => string = (code) => code): ExportDocument | undefined {
  const practice = workspace.practices.get(id);
  if (!practice) return undefined;
  const member = practice.memberId ? workspace.members.get(practice.memberId) : undefined;
  const topics = practice.topics
    .map((topicId) => workspace.topics.get(topicId))
    .filter((topic) => topic && !topic.deletedAt)
    .map((topic) => topic!.title || 'Untitled topic');
  const title = practice.title.trim() || 'Untitled practice sheet';

  const facts: ExportNode[] = [];
  if (member) facts.push(fact(member.kind === 'city' ? 'City' : 'Member', text(member.name)));
  if (member?.country) facts.push(fact('Country', text(countryName(member.country))));
  const period = periodLabel(practice.periodStart, practice.periodEnd);
  if (period) facts.push(fact('Period', text(period)));
  if (practice.partners.trim()) facts.push(fact('Partners', ...lines(practice.partners.trim())));
  const contactName = practice.contactName.trim();
  const contactEmail = practice.contactEmail.trim();
  if (contactName || contactEmail) {
    const email = contactEmail ? (isEmailAddress(contactEmail) ? link(contactEmail, `mailto:${contactEmail}`) : text(contactEmail)) : undefined;
    facts.push(fact('Contact', ...(contactName ? [text(contactName)] : []), ...(contactName && email ? [text(', ')] : []), ...(email ? [email] : [])));
  }
  if (topics.length > 0) facts.push(fact('Topics', text(topics.join(', '))));
  facts.push(fact('Status', text(STATUS_TITLES[practice.status])));

  const content: ExportNode[] = [
    heading(1, title),
    paragraph(text(`Practice sheet · ${workspace.meta().name}`)),
    { type: 'facts', content: facts },
  ];
  PRACTICE_SECTIONS.forEach((section, i) => {
    content.push(heading(2, `${i + 1}. ${PRACTICE_SECTION_TITLES[section]}`));
    content.push(...sectionContent(workspace, id, section, practice[section]));
  });
  return { title, fileName: `${slug(title) || 'practice-sheet'}-practice-sheet`, doc: { type: 'doc', content } };
}

// ------------------------------------------------------------------------------------ minutes

export interface MinutesExportOptions {
  /** Time zone for the times the meeting started and ended (an IANA name). Default: UTC. */
  timeZone?: string;
}

type NotesDocReader = { notesDoc?: (id: string) => ExportNode };

/** The minutes of a meeting, as the minutes screen shows them; undefined if there is no such meeting. */
export function minutesDocument(workspace: Workspace, meetingId: string, options: MinutesExportOptions = {}): ExportDocument | undefined {
  const minutes = minutesOf(workspace, meetingId);
  if (!minutes) return undefined;
  const timeZone = options.timeZone && isTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  const content: ExportNode[] = [heading(1, `Minutes: ${minutes.title}`), paragraph(text(`${minutes.workspaceName} · ${longDate(minutes.date)}`))];

  const facts: ExportNode[] = [];
  const time = heldTime(minutes, timeZone);
  if (time) facts.push(fact('Time', text(time)));
  if (minutes.chair) facts.push(fact('Chair', text(minutes.chair)));
  if (minutes.liveStatus !== 'ended') facts.push(fact('Status', text(`${minutes.liveStatus === 'live' ? 'the meeting is still in progress' : 'the meeting has not been held yet'}; these minutes are a draft`)));
  if (facts.length > 0) content.push({ type: 'facts', content: facts });

  content.push(heading(2, 'Attendees'));
  if (minutes.attendees.length === 0) content.push(paragraph(italic('No one was recorded as present.')));
  else content.push(listOf('bullet_list', minutes.attendees.map((a) => [text(a)])));
  if (minutes.members.length > 0) content.push(paragraph(text(`Members taking part: ${minutes.members.map((m) => (m.country ? `${m.name} (${m.country})` : m.name)).join(', ')}.`)));

  content.push(heading(2, 'Agenda'));
  if (minutes.agenda.length === 0) content.push(paragraph(italic('Nothing was on the agenda.')));
  else content.push(listOf('ordered_list', minutes.agenda.map((topic) => [text(`${topic.title}${topic.deleted ? ' (deleted topic)' : ''}`)])));

  minutes.agenda.forEach((topic, i) => {
    content.push(heading(2, `${i + 1}. ${topic.title}`));
    content.push(...topicPoints(topic));
  });
  if (minutes.otherTopics.length > 0) {
    content.push(heading(2, 'Other points raised'));
    for (const topic of minutes.otherTopics) {
      content.push(heading(3, `${topic.title}${topic.deleted ? ' (deleted topic)' : ''}`));
      content.push(...topicPoints(topic));
    }
  }

  content.push(heading(2, 'Notes'));
  const rich = (workspace.meetings as unknown as NotesDocReader).notesDoc;
  const notes = rich ? rich.call(workspace.meetings, meetingId) : { type: 'doc', content: plainBlocks(minutes.notes) };
  if (hasContent(notes)) content.push(...(notes.content ?? []).map(underSection));
  else content.push(paragraph(italic('No notes were taken.')));

  return {
    title: `Minutes: ${minutes.title}`,
    fileName: `${minutes.date}${slug(minutes.title) ? `-${slug(minutes.title)}` : ''}-minutes`,
    doc: { type: 'doc', content },
  };
}

function topicPoints(topic: MinutesTopic): ExportNode[] {
  if (topic.points.length === 0) return [paragraph(italic('No focus points were raised.'))];
  const n = topic.points.length;
  return [
    paragraph(text(`${n === 1 ? 'One focus point' : `${n} focus points`} raised, ${topic.agreed === 0 ? 'none' : topic.agreed} agreed:`)),
    listOf(
      'bullet_list',
      topic.points.map((point) => [bold(`${MINUTES_STATUS_LABELS[point.status]}:`), text(' '), ...(point.text.trim() ? lines(point.text.trim()) : [italic('(empty)')])]),
    ),
  ];
}

/** `Wednesday 23 September 2020`, spelled out here: ICU versions differ on commas. */
function longDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return `${WEEKDAYS[parsed.getUTCDay()]} ${parsed.getUTCDate()} ${MONTHS[parsed.getUTCMonth()]} ${parsed.getUTCFullYear()}`;
}

function heldTime(minutes: Minutes, timeZone: string): string {
  const time = (iso: string | null) => {
    if (!iso) return null;
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return null;
    const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return `${part('hour')}:${part('minute')}`;
  };
  const from = time(minutes.startedAt);
  const to = minutes.liveStatus === 'ended' ? time(minutes.endedAt) : null;
  if (!from) return '';
  return `${to ? `${from}–${to}` : `from ${from}`} (${timeZone.replace(/_/g, ' ')})`;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
