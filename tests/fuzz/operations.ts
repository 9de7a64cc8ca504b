import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { FOCUS_POINT_STATUSES, MEMBER_KINDS, PRACTICE_HEADER_TEXTS, PRACTICE_SECTIONS, PRACTICE_STATUSES, memberForOrganisation, personLabel, recordAttendance, type Attendee, type BaseRecord, type CoRichText, type CoText, type PracticeSection, type Workspace } from '../../src/model';
import { restoreVersion, takeSnapshot } from '../../src/model/versions-diff';
import type { Prng } from '../unit/helpers';
import type { Peer, Run } from './harness';
import { boundaries } from './tokens';

/**
 * The table of operations (yjs tests/testHelper.js applyRandomTests style): one entry per thing a
 * peer can do, with a weight. `run` returns false when it does not apply (nothing to edit yet);
 * the harness then picks another. Every value generated is one the model accepts, so a throw is a
 * finding. Texts typed are fresh tokens (tokens.ts) pushed onto `ctx.typed`.
 */

export interface OpContext {
  run: Run;
  peer: Peer;
  ws: Workspace;
  rng: Prng;
  /** Tokens this operation typed. */
  typed: string[];
}

export interface Operation {
  name: string;
  weight: number;
  run(ctx: OpContext): boolean | void;
}

// ------------------------------------------------------------------------------------ values

const CITIES = ['Amsterdam', 'Rotterdam', 'Lisboa', 'Köln', 'Bologna', 'Gent', 'Tallinn'];
const PEOPLE = ['Anna', 'Bruno', 'Carla', 'Dries', 'Eva', 'Fatma'];
const COUNTRIES = ['NL', 'DE', 'PT', 'IT', 'BE', 'EE', ''];

/** `count` fresh tokens as one string (one in seven a surrogate pair). */
function tokens(ctx: OpContext, count = ctx.rng.int(1, 3)): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const token = ctx.run.tokens.next(ctx.peer.index, ctx.rng.bool(1 / 7));
    ctx.typed.push(token);
    text += token;
  }
  return text;
}

/** Text for a new record's field: often empty, else a few tokens. */
function someText(ctx: OpContext): string {
  return ctx.rng.bool(0.3) ? '' : tokens(ctx);
}

function cityName(rng: Prng): string {
  return rng.bool(0.6) ? rng.pick(CITIES) : `${rng.pick(CITIES)} ${rng.word()}`;
}

