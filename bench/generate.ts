// A seeded generator of a large, realistic workspace, built through the model's own API
// (src/model), with the history a working group would leave behind: every record created by its
// own transaction, then many small edits, each its own transaction, as the app makes them (one
// user action, one transaction: docs/document.md). Every update the document emits is kept, in
// order, grouped into "sessions" (one opening of the app: a Y.Doc with its own clientID, as a
// page load gets), with the pauses between bursts of typing marked, so bench/ can store the
// history in IndexedDB the way y-indexeddb would have stored it (docs/performance.md).
//
// Deterministic for a seed: ids, clientIDs, texts and the choice of every edit come from one
// seeded generator. Only the createdAt/deletedAt timestamps come from the clock (same length, so
// the same byte counts).
import { Workspace, FOCUS_POINT_STATUSES, PRACTICE_SECTIONS, PRACTICE_STATUSES, MEMBER_KINDS, type CoText, type CoRichText } from '../src/model';

export interface GenerateOptions {
  seed?: number;
  topics?: number;
  pointsPerTopic?: number;
  practices?: number;
  /** Characters per practice sheet section (five sections per sheet). */
  sectionChars?: number;
  meetings?: number;
  members?: number;
  /** Small edits after everything is created: keystrokes, deletions, status changes, moves. */
  edits?: number;
  /** Updates per session (a new clientID each): one opening of the app. */
  sessionUpdates?: number;
  /** Points of each topic, in order (overrides pointsPerTopic; as many entries as topics). */
  topicPoints?: number[] | null;
  /** Keep every update, in sessions (false: only the final state is wanted, and made faster). */
  recordUpdates?: boolean;
}

export const FULL_SIZE: Required<GenerateOptions> = {
  seed: 20191201,
  topics: 50,
  pointsPerTopic: 200,
  practices: 200,
  sectionChars: 1000,
  meetings: 100,
  members: 24,
  edits: 100_000,
  sessionUpdates: 2_000,
  topicPoints: null,
  recordUpdates: true,
};

/** One session's updates, and after which of them the person paused (a burst of typing ended). */
export interface Session {
  clientId: number;
  updates: Uint8Array[];
  /** Indexes into `updates`: a pause follows updates[i]. Always ends with updates.length - 1. */
  pausesAfter: number[];
}

export interface GeneratedWorkspace {
  workspace: Workspace;
  sessions: Session[];
  /** What a screen showing the workspace must show: for the benchmarks' "shown" checks. */
  expected: {
    name: string;
    topics: number;
    livePoints: number;
    firstTopicId: string;
    firstTopicTitle: string;
    firstTopicPoints: number;
    firstPointId: string;
    firstPointText: string;
    /** The first topic's first (up to) ten points, in order: where the bench's call types. */
    firstTopicPointIds: string[];
  };
  stats: {
    updates: number;
    updateBytes: number;
    sessions: number;
    creations: number;
    edits: Record<EditKind, number>;
    stateBytes: number;
    generateMs: number;
    createMs: number;
  };
}

export type EditKind = 'insert' | 'delete' | 'status' | 'move' | 'owner' | 'practiceStatus' | 'participant';

