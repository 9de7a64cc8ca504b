import type { FocusPoint, FocusPointStatus } from './focus-point';
import { parseAttendeeKey, personLabel, type MeetingLiveStatus } from './meeting';
import type { Workspace } from './workspace';

/**
 * The minutes of a meeting: what the minutes screen shows and the Markdown file says, read from
 * the workspace in one place so the two never disagree.
 */
export interface Minutes {
  meetingId: string;
  workspaceName: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  liveStatus: MeetingLiveStatus;
  startedAt: string | null;
  endedAt: string | null;
  chair: string;
  /** Everyone recorded as present, as labels (`Anna (Amsterdam)`), sorted by name. */
  attendees: string[];
  /** Members ticked as participants, in the members' order. */
  members: { name: string; country: string }[];
  /** Agenda topics in agenda order, with the points raised at the meeting under each. */
  agenda: MinutesTopic[];
  /** Topics not on the agenda under which points were raised at the meeting anyway. */
  otherTopics: MinutesTopic[];
  notes: string;
}

export interface MinutesTopic {
  topicId: string;
  title: string;
  /** The topic was deleted after it was put on the agenda. */
  deleted: boolean;
  /** Points raised at this meeting (not deleted), in the topic's order. */
  points: { id: string; text: string; status: FocusPointStatus }[];
  agreed: number;
}

export const MINUTES_STATUS_LABELS: Record<FocusPointStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/**
 * The words minutes are written in: the language of the person exporting them (the UI builds
 * these from its dictionaries, ui/kit/download.ts's exportWords); English by default. What the group
 * wrote (titles, points, notes, names) stays as written.
 */
export interface MinutesWords {
  status: Record<FocusPointStatus, string>;
  /** `Minutes: Kick-off` */
  minutesTitle: (title: string) => string;
  time: string;
  chair: string;
  statusLabel: string;
  stillLive: string;
  notHeld: string;
  attendees: string;
  noAttendees: string;
  /** `Members taking part: A, B.` (the list already joined) */
  membersTakingPart: (members: string) => string;
  agenda: string;
  nothingOnAgenda: string;
  deletedTopic: (topic: string) => string;
  otherPoints: string;
  notes: string;
  noNotes: string;
  noPoints: string;
  /** `2 focus points raised, none agreed:` */
  pointsRaised: (points: number, agreed: number) => string;
  /** `Agreed:` before a point (French: `Convenu :`) */
  pointStatus: (status: string) => string;
  empty: string;
  /** `from 14:05` (a meeting still in progress) */
  fromTime: (time: string) => string;
  /** `Wednesday 23 September 2020` from `2020-09-23` */
  longDate: (date: string) => string;
  /** `Amsterdam, Lisbon` */
  list: (items: string[]) => string;
  /** For file names: `minutes` */
  fileMinutes: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `Wednesday 23 September 2020`, spelled out here: ICU versions differ on commas. */
function englishLongDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return `${WEEKDAYS[parsed.getUTCDay()]} ${parsed.getUTCDate()} ${MONTHS[parsed.getUTCMonth()]} ${parsed.getUTCFullYear()}`;
}

export const ENGLISH_MINUTES_WORDS: MinutesWords = {
  status: MINUTES_STATUS_LABELS,
  minutesTitle: (title) => `Minutes: ${title}`,
  time: 'Time',
  chair: 'Chair',
  statusLabel: 'Status',
  stillLive: 'the meeting is still in progress; these minutes are a draft',
  notHeld: 'the meeting has not been held yet; these minutes are a draft',
  attendees: 'Attendees',
  noAttendees: 'No one was recorded as present.',
  membersTakingPart: (members) => `Members taking part: ${members}.`,
  agenda: 'Agenda',
  nothingOnAgenda: 'Nothing was on the agenda.',
  deletedTopic: (topic) => `${topic} (deleted topic)`,
  otherPoints: 'Other points raised',
  notes: 'Notes',
  noNotes: 'No notes were taken.',
  noPoints: 'No focus points were raised.',
  pointsRaised: (n, agreed) => `${n === 1 ? 'One focus point' : `${n} focus points`} raised, ${agreed === 0 ? 'none' : agreed} agreed:`,
  pointStatus: (status) => `${status}:`,
  empty: '(empty)',
  fromTime: (time) => `from ${time}`,
  longDate: englishLongDate,
  list: (items) => items.join(', '),
  fileMinutes: 'minutes',
};