function isoDate(rng: Prng): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `20${pad(rng.int(20, 26))}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
}

function person(ctx: OpContext): Attendee {
  const members = ctx.ws.members.list();
  const organisation = members.length > 0 && ctx.rng.bool(0.7) ? ctx.rng.pick(members).name : ctx.rng.bool(0.5) ? ctx.rng.pick(CITIES) : '';
  return { name: ctx.rng.pick(PEOPLE), organisation };
}

function subset<T>(rng: Prng, items: readonly T[], probability = 0.3): T[] {
  return items.filter(() => rng.bool(probability));
}

/** A record to act on: usually a live one, sometimes a deleted one (partners may be editing it). */
function pick<R extends BaseRecord>(ctx: OpContext, records: { list(options?: { deleted?: 'exclude' | 'include' | 'only' }): R[] }): R | undefined {
  const all = records.list({ deleted: ctx.rng.bool(0.8) ? 'exclude' : 'include' });
  return all.length > 0 ? ctx.rng.pick(all) : undefined;
}

function ids(records: readonly { id: string }[]): string[] {
  return records.map((r) => r.id);
}

// ------------------------------------------------------------------------------------ texts

interface TextField {
  name: string;
  /** The records (ids) that have this field; '' for the workspace itself. */
  owners(ctx: OpContext): string[];
  open(ws: Workspace, id: string): CoText | undefined;
}

const TEXT_FIELDS: TextField[] = [
  { name: 'meta.description', owners: () => [''], open: (ws) => ws.description() },
  { name: 'topics.title', owners: (c) => ids(c.ws.topics.list({ deleted: 'include' })), open: (ws, id) => ws.topics.title(id) },
  { name: 'focusPoints.text', owners: (c) => ids(c.ws.focusPoints.list({ deleted: 'include' })), open: (ws, id) => ws.focusPoints.textOf(id) },
  { name: 'practices.title', owners: (c) => ids(c.ws.practices.list({ deleted: 'include' })), open: (ws, id) => ws.practices.title(id) },
  ...PRACTICE_HEADER_TEXTS.map(
    (field): TextField => ({
      name: `practices.${field}`,
      owners: (c) => ids(c.ws.practices.list({ deleted: 'include' })),
      open: (ws, id) => ws.practices.headerText(id, field),
    }),
  ),
];

/** How much of the text editing each field gets: the texts people type most in get most. */
const TEXT_WEIGHT: Record<string, number> = { 'meta.description': 0.6, 'topics.title': 1.5, 'focusPoints.text': 4, 'meetings.notes': 1.5, 'practices.title': 1 };

function textOps(field: TextField): Operation[] {
  const weight = TEXT_WEIGHT[field.name] ?? 0.5;
  const open = (ctx: OpContext): CoText | undefined => {
    const owners = field.owners(ctx);
    if (owners.length === 0) return undefined;
    const id = ctx.rng.pick(owners);
    const text = field.open(ctx.ws, id);
    if (text) {
      const before = text.value;
      ctx.run.afterOp(() => ctx.run.log(`peer ${ctx.peer.index} ${field.name} of ${id || 'workspace'}: ${JSON.stringify(before)} -> ${JSON.stringify(text.value)}`));
    }
    return text;
  };
  return [
    {
      name: `${field.name}: insert`,
      weight: weight * 1.2,
      run(ctx) {
        const text = open(ctx);
        if (!text) return false;
        text.insert(ctx.rng.pick(boundaries(text.value)), tokens(ctx));
      },
    },
    {
      name: `${field.name}: delete`,
      weight: weight * 0.6,
      run(ctx) {
        const text = open(ctx);
        if (!text || text.length === 0) return false;
        const cuts = boundaries(text.value);
        const from = ctx.rng.int(0, cuts.length - 2);
        const to = Math.min(cuts.length - 1, from + ctx.rng.int(1, 3));
        text.delete(cuts[from]!, cuts[to]! - cuts[from]!);
      },
    },
    {
      name: `${field.name}: set`,
      weight: weight * 0.5,
      run(ctx) {
        const text = open(ctx);
        if (!text) return false;
        // Replace a run of characters (possibly none) with fresh tokens (possibly none), as a
        // person pasting over a selection does; CoText.set writes the smallest splice.
        const chars = Array.from(text.value);
        const from = ctx.rng.int(0, chars.length);
        const removing = ctx.rng.int(0, Math.min(3, chars.length - from));
        const inserting = removing === 0 || ctx.rng.bool(0.6) ? tokens(ctx) : '';
        chars.splice(from, removing, ...Array.from(inserting));
        text.set(chars.join(''));
      },
    },
  ];
}

// ------------------------------------------------------------------------------------ rich texts

interface RichField {
  name: string;
  owners(ctx: OpContext): string[];
  open(ws: Workspace, id: string): CoRichText | undefined;
}

const RICH_FIELDS: RichField[] = [
  { name: 'meetings.notes', owners: (c) => ids(c.ws.meetings.list({ deleted: 'include' })), open: (ws, id) => ws.meetings.notes(id) },
  ...PRACTICE_SECTIONS.map(
    (section: PracticeSection): RichField => ({
      name: `practices.${section}`,
      owners: (c) => ids(c.ws.practices.list({ deleted: 'include' })),
      open: (ws, id) => ws.practices.section(id, section),
    }),
  ),
];

/**
 * Rich-text operations, as the editor makes them: typing (with marks), deleting within a block,
 * a mark on or off, a block made a heading or a paragraph, a block wrapped in a list. A block
 * change replaces the block (Yjs cannot rename an element; y-prosemirror does the same), so what
 * a partner types into that block at the same moment goes with it: the harness counts such a
 * token as deleted by the block change (Run.typedInBlock), not as lost.
 */
function richOps(field: RichField): Operation[] {
  const weight = field.name === 'meetings.notes' ? 1.2 : 0.5;
  const open = (ctx: OpContext): { text: CoRichText; id: string } | undefined => {
    const owners = field.owners(ctx);
    if (owners.length === 0) return undefined;
    const id = ctx.rng.pick(owners);
    const text = field.open(ctx.ws, id);
    if (!text) return undefined;
    const before = JSON.stringify(text.toJSON());
    ctx.run.afterOp(() => ctx.run.log(`peer ${ctx.peer.index} ${field.name} of ${id}: ${before} -> ${JSON.stringify(text.toJSON())}`));
    return { text, id };
  };
  const block = (ctx: OpContext, text: CoRichText) => ctx.rng.int(0, text.blockCount - 1);
  return [
    {
      name: `${field.name}: rich insert`,
      weight: weight * 1.4,
      run(ctx) {
        const found = open(ctx);
        if (!found) return false;
        const { text } = found;
        const at = text.blockCount === 0 ? 0 : block(ctx, text);
        const offset = ctx.rng.pick(boundaries(text.blockText(at)));
        const marks = (['bold', 'italic', 'link'] as const).filter(() => ctx.rng.bool(0.2));
        const typedBefore = ctx.typed.length;
        text.insertText(at, offset, tokens(ctx), marks);
        const id = text.blockId(at);
        if (id) for (const token of ctx.typed.slice(typedBefore)) ctx.run.typedInBlock.set(token, id);
      },
    },
    {
      name: `${field.name}: rich delete`,
      weight: weight * 0.6,
      run(ctx) {
        const found = open(ctx);
        if (!found || found.text.blockCount === 0) return false;
        const at = block(ctx, found.text);
        const cuts = boundaries(found.text.blockText(at));
        if (cuts.length < 2) return false;
        const from = ctx.rng.int(0, cuts.length - 2);
        const to = Math.min(cuts.length - 1, from + ctx.rng.int(1, 3));
        found.text.deleteText(at, cuts[from]!, cuts[to]! - cuts[from]!);
      },
    },
    {
      name: `${field.name}: rich format`,
      weight: weight * 0.5,
      run(ctx) {
        const found = open(ctx);
        if (!found || found.text.blockCount === 0) return false;
        const at = block(ctx, found.text);
        const cuts = boundaries(found.text.blockText(at));
        if (cuts.length < 2) return false;
        const from = ctx.rng.int(0, cuts.length - 2);
        const to = ctx.rng.int(from + 1, cuts.length - 1);
        found.text.format(at, cuts[from]!, cuts[to]! - cuts[from]!, ctx.rng.pick(['bold', 'italic', 'link'] as const), ctx.rng.bool(0.6));
      },
    },
    {
      name: `${field.name}: rich block type`,
      weight: weight * 0.25,
      run(ctx) {
        const found = open(ctx);
        if (!found || found.text.blockCount === 0) return false;
        found.text.setBlockType(block(ctx, found.text), ctx.rng.pick(['paragraph', 'heading1', 'heading2'] as const));
      },
    },
    {
      name: `${field.name}: rich list wrap`,
      weight: weight * 0.2,
      run(ctx) {
        const found = open(ctx);
        if (!found || found.text.blockCount === 0) return false;
        return found.text.wrapInList(block(ctx, found.text), ctx.rng.pick(['bullet_list', 'ordered_list'] as const));
      },
    },
  ];
}

// ------------------------------------------------------------------------------------ the table

/** Check a move landed where asked; a miss is an error of the run. */
function expectAt(ctx: OpContext, what: string, list: readonly { id: string; order?: string }[] | readonly string[], id: string, index: number, before?: readonly { id: string; order?: string }[] | readonly string[]): void {
  const at = (list as readonly (string | { id: string })[]).findIndex((item) => (typeof item === 'string' ? item : item.id) === id);
  const show = (items: readonly (string | { id: string; order?: string })[]) => items.map((item) => (typeof item === 'string' ? item : `${item.id}@${item.order}`)).join(' ');
  if (at !== index) ctx.run.error(`peer ${ctx.peer.index} ${what}: ${id} asked to go to ${index}, is at ${at}${before ? `; before: ${show(before)}` : ''}; after: ${show(list)}`);
}

const removeAndRestore = (name: 'members' | 'topics' | 'focusPoints' | 'meetings' | 'practices' | 'versions', weight: number): Operation[] => [
  {
    name: `${name}.remove`,
    weight,
    run(ctx) {
      const live: BaseRecord[] = ctx.ws[name].list();
      if (live.length === 0) return false;
      const id = ctx.rng.pick(live).id;
      ctx.ws[name].remove(id);
      ctx.run.log(`peer ${ctx.peer.index} ${name}.remove ${id}`);
    },
  },
  {
    name: `${name}.restore`,
    weight: weight * 0.8,
    run(ctx) {
      const deleted: BaseRecord[] = ctx.ws[name].list({ deleted: 'only' });
      if (deleted.length === 0) return false;
      const id = ctx.rng.pick(deleted).id;
      ctx.ws[name].restore(id);
      ctx.run.log(`peer ${ctx.peer.index} ${name}.restore ${id}`);
    },
  },
];

export const OPERATIONS: Operation[] = [
  // ---------------------------------------------------------------- create
  {
    name: 'members.add',
    weight: 2.5,
    run(ctx) {
      const id = ctx.run.id('m-');
      const { rng } = ctx;
      ctx.ws.members.add({ name: cityName(rng), kind: rng.pick(MEMBER_KINDS), country: rng.pick(COUNTRIES), lead: rng.bool(0.2) }, id);
      ctx.run.recordCreated('members', id);
      ctx.run.log(`peer ${ctx.peer.index} members.add ${id}`);
    },
  },
  {
    name: 'topics.add',
    weight: 2.5,
    run(ctx) {
      const id = ctx.run.id('t-');
      const live = ctx.ws.topics.list();
      const index = ctx.rng.int(0, live.length + 1);
      ctx.ws.topics.add(someText(ctx), index, id);
      ctx.run.recordCreated('topics', id);
      expectAt(ctx, 'topics.add', ctx.ws.topics.list(), id, Math.min(index, live.length));
      ctx.run.log(`peer ${ctx.peer.index} topics.add ${id} at ${index}`);
    },
  },
  {
    name: 'focusPoints.add',
    weight: 6,
    run(ctx) {
      const topic = pick(ctx, ctx.ws.topics);
      if (!topic) return false;
      const { rng, ws } = ctx;
      const id = ctx.run.id('p-');
      const before = ws.focusPoints.ofTopic(topic.id).length;
      const index = rng.int(0, before + 1);
      const meetings = ws.meetings.list();
      ws.focusPoints.add(
        {
          topicId: topic.id,
          text: someText(ctx),
          status: rng.pick(FOCUS_POINT_STATUSES),
          owners: subset(rng, ids(ws.members.list())),
          meetingId: meetings.length > 0 && rng.bool(0.2) ? rng.pick(meetings).id : null,
        },
        index,
        id,
      );
      ctx.run.recordCreated('focusPoints', id);
      expectAt(ctx, 'focusPoints.add', ws.focusPoints.ofTopic(topic.id), id, Math.min(index, before));
      ctx.run.log(`peer ${ctx.peer.index} focusPoints.add ${id} in ${topic.id} at ${index}`);
    },
  },
  {
    name: 'meetings.add',
    weight: 1.5,
    run(ctx) {
      const { rng, ws } = ctx;
      const id = ctx.run.id('g-');
      ws.meetings.add(
        {
          title: `Meeting in ${rng.pick(CITIES)}`,
          date: isoDate(rng),
          participants: subset(rng, ids(ws.members.list())),
          agenda: subset(rng, ids(ws.topics.list())),
          notes: someText(ctx),
        },
        id,
      );
      ctx.run.recordCreated('meetings', id);
      ctx.run.log(`peer ${ctx.peer.index} meetings.add ${id}`);
    },
  },
  {
    name: 'practices.add',
    weight: 1.5,
    run(ctx) {
      const { rng, ws } = ctx;
      const id = ctx.run.id('r-');
      const members = ws.members.list();
      const draft: Parameters<Workspace['practices']['add']>[0] = {
        title: someText(ctx),
        memberId: members.length > 0 && rng.bool(0.7) ? rng.pick(members).id : null,
        topics: subset(rng, ids(ws.topics.list())),
        status: rng.pick(PRACTICE_STATUSES),
      };
      for (const section of PRACTICE_SECTIONS) if (rng.bool(0.4)) draft[section] = tokens(ctx);
      for (const field of PRACTICE_HEADER_TEXTS) if (rng.bool(0.3)) draft[field] = tokens(ctx);
      if (rng.bool(0.4)) Object.assign(draft, somePeriod(rng));
      ws.practices.add(draft, id);
      ctx.run.recordCreated('practices', id);
      ctx.run.log(`peer ${ctx.peer.index} practices.add ${id}`);
    },
  },
  {
    name: 'versions.save',
    weight: 1.2,
    run(ctx) {
      const id = ctx.run.id('v-');
      ctx.ws.versions.save(`Agreed ${ctx.rng.word()}`, ctx.rng.pick(PEOPLE), takeSnapshot(ctx.ws), id);
      ctx.run.recordCreated('versions', id);
      ctx.run.log(`peer ${ctx.peer.index} versions.save ${id}`);
    },
  },

  // ---------------------------------------------------------------- texts: every text field, insert, delete, set
  ...TEXT_FIELDS.flatMap(textOps),
  ...RICH_FIELDS.flatMap(richOps),
  {
    // A sheet or meeting written as plain text (by another program, or a layout-2 peer) gets its
    // fragments: on whichever peers run it, at once or not, the text must show once.
    name: 'rich: migrate',
    weight: 0.6,
    run(ctx) {
      const practices = ctx.ws.practices.migrateSections();
      const meetings = ctx.ws.meetings.migrateNotes();
      if (practices + meetings === 0) return false;
      ctx.run.log(`peer ${ctx.peer.index} rich: migrate ${practices} section(s), ${meetings} note(s)`);
    },
  },

  // ---------------------------------------------------------------- values
  {
    name: 'workspace.rename',
    weight: 0.4,
    run(ctx) {
      ctx.ws.rename(`Working group ${ctx.rng.word()}`);
    },
  },
  {
    name: 'members.update',
    weight: 2,
    run(ctx) {
      const member = pick(ctx, ctx.ws.members);
      if (!member) return false;
      const { rng } = ctx;
      const draft: Parameters<Workspace['members']['update']>[1] = {};
      if (rng.bool(0.5)) draft.name = cityName(rng);
      if (rng.bool(0.4)) draft.kind = rng.pick(MEMBER_KINDS);
      if (rng.bool(0.4)) draft.country = rng.pick(COUNTRIES);
      if (rng.bool(0.3)) draft.lead = rng.bool();
      ctx.ws.members.update(member.id, draft);
      ctx.run.log(`peer ${ctx.peer.index} members.update ${member.id} ${JSON.stringify(draft)}`);
    },
  },
  {
    name: 'focusPoints.setStatus',
    weight: 2,
    run(ctx) {
      const point = pick(ctx, ctx.ws.focusPoints);
      if (!point) return false;
      const status = ctx.rng.pick(FOCUS_POINT_STATUSES);
      ctx.ws.focusPoints.setStatus(point.id, status);
      ctx.run.log(`peer ${ctx.peer.index} focusPoints.setStatus ${point.id} ${status}`);
    },
  },
  {
    name: 'focusPoints.setMeeting',
    weight: 0.8,
    run(ctx) {
      const point = pick(ctx, ctx.ws.focusPoints);
      if (!point) return false;
      const meetings = ctx.ws.meetings.list();
      ctx.ws.focusPoints.setMeeting(point.id, meetings.length > 0 && ctx.rng.bool(0.7) ? ctx.rng.pick(meetings).id : null);
    },
  },
  {
    name: 'meetings.update',
    weight: 1.2,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      if (!meeting) return false;
      const { rng } = ctx;
      const draft: { title?: string; date?: string } = {};
      if (rng.bool(0.6)) draft.title = `Meeting ${rng.word()}`;
      if (!draft.title || rng.bool(0.5)) draft.date = isoDate(rng);
      ctx.ws.meetings.update(meeting.id, draft);
    },
  },
  {
    name: 'meetings.start',
    weight: 1,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      if (!meeting) return false;
      ctx.ws.meetings.start(meeting.id, personLabel(person(ctx)));
      ctx.run.log(`peer ${ctx.peer.index} meetings.start ${meeting.id}`);
    },
  },
  {
    name: 'meetings.end',
    weight: 0.8,
    run(ctx) {
      const live = ctx.ws.meetings.live();
      if (live.length === 0) return false;
      ctx.ws.meetings.end(ctx.rng.pick(live).id);
    },
  },
  {
    name: 'meetings.setChair',
    weight: 0.6,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      if (!meeting) return false;
      ctx.ws.meetings.setChair(meeting.id, ctx.rng.bool(0.2) ? '' : personLabel(person(ctx)));
    },
  },
  {
    name: 'meetings.setNowDiscussing',
    weight: 1,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      if (!meeting) return false;
      const topicId = meeting.agenda.length > 0 && ctx.rng.bool(0.8) ? ctx.rng.pick(meeting.agenda) : null;
      ctx.ws.meetings.setNowDiscussing(meeting.id, topicId);
    },
  },
  {
    name: 'practices.update',
    weight: 1.2,
    run(ctx) {
      const practice = pick(ctx, ctx.ws.practices);
      if (!practice) return false;
      const { rng } = ctx;
      const members = ctx.ws.members.list();
      const draft: { memberId?: string | null; status?: (typeof PRACTICE_STATUSES)[number] } = {};
      if (rng.bool(0.5)) draft.memberId = members.length > 0 && rng.bool(0.8) ? rng.pick(members).id : null;
      if (draft.memberId === undefined || rng.bool(0.5)) draft.status = rng.pick(PRACTICE_STATUSES);
      ctx.ws.practices.update(practice.id, draft);
    },
  },
  {
    name: 'practices.period',
    weight: 0.6,
    run(ctx) {
      const practice = pick(ctx, ctx.ws.practices);
      if (!practice) return false;
      const { periodStart, periodEnd } = somePeriod(ctx.rng);
      // Partners set the two ends apart too: one end kept as it is, the other changed.
      const keep = ctx.rng.pick(['none', 'start', 'end'] as const);
      const start = keep === 'start' ? practice.periodStart : periodStart;
      const end = keep === 'end' ? practice.periodEnd : periodEnd;
      if (start && end && end < start) return false;
      ctx.ws.practices.setPeriod(practice.id, start, end);
    },
  },
  {
    name: 'versions.rename',
    weight: 0.4,
    run(ctx) {
      const version = pick(ctx, ctx.ws.versions);
      if (!version) return false;
      ctx.ws.versions.rename(version.id, `Named ${ctx.rng.word()}`);
    },
  },

  // ---------------------------------------------------------------- order
  ...(['members', 'topics', 'practices'] as const).map(
    (name): Operation => ({
      name: `${name}.move`,
      weight: name === 'topics' ? 1.5 : 0.8,
      run(ctx) {
        const live: BaseRecord[] = ctx.ws[name].list();
        if (live.length < 2) return false;
        const id = ctx.rng.pick(live).id;
        const index = ctx.rng.int(0, live.length - 1);
        ctx.ws[name].move(id, index);
        expectAt(ctx, `${name}.move`, ctx.ws[name].list(), id, index);
        ctx.run.log(`peer ${ctx.peer.index} ${name}.move ${id} to ${index}`);
      },
    }),
  ),
  {
    name: 'focusPoints.move',
    weight: 3,
    run(ctx) {
      const point = pick(ctx, ctx.ws.focusPoints);
      if (!point) return false;
      const siblings = ctx.ws.focusPoints.ofTopic(point.topicId);
      const others = siblings.filter((p) => p.id !== point.id);
      const index = ctx.rng.int(0, others.length);
      ctx.ws.focusPoints.move(point.id, index);
      if (!point.deletedAt) expectAt(ctx, 'focusPoints.move', ctx.ws.focusPoints.ofTopic(point.topicId), point.id, index, siblings);
      ctx.run.log(`peer ${ctx.peer.index} focusPoints.move ${point.id} to ${index}`);
    },
  },
  {
    name: 'focusPoints.move to another topic',
    weight: 2,
    run(ctx) {
      const point = pick(ctx, ctx.ws.focusPoints);
      const topics = ctx.ws.topics.list().filter((t) => t.id !== point?.topicId);
      if (!point || topics.length === 0) return false;
      const topicId = ctx.rng.pick(topics).id;
      const index = ctx.rng.int(0, ctx.ws.focusPoints.ofTopic(topicId).length);
      ctx.ws.focusPoints.move(point.id, index, topicId);
      if (!point.deletedAt) expectAt(ctx, 'focusPoints.move to another topic', ctx.ws.focusPoints.ofTopic(topicId), point.id, index);
      ctx.run.log(`peer ${ctx.peer.index} focusPoints.move ${point.id} to ${topicId} at ${index}`);
    },
  },

  // ---------------------------------------------------------------- sets
  {
    name: 'focusPoints.setOwner',
    weight: 2,
    run(ctx) {
      const point = pick(ctx, ctx.ws.focusPoints);
      const members = ctx.ws.members.list({ deleted: 'include' });
      if (!point || members.length === 0) return false;
      const memberId = ctx.rng.pick(members).id;
      const owner = ctx.rng.bool(0.6);
      ctx.ws.focusPoints.setOwner(point.id, memberId, owner);
      ctx.run.log(`peer ${ctx.peer.index} focusPoints.setOwner ${point.id} ${memberId} ${owner}`);
    },
  },
  {
    name: 'meetings.setParticipant',
    weight: 1.2,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      const members = ctx.ws.members.list({ deleted: 'include' });
      if (!meeting || members.length === 0) return false;
      ctx.ws.meetings.setParticipant(meeting.id, ctx.rng.pick(members).id, ctx.rng.bool(0.6));
    },
  },
  {
    name: 'practices.setTopic',
    weight: 1.2,
    run(ctx) {
      const practice = pick(ctx, ctx.ws.practices);
      const topics = ctx.ws.topics.list({ deleted: 'include' });
      if (!practice || topics.length === 0) return false;
      ctx.ws.practices.setTopic(practice.id, ctx.rng.pick(topics).id, ctx.rng.bool(0.6));
    },
  },
  {
    name: 'meetings.addAttendee',
    weight: 1,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      if (!meeting) return false;
      const someone = person(ctx);
      ctx.ws.meetings.addAttendee(meeting.id, someone, memberForOrganisation(ctx.ws, someone.organisation));
      ctx.run.log(`peer ${ctx.peer.index} meetings.addAttendee ${meeting.id} ${JSON.stringify(someone)}`);
    },
  },
  {
    name: 'recordAttendance',
    weight: 0.6,
    run(ctx) {
      const live = ctx.ws.meetings.live();
      if (live.length === 0) return false;
      recordAttendance(ctx.ws, ctx.rng.pick(live).id, [person(ctx), person(ctx)]);
    },
  },

  // ---------------------------------------------------------------- agenda
  {
    name: 'meetings.addToAgenda',
    weight: 2,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      const topics = ctx.ws.topics.list().filter((t) => !meeting?.agenda.includes(t.id));
      if (!meeting || topics.length === 0) return false;
      const topicId = ctx.rng.pick(topics).id;
      const index = ctx.rng.bool(0.3) ? undefined : ctx.rng.int(0, meeting.agenda.length);
      ctx.ws.meetings.addToAgenda(meeting.id, topicId, index);
      expectAt(ctx, 'meetings.addToAgenda', ctx.ws.meetings.get(meeting.id)!.agenda, topicId, index ?? meeting.agenda.length);
      ctx.run.log(`peer ${ctx.peer.index} meetings.addToAgenda ${meeting.id} ${topicId} at ${index}`);
    },
  },
  {
    name: 'meetings.removeFromAgenda',
    weight: 1,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      if (!meeting || meeting.agenda.length === 0) return false;
      const topicId = ctx.rng.pick(meeting.agenda);
      ctx.ws.meetings.removeFromAgenda(meeting.id, topicId);
      if (ctx.ws.meetings.get(meeting.id)!.agenda.includes(topicId)) ctx.run.error(`peer ${ctx.peer.index} meetings.removeFromAgenda: ${topicId} still on the agenda of ${meeting.id}`);
      ctx.run.log(`peer ${ctx.peer.index} meetings.removeFromAgenda ${meeting.id} ${topicId}`);
    },
  },
  {
    name: 'meetings.moveInAgenda',
    weight: 1.5,
    run(ctx) {
      const meeting = pick(ctx, ctx.ws.meetings);
      if (!meeting || meeting.agenda.length < 2) return false;
      const topicId = ctx.rng.pick(meeting.agenda);
      const index = ctx.rng.int(0, meeting.agenda.length - 1);
      ctx.ws.meetings.moveInAgenda(meeting.id, topicId, index);
      expectAt(ctx, 'meetings.moveInAgenda', ctx.ws.meetings.get(meeting.id)!.agenda, topicId, index);
      ctx.run.log(`peer ${ctx.peer.index} meetings.moveInAgenda ${meeting.id} ${topicId} to ${index}`);
    },
  },

  // ---------------------------------------------------------------- soft delete and restore, every collection
  ...removeAndRestore('members', 0.6),
  ...removeAndRestore('topics', 0.8),
  ...removeAndRestore('focusPoints', 1.5),
  ...removeAndRestore('meetings', 0.6),
  ...removeAndRestore('practices', 0.6),
  ...removeAndRestore('versions', 0.4),

  // ---------------------------------------------------------------- versions
  {
    name: 'versions.restore',
    weight: 1.5,
    run(ctx) {
      const version = pick(ctx, ctx.ws.versions);
      if (!version) return false;
      const result = restoreVersion(ctx.ws, version.id);
      if (!result.ok) ctx.run.error(`peer ${ctx.peer.index} versions.restore ${version.id}: ${result.problem}`);
      else if (result.skipped.length) ctx.run.log(`peer ${ctx.peer.index} versions.restore ${version.id} skipped ${JSON.stringify(result.skipped)}`);
      ctx.run.log(`peer ${ctx.peer.index} versions.restore ${version.id}`);
    },
  },

  // ---------------------------------------------------------------- another program, writing raw Yjs
  {
    name: 'plain: focus point',
    weight: 1.2,
    run(ctx) {
      const topic = pick(ctx, ctx.ws.topics);
      if (!topic) return false;
      const { rng, ws } = ctx;
      const id = ctx.run.id('xp-');
      const siblings = ws.focusPoints.ofTopic(topic.id);
      const lastKey = siblings.map((p) => p.order).filter((k) => /^[0-9A-Za-z]+$/.test(k)).sort().at(-1) ?? null;
      const members = ids(ws.members.list());
      const variant = rng.pick(['text missing', 'text plain', 'text Y.Text'] as const);
      // Where it goes: as layout 2 says (`place`), as layout 1 did (`topicId` and `order`), or both.
      const placeVariant = rng.pick(['place', 'layout 1', 'both'] as const);
      const order = rng.bool(0.8) ? generateKeyBetween(lastKey, null) : rng.pick([undefined, 'a0', '!bad']);
      const fields: Record<string, unknown> = {
        id: rng.bool(0.8) ? id : undefined,
        place: placeVariant !== 'layout 1' ? { topicId: topic.id, order: order ?? 'a0' } : undefined,
        order: placeVariant !== 'place' ? order : undefined,
        createdAt: new Date().toISOString(),
        deletedAt: null,
        topicId: placeVariant !== 'place' ? topic.id : undefined,
        text: variant === 'text plain' ? tokens(ctx) : variant === 'text Y.Text' ? new Y.Text(tokens(ctx)) : undefined,
        status: rng.bool(0.8) ? rng.pick(FOCUS_POINT_STATUSES) : rng.pick([undefined, 'bogus']),
        owners: rng.pick([undefined, subset(rng, members), mapOf(subset(rng, members))]),
        meetingId: rng.bool(0.7) ? null : undefined,
      };
      writeRaw(ws, 'focusPoints', id, fields);
      ctx.run.recordCreated('focusPoints', id);
      ctx.run.log(`peer ${ctx.peer.index} plain focus point ${id} in ${topic.id} (${placeVariant} ${JSON.stringify(order)}, ${variant}, owners ${describeRaw(fields.owners)})`);
    },
  },
  {
    name: 'plain: topic',
    weight: 0.5,
    run(ctx) {
      const { rng, ws } = ctx;
      const id = ctx.run.id('xt-');
      const variant = rng.pick(['title missing', 'title plain', 'title Y.Text'] as const);
      writeRaw(ws, 'topics', id, {
        id,
        order: rng.bool(0.8) ? generateKeyBetween(ws.topics.list().at(-1)?.order.replace(/[^0-9A-Za-z]/g, '') || null, null) : undefined,
        createdAt: new Date().toISOString(),
        deletedAt: null,
        title: variant === 'title plain' ? tokens(ctx) : variant === 'title Y.Text' ? new Y.Text(tokens(ctx)) : undefined,
      });
      ctx.run.recordCreated('topics', id);
      ctx.run.log(`peer ${ctx.peer.index} plain topic ${id} (${variant})`);
    },
  },
  {
    name: 'plain: meeting',
    weight: 1,
    run(ctx) {
      const { rng, ws } = ctx;
      const id = ctx.run.id('xg-');
      const topics = ids(ws.topics.list());
      const members = ids(ws.members.list());
      const agenda = subset(rng, topics, 0.5);
      if (agenda.length > 0 && rng.bool(0.3)) agenda.push(agenda[0]!); // a plain program may repeat itself
      // Layout 2 keeps an agenda as topic id → order key; layout 1 kept a Y.Array; a program may write a plain list.
      const agendaVariant = rng.pick(['plain array', 'Y.Array', 'Y.Map', 'missing'] as const);
      const notesVariant = rng.pick(['plain', 'missing', 'Y.Text'] as const);
      writeRaw(ws, 'meetings', id, {
        id,
        order: 'a0',
        createdAt: new Date().toISOString(),
        deletedAt: null,
        title: `Imported ${rng.word()}`,
        date: isoDate(rng),
        participants: rng.pick([undefined, subset(rng, members), mapOf(subset(rng, members))]),
        agenda: agendaVariant === 'plain array' ? agenda : agendaVariant === 'Y.Array' ? arrayOf(agenda) : agendaVariant === 'Y.Map' ? orderedMapOf(agenda) : undefined,
        notes: notesVariant === 'plain' ? tokens(ctx) : notesVariant === 'Y.Text' ? new Y.Text(tokens(ctx)) : undefined,
        liveStatus: rng.pick([undefined, 'planned', 'live']),
        attendees: rng.pick([undefined, ['Anna|Amsterdam'], mapOf([])]),
      });
      ctx.run.recordCreated('meetings', id);
      ctx.run.log(`peer ${ctx.peer.index} plain meeting ${id} (agenda ${agendaVariant} ${JSON.stringify(agenda)}, notes ${notesVariant})`);
    },
  },
  {
    name: 'plain: practice',
    weight: 0.6,
    run(ctx) {
      const { rng, ws } = ctx;
      const id = ctx.run.id('xr-');
      const fields: Record<string, unknown> = {
        id,
        order: 'a0',
        createdAt: new Date().toISOString(),
        deletedAt: null,
        title: rng.bool(0.5) ? tokens(ctx) : undefined,
        memberId: null,
        topics: rng.pick([undefined, subset(rng, ids(ws.topics.list()))]),
        status: rng.pick([undefined, 'draft', 'final']),
        // Sheets from before the header fields, and other programs' values.
        periodStart: rng.pick([undefined, '2019-03', '2019-13', 2019]),
        periodEnd: rng.pick([undefined, '', '2023-06']),
      };
      for (const field of PRACTICE_HEADER_TEXTS) fields[field] = rng.pick([undefined, 'plain', 'Y.Text']) === 'plain' ? tokens(ctx) : rng.bool(0.3) ? new Y.Text(tokens(ctx)) : undefined;
      for (const section of PRACTICE_SECTIONS) fields[section] = rng.pick(['missing', 'plain', 'Y.Text']) === 'plain' ? tokens(ctx) : rng.bool(0.3) ? new Y.Text(tokens(ctx)) : undefined;
      writeRaw(ws, 'practices', id, fields);
      ctx.run.recordCreated('practices', id);
      ctx.run.log(`peer ${ctx.peer.index} plain practice ${id}`);
    },
  },
  {
    name: 'plain: member',
    weight: 0.4,
    run(ctx) {
      const { rng } = ctx;
      const id = ctx.run.id('xm-');
      writeRaw(ctx.ws, 'members', id, {
        id,
        order: rng.pick([undefined, 'a0', 'Zz']),
        createdAt: rng.pick([new Date().toISOString(), undefined, 'yesterday']),
        deletedAt: null,
        name: rng.pick([cityName(rng), undefined, 42]),
        kind: rng.pick(['city', 'town', undefined]),
        country: rng.pick(['NL', 'nl', undefined]),
        lead: rng.pick([true, 'yes', undefined]),
      });
      ctx.run.recordCreated('members', id);
    },
  },
];

/** Writes tried on a peer that joined empty and has not received the workspace: each must be refused. */
export const PRE_RECEIPT_WRITES: Operation[] = [
  { name: 'topics.add', weight: 1, run: (ctx) => void ctx.ws.topics.add(tokens(ctx), undefined, ctx.run.id('t-')) },
  { name: 'members.add', weight: 1, run: (ctx) => void ctx.ws.members.add({ name: cityName(ctx.rng) }, ctx.run.id('m-')) },
  { name: 'focusPoints.add', weight: 1, run: (ctx) => void ctx.ws.focusPoints.add({ topicId: 't-nowhere', text: tokens(ctx) }, undefined, ctx.run.id('p-')) },
  { name: 'meetings.add', weight: 1, run: (ctx) => void ctx.ws.meetings.add({ title: 'Early', date: isoDate(ctx.rng) }, ctx.run.id('g-')) },
  { name: 'practices.add', weight: 1, run: (ctx) => void ctx.ws.practices.add({ title: tokens(ctx) }, ctx.run.id('r-')) },
  { name: 'versions.save', weight: 1, run: (ctx) => void ctx.ws.versions.save('Early', 'Anna', takeSnapshot(ctx.ws), ctx.run.id('v-')) },
  { name: 'workspace.rename', weight: 1, run: (ctx) => ctx.ws.rename('Renamed too early') },
];

// ------------------------------------------------------------------------------------ raw Yjs

/**
 * A workspace as layout 1 kept it (docs/document.md before schemaVersion 2): points with `topicId`
 * and `order`, an agenda as a Y.Array. Written by peer 0 as the run's starting point; every peer
 * migrates it when it opens it (as the app does), so migrations run concurrently.
 */
export function writeLayout1Workspace(ctx: OpContext): void {
  const { rng, ws, run } = ctx;
  const text = () => new Y.Text(tokens(ctx));
  const now = new Date().toISOString();
  const record = (collection: string, id: string, fields: Record<string, unknown>) => {
    const map = new Y.Map<unknown>();
    ws.doc.getMap(collection).set(id, map);
    for (const [key, value] of Object.entries({ id, createdAt: now, deletedAt: null, ...fields })) if (value !== undefined) map.set(key, value);
    run.recordCreated(collection, id);
  };
  ws.doc.transact(() => {
    const meta = ws.doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('name', 'Fuzz working group (layout 1)');
    meta.set('description', rng.bool(0.7) ? text() : tokens(ctx));
    meta.set('createdAt', now);
    const member = run.id('lm-');
    record('members', member, { order: 'a0', name: rng.pick(CITIES), kind: 'city', country: 'NL', lead: true });
    const topics = [run.id('lt-'), run.id('lt-')];
    topics.forEach((id, i) => record('topics', id, { order: `a${i}`, title: text() }));
    for (let i = 0; i < 3; i++) {
      record('focusPoints', run.id('lp-'), {
        order: `a${i}`,
        topicId: topics[i % 2],
        text: text(),
        status: rng.pick(FOCUS_POINT_STATUSES),
        owners: mapOf(rng.bool() ? [member] : []),
        meetingId: null,
      });
    }
    record('meetings', run.id('lg-'), {
      order: 'a0',
      title: 'Kick-off',
      date: '2020-09-23',
      participants: mapOf([member]),
      agenda: arrayOf(rng.bool(0.5) ? [topics[1]!, topics[0]!] : [topics[0]!]),
      notes: text(),
    });
  }, 'layout-1-program');
}

/** Write a record the way another program might: a Y.Map attached first, then filled; undefined fields left out. */
function writeRaw(ws: Workspace, collection: string, id: string, fields: Record<string, unknown>): void {
  ws.doc.transact(() => {
    const record = new Y.Map<unknown>();
    ws.doc.getMap(collection).set(id, record);
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) record.set(key, value);
  }, 'plain-program');
}

function mapOf(keys: readonly string[]): Y.Map<boolean> {
  const map = new Y.Map<boolean>();
  for (const key of keys) map.set(key, true);
  return map;
}

function orderedMapOf(keys: readonly string[]): Y.Map<string> {
  const map = new Y.Map<string>();
  let previous: string | null = null;
  for (const key of new Set(keys)) map.set(key, (previous = generateKeyBetween(previous, null)));
  return map;
}

function arrayOf(items: readonly string[]): Y.Array<string> {
  const array = new Y.Array<string>();
  array.insert(0, [...items]);
  return array;
}

function describeRaw(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value instanceof Y.Map) return 'Y.Map';
  if (Array.isArray(value)) return 'plain array';
  return typeof value;
}

/** A practice's period: each end a month or '' (not given), the end never before the start. */
function somePeriod(rng: Prng): { periodStart: string; periodEnd: string } {
  const month = () => `${rng.int(2015, 2024)}-${String(rng.int(1, 12)).padStart(2, '0')}`;
  const a = rng.bool(0.8) ? month() : '';
  const b = rng.bool(0.5) ? month() : '';
  return a && b && b < a ? { periodStart: b, periodEnd: a } : { periodStart: a, periodEnd: b };
}