/** mulberry32: small, fast, good enough for choosing edits. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'port city cities prevention money laundering licence licences network victims police exchange practice ' +
  'evaluation local authority authorities cooperation organised crime drug trafficking human beings ' +
  'municipal administrative approach barrier model partners region regional national forum european level ' +
  'working group meeting agenda notes budget objectives activities context shipping companies customs ' +
  'awareness training officers social services youth housing real estate night economy mayor council ' +
  'data sharing privacy legal framework pilot project funding report recommendations survey interviews ' +
  'community resilience integrity screening procurement permits inspection follow-up timeline milestone'
).split(' ');

const CITIES = [
  'Amsterdam', 'Rotterdam', 'Antwerp', 'Hamburg', 'Lisbon', 'Stuttgart', 'Vilvoorde', 'Genoa', 'Marseille', 'Barcelona',
  'Valencia', 'Gdansk', 'Riga', 'Tallinn', 'Piraeus', 'Trieste', 'Le Havre', 'Bremen', 'Malmo', 'Aarhus', 'Cork', 'Bilbao',
  'Naples', 'Turin',
];
const COUNTRIES = ['NL', 'NL', 'BE', 'DE', 'PT', 'DE', 'BE', 'IT', 'FR', 'ES', 'ES', 'PL', 'LV', 'EE', 'GR', 'IT', 'FR', 'DE', 'SE', 'DK', 'IE', 'ES', 'IT', 'IT'];

export function generateWorkspace(options: GenerateOptions = {}): GeneratedWorkspace {
  const o = { ...FULL_SIZE, ...options };
  const started = performance.now();
  const random = prng(o.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const between = (lo: number, hi: number) => lo + int(hi - lo + 1);
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const id = () => Array.from({ length: 16 }, () => ALPHABET[int(64)]).join('');
  const sentence = (chars: number) => {
    let text = '';
    while (text.length < chars) text += (text ? ' ' : '') + pick(WORDS);
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  };
  const paragraph = (chars: number) => {
    let text = '';
    while (text.length < chars) text += (text ? ' ' : '') + sentence(between(40, 140));
    return text;
  };

  const workspace = new Workspace();
  const doc = workspace.doc;
  const sessions: Session[] = [];
  let session!: Session;
  const newSession = () => {
    session = { clientId: 1 + int(0xfffffffe), updates: [], pausesAfter: [] };
    // Each opening of the app is a new Y.Doc, so a new clientID (y-indexeddb keeps none).
    doc.clientID = session.clientId;
    sessions.push(session);
  };
  newSession();
  let updateBytes = 0;
  if (o.recordUpdates) {
    doc.on('update', (update: Uint8Array) => {
      session.updates.push(update);
      updateBytes += update.byteLength;
    });
  }
  /** The person paused (the end of an action or of a burst of typing); maybe the session ends. */
  const pause = () => {
    if (!o.recordUpdates) return;
    const last = session.updates.length - 1;
    if (last < 0) return;
    if (session.pausesAfter.at(-1) !== last) session.pausesAfter.push(last);
    if (session.updates.length >= o.sessionUpdates) newSession();
  };

  // The group and its records, each created by its own transaction.
  workspace.initialise({ name: 'Ports, money flows and prevention', description: paragraph(400), createdAt: '2019-12-01T00:00:00.000Z' });
  pause();
  const memberIds: string[] = [];
  for (let i = 0; i < o.members; i++) {
    const c = i % CITIES.length;
    memberIds.push(workspace.members.add({ name: CITIES[c]!, kind: i % 7 === 6 ? pick(MEMBER_KINDS) : 'city', country: COUNTRIES[c]!, lead: i < 2 }, id()));
    pause();
  }
  const topicIds: string[] = [];
  for (let t = 0; t < o.topics; t++) {
    topicIds.push(workspace.topics.add(`${sentence(between(20, 60)).slice(0, -1)}`, undefined, id()));
    pause();
  }
  const meetingIds: string[] = [];
  for (let m = 0; m < o.meetings; m++) {
    const date = new Date(Date.UTC(2020, 0, 1) + m * 14 * 86_400_000).toISOString().slice(0, 10);
    meetingIds.push(
      workspace.meetings.add(
        {
          title: `Working group meeting ${m + 1}: ${sentence(between(15, 40)).slice(0, -1)}`,
          date,
          participants: memberIds.filter(() => random() < 0.4),
          agenda: Array.from({ length: between(2, 5) }, () => pick(topicIds)),
          notes: paragraph(between(300, 1500)),
        },
        id(),
      ),
    );
    pause();
  }
  if (o.topicPoints && o.topicPoints.length !== o.topics) throw new Error(`topicPoints has ${o.topicPoints.length} entries for ${o.topics} topics`);
  const pointIds: string[][] = topicIds.map(() => []);
  for (let t = 0; t < o.topics; t++) {
    for (let p = 0; p < (o.topicPoints?.[t] ?? o.pointsPerTopic); p++) {
      pointIds[t]!.push(
        workspace.focusPoints.add(
          {
            topicId: topicIds[t]!,
            text: sentence(between(40, 240)),
            status: random() < 0.5 ? 'proposed' : pick(FOCUS_POINT_STATUSES),
            owners: memberIds.filter(() => random() < 0.06),
            meetingId: random() < 0.3 ? pick(meetingIds) : null,
          },
          undefined,
          id(),
        ),
      );
      pause();
    }
  }
  const practiceIds: string[] = [];
  for (let s = 0; s < o.practices; s++) {
    const sections = Object.fromEntries(PRACTICE_SECTIONS.map((section) => [section, paragraph(Math.round(o.sectionChars * (0.8 + 0.4 * random())))]));
    practiceIds.push(
      workspace.practices.add(
        {
          title: sentence(between(20, 70)).slice(0, -1),
          memberId: pick(memberIds),
          topics: topicIds.filter(() => random() < 0.05),
          status: pick(PRACTICE_STATUSES),
          ...sections,
        },
        id(),
      ),
    );
    pause();
  }
  const creations = sessions.reduce((n, s) => n + s.updates.length, 0);
  const createdMs = performance.now() - started;

  // The history: small edits, each its own transaction. Typing comes in bursts at one caret, with
  // typos corrected by Backspace; the rest are single actions. A session works mostly on a few
  // records (its "hot" topics, practice sheets and meetings), as a working session does.
  const edits: Record<EditKind, number> = { insert: 0, delete: 0, status: 0, move: 0, owner: 0, practiceStatus: 0, participant: 0 };
  let hot = { topics: [0], practices: [0], meetings: [0] };
  let hotFor: Session | null = null;
  const chooseHot = () => {
    hot = {
      topics: Array.from({ length: 3 }, () => int(o.topics)),
      practices: Array.from({ length: 4 }, () => int(o.practices)),
      meetings: Array.from({ length: 2 }, () => int(o.meetings)),
    };
    hotFor = session;
  };
  const anyPoint = (): string => {
    const t = random() < 0.85 ? pick(hot.topics) : int(o.topics);
    return pick(pointIds[t]!);
  };
  const typingTarget = (): CoText | CoRichText => {
    const r = random();
    if (r < 0.62 || o.practices === 0) return workspace.focusPoints.textOf(anyPoint())!;
    if (r < 0.87) {
      const p = random() < 0.85 ? practiceIds[pick(hot.practices)]! : pick(practiceIds);
      return workspace.practices.section(p, pick(PRACTICE_SECTIONS))!;
    }
    if (r < 0.99 && o.meetings > 0) return workspace.meetings.notes(random() < 0.85 ? meetingIds[pick(hot.meetings)]! : pick(meetingIds))!;
    return workspace.topics.title(pick(topicIds))!;
  };
  const word = () => pick(WORDS);
  let done = 0;
  while (done < o.edits) {
    if (hotFor !== session) chooseHot();
    // Per action: typing bursts average ~21 keystrokes, so these weights make the single actions
    // about 7% of all edits (status ~3.4%, moves ~2.3%, owners, practice status, participants).
    const r = random();
    if (r < 0.3) {
      workspace.focusPoints.setStatus(anyPoint(), pick(FOCUS_POINT_STATUSES));
      edits.status++;
    } else if (r < 0.5) {
      const t = random() < 0.85 ? pick(hot.topics) : int(o.topics);
      const pointId = pick(pointIds[t]!);
      workspace.focusPoints.move(pointId, int(pointIds[t]!.length));
      edits.move++;
    } else if (r < 0.56 && memberIds.length > 0) {
      const pointId = anyPoint();
      const member = pick(memberIds);
      workspace.focusPoints.setOwner(pointId, member, !workspace.focusPoints.get(pointId)!.owners.includes(member));
      edits.owner++;
    } else if (r < 0.59 && o.practices > 0) {
      workspace.practices.update(pick(practiceIds), { status: pick(PRACTICE_STATUSES) });
      edits.practiceStatus++;
    } else if (r < 0.62 && o.meetings > 0 && memberIds.length > 0) {
      const meetingId = pick(meetingIds);
      const member = pick(memberIds);
      workspace.meetings.setParticipant(meetingId, member, !workspace.meetings.get(meetingId)!.participants.includes(member));
      edits.participant++;
    } else {
      // A burst of typing at one caret: at the end of the text, or after a word in the middle.
      const text = typingTarget();
      let caret = random() < 0.6 ? text.length : nearWordEnd(text.value, int(text.length + 1));
      const length = between(3, 40);
      const typed = ` ${Array.from({ length: 8 }, word).join(' ')}`;
      for (let k = 0; k < length && done < o.edits; k++, done++) {
        const q = random();
        if (q < 0.1 && caret > 0) {
          text.delete(caret - 1, 1); // Backspace
          caret--;
          edits.delete++;
        } else if (q < 0.115 && caret > 6) {
          text.delete(caret - 6, 6); // a selected word deleted
          caret -= 6;
          edits.delete++;
        } else {
          text.insert(caret, typed[k % typed.length]!); // one keystroke
          caret++;
          edits.insert++;
        }
      }
      pause();
      continue;
    }
    done++;
    pause();
  }

  const stateBytes = workspace.encodeState().byteLength;
  const firstTopic = workspace.topics.list()[0]!;
  const firstPoints = workspace.focusPoints.ofTopic(firstTopic.id);
  const livePoints = workspace.topics.list().reduce((n, topic) => n + workspace.focusPoints.countOfTopic(topic.id), 0);
  // The last session may be empty (a new one starts after a full one).
  if (sessions.at(-1)?.updates.length === 0) sessions.pop();
  return {
    workspace,
    sessions,
    expected: {
      name: workspace.meta().name,
      topics: workspace.topics.list().length,
      livePoints,
      firstTopicId: firstTopic.id,
      firstTopicTitle: firstTopic.title,
      firstTopicPoints: firstPoints.length,
      firstPointId: firstPoints[0]!.id,
      firstPointText: firstPoints[0]!.text,
      firstTopicPointIds: firstPoints.slice(0, 10).map((point) => point.id),
    },
    stats: {
      updates: sessions.reduce((n, s) => n + s.updates.length, 0),
      updateBytes,
      sessions: sessions.length,
      creations,
      edits,
      stateBytes,
      generateMs: performance.now() - started,
      createMs: createdMs,
    },
  };
}

/** A caret position at the end of a word near `at`. */
function nearWordEnd(text: string, at: number): number {
  const next = text.indexOf(' ', at);
  return next < 0 ? text.length : next;
}