/** The minutes of a meeting, or undefined if there is no such meeting. */
export function minutesOf(workspace: Workspace, meetingId: string): Minutes | undefined {
  const meeting = workspace.meetings.get(meetingId);
  if (!meeting) return undefined;

  const raised = new Map<string, FocusPoint[]>();
  for (const point of workspace.focusPoints.list({ where: (p) => p.meetingId === meetingId })) {
    const list = raised.get(point.topicId);
    if (list) list.push(point);
    else raised.set(point.topicId, [point]);
  }
  const topicOf = (topicId: string): MinutesTopic => {
    const topic = workspace.topics.get(topicId);
    // In the topic's own order: the list above is sorted by order key, and so is any part of it.
    const points = raised.get(topicId) ?? [];
    return {
      topicId,
      title: topic ? topic.title || 'Untitled topic' : 'Unknown topic',
      deleted: Boolean(topic?.deletedAt),
      points: points.map((p) => ({ id: p.id, text: p.text, status: p.status })),
      agreed: points.filter((p) => p.status === 'agreed').length,
    };
  };

  const onAgenda = new Set(meeting.agenda);
  const others = [...workspace.topics.list({ deleted: 'include' }).map((t) => t.id), ...raised.keys()].filter(
    (topicId, i, all) => !onAgenda.has(topicId) && raised.has(topicId) && all.indexOf(topicId) === i,
  );
  const participants = new Set(meeting.participants);

  return {
    meetingId,
    workspaceName: workspace.meta().name,
    title: meeting.title || 'Untitled meeting',
    date: meeting.date,
    liveStatus: meeting.liveStatus,
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
    chair: meeting.chair,
    attendees: meeting.attendees
      .map(parseAttendeeKey)
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.organisation.localeCompare(b.organisation, 'en'))
      .map(personLabel),
    members: workspace.members
      .list()
      .filter((m) => participants.has(m.id))
      .map((m) => ({ name: m.name, country: m.country })),
    agenda: meeting.agenda.map(topicOf),
    otherTopics: others.map(topicOf),
    notes: meeting.notes.trim(),
  };
}

export interface MinutesOptions {
  /** Time zone for the times the meeting started and ended (an IANA name). Default: UTC. */
  timeZone?: string;
  /** The words of the minutes, in the exporting person's language (default: English). */
  words?: MinutesWords;
}

/** The minutes of a meeting as a Markdown document ('' if there is no such meeting). */
export function meetingMinutes(workspace: Workspace, meetingId: string, options: MinutesOptions = {}): string {
  const minutes = minutesOf(workspace, meetingId);
  if (!minutes) return '';
  const timeZone = options.timeZone && isTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  const words = options.words ?? ENGLISH_MINUTES_WORDS;
  const out: string[] = [];
  const line = (text = '') => out.push(text);

  line(`# ${words.minutesTitle(inline(minutes.title))}`);
  line();
  line(`${inline(minutes.workspaceName)} · ${words.longDate(minutes.date)}`);
  line();
  const time = minutesHeldTime(minutes, timeZone, words);
  if (time) line(`- **${words.time}:** ${time}`);
  if (minutes.chair) line(`- **${words.chair}:** ${inline(minutes.chair)}`);
  if (minutes.liveStatus !== 'ended') line(`- **${words.statusLabel}:** ${minutes.liveStatus === 'live' ? words.stillLive : words.notHeld}`);
  if (out.at(-1) !== '') line();

  line(`## ${words.attendees}`);
  line();
  if (minutes.attendees.length === 0) line(`_${words.noAttendees}_`);
  for (const attendee of minutes.attendees) line(`- ${inline(attendee)}`);
  if (minutes.members.length > 0) {
    line();
    line(words.membersTakingPart(words.list(minutes.members.map((m) => inline(m.country ? `${m.name} (${m.country})` : m.name)))));
  }
  line();

  line(`## ${words.agenda}`);
  line();
  if (minutes.agenda.length === 0) line(`_${words.nothingOnAgenda}_`);
  minutes.agenda.forEach((topic, i) => line(`${i + 1}. ${topic.deleted ? words.deletedTopic(inline(topic.title)) : inline(topic.title)}`));
  line();

  minutes.agenda.forEach((topic, i) => {
    line(`## ${i + 1}. ${inline(topic.title)}`);
    line();
    topicPoints(topic, line, words);
  });

  if (minutes.otherTopics.length > 0) {
    line(`## ${words.otherPoints}`);
    line();
    for (const topic of minutes.otherTopics) {
      line(`### ${topic.deleted ? words.deletedTopic(inline(topic.title)) : inline(topic.title)}`);
      line();
      topicPoints(topic, line, words);
    }
  }

  line(`## ${words.notes}`);
  line();
  line(minutes.notes || `_${words.noNotes}_`);
  return `${out.join('\n').trimEnd()}\n`;
}

function topicPoints(topic: MinutesTopic, line: (text?: string) => void, words: MinutesWords): void {
  if (topic.points.length === 0) {
    line(`_${words.noPoints}_`);
    line();
    return;
  }
  line(words.pointsRaised(topic.points.length, topic.agreed));
  line();
  for (const point of topic.points) {
    // Continuation lines indented under the list item, so a multi-line point stays one item.
    const text = point.text.trim() ? point.text.trim().split('\n').map(inline).join('  \n  ') : `_${words.empty}_`;
    line(`- **${words.pointStatus(words.status[point.status])}** ${text}`);
  }
  line();
}

/** Text set in Markdown as the characters it is: inline markup escaped, and anything a line could start a block with. */
function inline(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|]/g, '\\$&')
    .replace(/^(\s*)([#+-]|\d+[.)])/, '$1\\$2');
}

/** When the meeting was held: `14:00–15:30 (Europe/Amsterdam)`, `from 14:00 (UTC)`, or ''. Shared with io/export/document.ts. */
export function minutesHeldTime(minutes: Minutes, timeZone: string, words: MinutesWords = ENGLISH_MINUTES_WORDS): string {
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
  return `${to ? `${from}–${to}` : words.fromTime(from)} (${timeZone.replace(/_/g, ' ')})`;
}

/** Whether `name` is a time zone this browser knows (an IANA name). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
