import * as Y from 'yjs';
import { vi } from 'vitest';
import * as model from '../../src/model';
import { Workspace, WorkspaceNotReceived } from '../../src/model';
import { stateForNewPeer } from '../../src/model/new-peer';
import { Prng } from '../unit/helpers';
import { Network } from './network';
import { OPERATIONS, PRE_RECEIPT_WRITES, writeLayout1Workspace, type OpContext, type Operation } from './operations';
import { Tokens, tokensIn } from './tokens';

/**
 * Seeded convergence fuzz (issue 9), in the style of yjs tests/testHelper.js applyRandomTests:
 * five peers make random operations of every kind the model offers (operations.ts, one table
 * entry per operation) while the network (network.ts) partitions, drops, reorders and
 * duplicates their updates, and peers join empty mid-run. Some peers open the workspace from a
 * stored copy at the start, and answer a peer who joins empty with what they opened with and every
 * change since (stateForNewPeer, src/model/new-peer.ts). Then everything is delivered and what the model's API
 * reads is compared on every peer:
 *
 * - divergent: any peer reads anything differently (every list, deleted included, every record's
 *   fields and repairs, meta, problems, each topic's points), or the Yjs states differ, or a
 *   peer's topic index disagrees with its own list, or a whole state sent to a new peer is not,
 *   once applied, the sender's document (its state vector and deletions);
 * - duplicated: a record listed twice, a point under two topics, an id twice in an agenda or a set;
 * - lost: a record created and never listed, a token typed and never deleted that is missing
 *   from a peer's texts, or an id put in a set or an agenda and never taken out that is not there.
 *   from a peer's texts. Deletions are known exactly: each operation's peer is diffed before and
 *   after it, and a token it had before and not after was deleted by someone on purpose.
 *
 * A seed replays exactly: fixed client ids, ids and values from the seeded PRNG, a fake clock.
 */

export const PEERS = 5;

export interface RunResult {
  seed: number;
  divergent: string[];
  duplicated: string[];
  lost: string[];
  /** An operation threw when it should not have, or did not do what it says (a move not landing). */
  errors: string[];
  ops: Record<string, number>;
  trace: string[];
}

export interface Summary {
  runs: number;
  firstSeed: number;
  divergent: number;
  duplicated: number;
  lost: number;
  errors: number;
  failures: RunResult[];
  /** Every run's trace, when tracing. */
  traces: { seed: number; trace: string[] }[];
  ops: Record<string, number>;
  ms: number;
}

export interface FuzzOptions {
  /** Keep every operation's description (for replaying one seed). */
  trace?: boolean;
  /** Peer operations in a run (default: 30 to 90, from the seed). */
  steps?: number;
}

export interface Peer {
  index: number;
  doc: Y.Doc;
  ws: Workspace;
  /** Joined with an empty document: refuses writes until it has received the workspace. */
  joiner: boolean;
  /** The harness's view: the document holds the workspace as peer 0 created it (hasTheWorkspace). */
  received: boolean;
  /** Has made its first write since receiving (checked to work). */
  wroteAfterReceipt: boolean;
}

/** Everything one run knows: shared by the operations (operations.ts). */
export class Run {
  readonly rng: Prng;
  readonly tokens = new Tokens();
  readonly net: Network;
  readonly peers: (Peer | null)[] = Array.from({ length: PEERS }, () => null);
  /** Every token typed, and every token some operation deleted (seen gone on its own peer). */
  readonly typed = new Set<string>();
  readonly deleted = new Set<string>();
  /** Tokens typed into a rich-text block, with the block's id: a block replaced by a partner's block change takes them with it. */
  readonly typedInBlock = new Map<string, Y.ID>();
  /** Set and agenda entries (`meetings/ID.agenda:TOPIC`) some operation added, and some operation removed. */
  readonly linked = new Map<string, string>();
  readonly unlinked = new Set<string>();
  /** Every record id created, by collection. */
  readonly created = new Map<string, Set<string>>();
  readonly ops: Record<string, number> = {};
  readonly trace: string[] = [];
  readonly errors: string[] = [];
  step = 0;

  constructor(
    readonly seed: number,
    readonly options: FuzzOptions,
  ) {
    this.rng = new Prng(seed);
    this.net = new Network(PEERS, this.rng);
  }

  /** A fresh id from the seeded PRNG (the model's own newId is random). */
  id(prefix: string): string {
    return `${prefix}${this.rng.id()}`;
  }

  recordCreated(collection: string, id: string): void {
    let ids = this.created.get(collection);
    if (!ids) this.created.set(collection, (ids = new Set()));
    ids.add(id);
  }

  log(line: string): void {
    if (this.options.trace) this.trace.push(`#${this.step} ${line}`);
  }

  error(line: string): void {
    this.errors.push(`step ${this.step}: ${line}`);
    this.log(`ERROR ${line}`);
  }

  private readonly pendingLogs: (() => void)[] = [];

  /** Log something once the current operation is done (a text's value after the edit). */
  afterOp(fn: () => void): void {
    if (this.options.trace) this.pendingLogs.push(fn);
  }

  flushLogs(): void {
    for (const fn of this.pendingLogs.splice(0)) fn();
  }

  count(name: string): void {
    this.ops[name] = (this.ops[name] ?? 0) + 1;
  }

  addPeer(index: number, joiner: boolean): Peer {
    const doc = new Y.Doc();
    doc.clientID = index + 1;
    // A peer that joins with an empty document refuses writes until it has the workspace.
    const ws = joiner ? new Workspace(doc, { refuseWritesUntilReceived: true }) : new Workspace(doc);
    const peer: Peer = { index, doc, ws, joiner, received: !joiner, wroteAfterReceipt: !joiner };
    this.peers[index] = peer;
    this.net.attach(index, doc);
    return peer;
  }

  live(): Peer[] {
    return this.peers.filter((p): p is Peer => p !== null);
  }
}

const clockStart = Date.UTC(2024, 2, 1, 8, 0, 0);

/** One seeded run. */
export function runSeed(seed: number, options: FuzzOptions = {}): RunResult {
  const run = new Run(seed, options);
  const { rng, net } = run;
  vi.setSystemTime(clockStart);
  try {
    // Peer 0 creates the workspace; some peers have it from the start, the others join empty later.
    const creator = run.addPeer(0, false);
    if (rng.bool(0.25)) {
      // A workspace saved by layout 1: each peer migrates it when it first opens it.
      const ctx: OpContext = { run, peer: creator, ws: creator.ws, rng, typed: [] };
      writeLayout1Workspace(ctx);
      for (const token of ctx.typed) run.typed.add(token);
      creator.wroteAfterReceipt = false;
      run.count('start.layout1');
      run.log('peer 0 writes a layout-1 workspace');
    } else {
      const description = run.tokens.next(0, false) + run.tokens.next(0, false);
      creator.ws.initialise({ name: 'Fuzz working group', description });
      for (const token of tokensIn(description)) run.typed.add(token);
    }
    const startWith = rng.int(2, PEERS);
    for (let i = 1; i < startWith; i++) {
      const peer = run.addPeer(i, true);
      if (rng.bool(0.5)) {
        // It had the workspace stored, merged, from an earlier session, and opens from it
        // (persistence.ts): it answers peers who join empty with that and what changed since.
        peer.ws.applyUpdates([Y.encodeStateAsUpdate(creator.doc)], 'fuzz-stored', { keepAsOpened: true });
        run.count('start.opened from stored');
        run.log(`peer ${i} opens the workspace from its stored copy`);
      } else net.handshake(0, i);
    }
    net.wholeState = (index) => {
      const peer = run.peers[index];
      const whole = peer ? stateForNewPeer(peer.ws) : null;
      if (whole) run.count('net.whole state to a new peer');
      return whole;
    };
    const joinAt = new Map<number, number>();
    const steps = options.steps ?? rng.int(30, 90);
    for (let i = startWith; i < PEERS; i++) joinAt.set(i, rng.int(0, steps - 1));

    for (run.step = 0; run.step < steps; run.step++) {
      vi.setSystemTime(clockStart + run.step * 61_000);
      for (const [index, at] of joinAt) {
        if (at === run.step) {
          run.addPeer(index, true);
          run.count('net.join');
          run.log(`peer ${index} joins, empty`);
        }
      }
      weather(run);
      for (const peer of run.live()) if (!peer.received && hasTheWorkspace(peer.doc)) peer.received = true;
      let peer = rng.pick(run.live());
      // A peer still waiting for the workspace tries a write now and then; mostly the others act.
      if (!peer.received && rng.bool(0.7)) peer = rng.pick(run.live().filter((p) => p.received));
      if (!peer.received) preReceiptWrite(run, peer);
      else peerOperation(run, peer);
    }
    const settled = net.settle();
    const result = check(run);
    result.divergent.push(...net.failures);
    if (!settled) result.divergent.push('the peers never went quiet: they kept writing in answer to each other');
    return result;
  } catch (error) {
    run.error(`the harness stopped: ${describeError(error)}`);
    return { seed, divergent: [], duplicated: [], lost: [], errors: run.errors, ops: run.ops, trace: run.trace };
  } finally {
    net.destroy();
    for (const peer of run.live()) peer.doc.destroy();
  }
}

/**
 * Whether a joiner holds the workspace: what peer 0 (client id 1) wrote to create it. Yjs
 * integrates a client's items in clock order, so holding any of client 1's items means holding
 * its first transaction, the creation. (Not "meta has schemaVersion": a partner's migration
 * rewrites that key, and while its new value waits for an earlier update the key reads missing.)
 */
function hasTheWorkspace(doc: Y.Doc): boolean {
  return doc.store.clients.has(1);
}

/** The network's turn: partitions, heals, deliveries, handshakes. */
function weather(run: Run): void {
  const { rng, net } = run;
  const roll = rng.next();
  if (roll < 0.05) {
    const groupOf = Array.from({ length: PEERS }, () => rng.int(0, 2));
    net.partition(groupOf);
    run.count('net.partition');
    run.log(`partition ${groupOf.join('')}`);
  } else if (roll < 0.09) {
    net.heal();
    run.count('net.heal');
    run.log('heal');
  }
  if (rng.bool(0.5)) {
    const delivered = net.deliver(rng.int(1, 8));
    if (delivered > 0) run.count('net.deliver');
  }
  if (rng.bool(0.12)) {
    const a = rng.int(0, PEERS - 1);
    const b = rng.int(0, PEERS - 1);
    if (net.attached(a) && net.attached(b) && a !== b && net.isUp(a, b)) {
      net.handshake(a, b);
      run.count('net.handshake');
      run.log(`handshake ${a}<->${b}`);
    }
  }
}

/** Every text a peer's API shows (meta description, every text field of every readable record). */
export function textsOf(ws: Workspace): Map<string, string> {
  const texts = new Map<string, string>();
  texts.set('meta.description', ws.meta().description);
  for (const t of ws.topics.list({ deleted: 'include' })) texts.set(`topics/${t.id}.title`, t.title);
  for (const p of ws.focusPoints.list({ deleted: 'include' })) texts.set(`focusPoints/${p.id}.text`, p.text);
  for (const m of ws.meetings.list({ deleted: 'include' })) texts.set(`meetings/${m.id}.notes`, m.notes);
  for (const p of ws.practices.list({ deleted: 'include' })) {
    texts.set(`practices/${p.id}.title`, p.title);
    for (const section of model.PRACTICE_SECTIONS) texts.set(`practices/${p.id}.${section}`, p[section]);
    for (const field of model.PRACTICE_HEADER_TEXTS) texts.set(`practices/${p.id}.${field}`, p[field]);
  }
  return texts;
}

/** Every entry of every set and agenda a peer's API shows, as `collection/id.field:member`. */
export function entriesOf(ws: Workspace): Set<string> {
  const entries = new Set<string>();
  const add = (where: string, members: readonly string[]) => {
    for (const member of members) entries.add(`${where}:${member}`);
  };
  for (const p of ws.focusPoints.list({ deleted: 'include' })) add(`focusPoints/${p.id}.owners`, p.owners);
  for (const m of ws.meetings.list({ deleted: 'include' })) {
    add(`meetings/${m.id}.participants`, m.participants);
    add(`meetings/${m.id}.attendees`, m.attendees);
    add(`meetings/${m.id}.agenda`, m.agenda);
  }
  for (const p of ws.practices.list({ deleted: 'include' })) add(`practices/${p.id}.topics`, p.topics);
  return entries;
}

function tokenSet(ws: Workspace, texts = textsOf(ws)): Set<string> {
  const set = new Set<string>();
  for (const text of texts.values()) for (const token of tokensIn(text)) set.add(token);
  return set;
}

/** Pick an operation that applies, run it on `peer`, and note which tokens it typed and deleted. */
function peerOperation(run: Run, peer: Peer): void {
  if (!peer.wroteAfterReceipt) {
    postReceiptWrite(run, peer);
    return;
  }
  const before = tokenSet(peer.ws);
  const entriesBefore = entriesOf(peer.ws);
  const ctx: OpContext = { run, peer, ws: peer.ws, rng: run.rng, typed: [] };
  let done: Operation | null = null;
  for (let attempt = 0; attempt < 8 && !done; attempt++) {
    const op = pickWeighted(run.rng, OPERATIONS);
    try {
      if (op.run(ctx) !== false) done = op;
    } catch (error) {
      run.error(`peer ${peer.index} ${op.name}: ${describeError(error)}`);
      done = op;
    }
  }
  run.flushLogs();
  if (!done) return;
  run.count(done.name);
  const texts = textsOf(peer.ws);
  const after = tokenSet(peer.ws, texts);
  for (const token of before) if (!after.has(token)) run.deleted.add(token);
  const entriesAfter = entriesOf(peer.ws);
  for (const entry of entriesBefore) if (!entriesAfter.has(entry)) run.unlinked.add(entry);
  for (const entry of entriesAfter) if (!entriesBefore.has(entry) && !run.linked.has(entry)) run.linked.set(entry, `step ${run.step} peer ${peer.index} ${done.name}`);
  for (const token of ctx.typed) {
    run.typed.add(token);
    const field = [...texts].find(([, text]) => text.includes(token))?.[0];
    run.tokens.note(token, `step ${run.step} peer ${peer.index} ${done.name}${field ? ` into ${field}` : ''}`);
    if (!after.has(token)) run.error(`peer ${peer.index} ${done.name}: typed ${run.tokens.label(token)} but it is not in its texts right after`);
  }
}

function pickWeighted(rng: Prng, ops: readonly Operation[]): Operation {
  let total = 0;
  for (const op of ops) total += op.weight;
  let roll = rng.next() * total;
  for (const op of ops) {
    roll -= op.weight;
    if (roll < 0) return op;
  }
  return ops[ops.length - 1]!;
}

/** A peer that joined empty tries to write before it has the workspace: refused, and nothing changes. */
function preReceiptWrite(run: Run, peer: Peer): void {
  const write = run.rng.pick(PRE_RECEIPT_WRITES);
  run.count('receipt.refused');
  const state = Y.encodeStateAsUpdate(peer.doc);
  let updates = 0;
  const onUpdate = () => updates++;
  peer.doc.on('update', onUpdate);
  const ctx: OpContext = { run, peer, ws: peer.ws, rng: run.rng, typed: [] };
  try {
    write.run(ctx);
    const meta = peer.doc.getMap('meta');
    run.error(`peer ${peer.index} (empty) ${write.name} before receiving the workspace did not throw (its meta holds only ${JSON.stringify([...meta.keys()])})`);
  } catch (error) {
    if (!(error instanceof WorkspaceNotReceived)) run.error(`peer ${peer.index} (empty) ${write.name} threw ${describeError(error)}, not WorkspaceNotReceived`);
  } finally {
    peer.doc.off('update', onUpdate);
  }
  const after = Y.encodeStateAsUpdate(peer.doc);
  if (updates > 0 || !sameBytes(state, after)) run.error(`peer ${peer.index} (empty) ${write.name} was refused but changed the document`);
  run.log(`peer ${peer.index} (empty) ${write.name}: refused`);
}

/** The first write of a joined peer once it has the workspace works. */
function postReceiptWrite(run: Run, peer: Peer): void {
  peer.wroteAfterReceipt = true;
  // Opening a workspace of an older layout migrates it (src/state/session.ts). Not diffed like an
  // operation: a migration deletes nothing, so whatever it loses shows as lost.
  if (peer.ws.needsMigration()) {
    try {
      const done = peer.ws.migrate();
      run.log(`peer ${peer.index} migrates: ${done.join('; ')}`);
    } catch (error) {
      run.error(`peer ${peer.index}: migrate() threw ${describeError(error)}`);
    }
    run.count('receipt.migrate');
  }
  const id = run.id('t-');
  try {
    const title = run.tokens.next(peer.index, false);
    peer.ws.topics.add(title, undefined, id);
    run.recordCreated('topics', id);
    run.typed.add(title);
    if (peer.ws.topics.get(id)?.title !== title) run.error(`peer ${peer.index}: the topic added right after receiving the workspace does not read back`);
  } catch (error) {
    run.error(`peer ${peer.index}: a write after receiving the workspace threw ${describeError(error)}`);
  }
  run.count('receipt.firstWrite');
  run.log(`peer ${peer.index} received the workspace; topics.add ${id}`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${process.env.FUZZ_STACKS ? `\n${error.stack}` : ''}`;
  return String(error);
}

// ------------------------------------------------------------------------------------ oracles

const COLLECTIONS = ['members', 'topics', 'focusPoints', 'meetings', 'practices', 'versions'] as const;

/** Everything the API reads, in a form to compare between peers. */
export function viewOf(ws: Workspace) {
  const collections = Object.fromEntries(
    COLLECTIONS.map((name) => [
      name,
      {
        list: ws[name].list({ deleted: 'include' }),
        reads: ws[name]
          .readAll()
          .map((r) => (r.ok ? { id: r.record.id, repaired: [...r.repaired].sort() } : r))
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      },
    ]),
  );
  const topicIds = [...new Set(['', ...ws.topics.list({ deleted: 'include' }).map((t) => t.id), ...ws.focusPoints.list({ deleted: 'include' }).map((p) => p.topicId)])].sort();
  return {
    meta: ws.meta(),
    compatibility: ws.compatibility(),
    problems: ws.problems(),
    collections,
    ofTopic: Object.fromEntries(topicIds.map((t) => [t, { live: ws.focusPoints.ofTopic(t).map((p) => p.id), deleted: ws.focusPoints.ofTopic(t, 'only').map((p) => p.id) }])),
    meetingsByDate: ws.meetings.byDate().map((m) => m.id),
    liveMeetings: ws.meetings.live().map((m) => m.id),
    versionsNewestFirst: ws.versions.newestFirst().map((v) => v.id),
  };
}

function check(run: Run): RunResult {
  const result: RunResult = { seed: run.seed, divergent: [], duplicated: [], lost: [], errors: run.errors, ops: run.ops, trace: run.trace };
  const peers = run.live();
  const views = peers.map((p) => viewOf(p.ws));
  const first = views[0]!;
  const firstJson = JSON.stringify(first);
  for (let i = 1; i < peers.length; i++) {
    if (JSON.stringify(views[i]) !== firstJson) result.divergent.push(`peer ${peers[i]!.index} reads differently from peer ${peers[0]!.index}: ${firstDifference(first, views[i], '')}`);
  }
  const yjs0 = canonical(peers[0]!.doc.toJSON());
  for (const peer of peers.slice(1)) {
    if (canonical(peer.doc.toJSON()) !== yjs0) result.divergent.push(`peer ${peer.index}'s Yjs document differs from peer 0's`);
  }

  for (const [p, peer] of peers.entries()) {
    const view = views[p]!;
    const ws = peer.ws;
    const who = `peer ${peer.index}`;
    // The topic index agrees with the list it indexes.
    for (const [topicId, lists] of Object.entries(view.ofTopic)) {
      const all = view.collections.focusPoints!.list as model.FocusPoint[];
      const live = all.filter((fp) => fp.topicId === topicId && !fp.deletedAt).map((fp) => fp.id);
      const deleted = all.filter((fp) => fp.topicId === topicId && fp.deletedAt).map((fp) => fp.id);
      if (JSON.stringify(live) !== JSON.stringify(lists.live) || JSON.stringify(deleted) !== JSON.stringify(lists.deleted)) {
        result.divergent.push(`${who}: ofTopic(${topicId}) lists ${JSON.stringify(lists)} but its points are ${JSON.stringify({ live, deleted })}`);
      }
    }
    // Nothing twice.
    for (const name of COLLECTIONS) {
      const ids = (view.collections[name]!.list as { id: string }[]).map((r) => r.id);
      const twice = repeated(ids);
      if (twice.length) result.duplicated.push(`${who}: ${name} lists ${twice.join(', ')} twice`);
    }
    const placed = Object.values(view.ofTopic).flatMap((l) => [...l.live, ...l.deleted]);
    const twicePlaced = repeated(placed);
    if (twicePlaced.length) result.duplicated.push(`${who}: focus points under two topics: ${twicePlaced.join(', ')}`);
    for (const m of ws.meetings.list({ deleted: 'include' })) {
      for (const field of ['agenda', 'participants', 'attendees'] as const) {
        const twice = repeated(m[field]);
        if (twice.length) result.duplicated.push(`${who}: meeting ${m.id} has ${twice.join(', ')} twice in ${field}`);
      }
    }
    for (const fp of ws.focusPoints.list({ deleted: 'include' })) {
      const twice = repeated(fp.owners);
      if (twice.length) result.duplicated.push(`${who}: point ${fp.id} has owners ${twice.join(', ')} twice`);
    }
    for (const pr of ws.practices.list({ deleted: 'include' })) {
      const twice = repeated(pr.topics);
      if (twice.length) result.duplicated.push(`${who}: practice ${pr.id} has topics ${twice.join(', ')} twice`);
    }
    // Nothing lost: every record created is listed, every token typed and not deleted is in a text.
    for (const [name, ids] of run.created) {
      const listed = new Set((view.collections[name]!.list as { id: string }[]).map((r) => r.id));
      const missing = [...ids].filter((id) => !listed.has(id));
      if (missing.length) result.lost.push(`${who}: ${name} ${missing.join(', ')} created but not listed`);
    }
    const texts = textsOf(ws);
    const present = tokenSet(ws, texts);
    // A token typed into a rich-text block that a concurrent block change replaced went with that
    // block (y-prosemirror behaves the same): deleted, not lost.
    const deletedSet = Y.createDeleteSetFromStructStore(ws.doc.store);
    const wentWithBlock = (t: string) => {
      const block = run.typedInBlock.get(t);
      return block !== undefined && Y.isDeleted(deletedSet, block);
    };
    const missing = [...run.typed].filter((t) => !run.deleted.has(t) && !present.has(t) && !wentWithBlock(t));
    if (missing.length) result.lost.push(`${who}: ${missing.length} token(s) typed, never deleted, missing: ${missing.slice(0, 8).map((t) => run.tokens.label(t)).join(' ')}`);
    const entries = entriesOf(ws);
    const gone = [...run.linked].filter(([entry]) => !run.unlinked.has(entry) && !entries.has(entry));
    if (gone.length) result.lost.push(`${who}: ${gone.length} set or agenda entr${gone.length === 1 ? 'y' : 'ies'} added, never removed, missing: ${gone.slice(0, 6).map(([entry, where]) => `${entry} (${where})`).join(', ')}`);
    for (const [field, text] of texts) if (LONE_SURROGATE.test(text)) result.lost.push(`${who}: ${field} has half a surrogate pair: ${JSON.stringify(text)}`);
  }
  moveAfterConvergence(run, result);
  result.divergent = mergePeers(result.divergent);
  result.duplicated = mergePeers(result.duplicated);
  result.lost = mergePeers(result.lost);
  return result;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Once everyone agrees, a move on one peer still lands exactly where asked, on every peer. */
function moveAfterConvergence(run: Run, result: RunResult): void {
  if (result.divergent.length) return;
  const peers = run.live();
  const mover = peers[peers.length - 1]!;
  const topic = mover.ws.topics.list().find((t) => mover.ws.focusPoints.ofTopic(t.id).length >= 3);
  if (!topic) return;
  const moving = mover.ws.focusPoints.ofTopic(topic.id)[0]!.id;
  try {
    mover.ws.focusPoints.move(moving, 2);
  } catch (error) {
    run.error(`after convergence, peer ${mover.index} focusPoints.move: ${describeError(error)}`);
    return;
  }
  run.net.settle();
  for (const peer of peers) {
    const at = peer.ws.focusPoints.ofTopic(topic.id).findIndex((p) => p.id === moving);
    if (at !== 2) result.divergent.push(`peer ${peer.index}: after convergence, ${moving} moved to 2 on peer ${mover.index} is at ${at}`);
  }
  run.count('check.moveAfterConvergence');
}

/** "peer 0: X", "peer 1: X"… as one "peers 0, 1: X". */
function mergePeers(findings: string[]): string[] {
  const byText = new Map<string, string[]>();
  for (const finding of findings) {
    const match = /^peer (\d+): ([^]*)$/.exec(finding);
    const [peer, text] = match ? [match[1]!, match[2]!] : ['', finding];
    let peers = byText.get(text);
    if (!peers) byText.set(text, (peers = []));
    if (peer) peers.push(peer);
  }
  return [...byText].map(([text, peers]) => (peers.length === 0 ? text : `${peers.length === 1 ? 'peer' : 'peers'} ${peers.join(', ')}: ${text}`));
}

/** JSON with object keys sorted: Y.Map's toJSON lists keys in the order this peer learnt them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function repeated(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const item of items) (seen.has(item) ? twice : seen).add(item);
  return [...twice];
}

/** Where two values first differ, as a path and the two values (shortened). */
function firstDifference(a: unknown, b: unknown, path: string): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '(equal)';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (JSON.stringify(x) !== JSON.stringify(y)) {
        const label = Array.isArray(a) && x && typeof x === 'object' && 'id' in x ? `${key}(${(x as { id: string }).id})` : key;
        return firstDifference(x, y, path ? `${path}.${label}` : label);
      }
    }
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 300);
  return `${path}: ${show(a)} vs ${show(b)}`;
}

// ------------------------------------------------------------------------------------ many runs

/** `runs` seeds from `firstSeed` on; fake Date for the whole batch. */
export function runMany(runs: number, firstSeed: number, options: FuzzOptions = {}): Summary {
  const started = performance.now();
  const summary: Summary = { runs, firstSeed, divergent: 0, duplicated: 0, lost: 0, errors: 0, failures: [], traces: [], ops: {}, ms: 0 };
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (let i = 0; i < runs; i++) {
      const result = runSeed(firstSeed + i, options);
      if (options.trace) summary.traces.push({ seed: result.seed, trace: result.trace });
      for (const [name, n] of Object.entries(result.ops)) summary.ops[name] = (summary.ops[name] ?? 0) + n;
      if (result.divergent.length) summary.divergent++;
      if (result.duplicated.length) summary.duplicated++;
      if (result.lost.length) summary.lost++;
      if (result.errors.length) summary.errors++;
      if (result.divergent.length || result.duplicated.length || result.lost.length || result.errors.length) summary.failures.push(result);
    }
  } finally {
    vi.useRealTimers();
  }
  summary.ms = performance.now() - started;
  return summary;
}

export function summaryLine(s: Pick<Summary, 'runs' | 'divergent' | 'duplicated' | 'lost'>): string {
  return `fuzz: ${s.runs} runs, ${s.divergent} divergent, ${s.duplicated} duplicated, ${s.lost} lost`;
}

/** What a failing run says: each finding, and the command that replays it. */
export function describeFailure(result: RunResult): string {
  const lines = [`seed ${result.seed} failed. Replay: npm run fuzz -- --runs 1 --seed ${result.seed}`];
  for (const [kind, items] of [
    ['divergent', result.divergent],
    ['duplicated', result.duplicated],
    ['lost', result.lost],
    ['error', result.errors],
  ] as const) {
    for (const item of items.slice(0, 6)) lines.push(`  ${kind}: ${item}`);
    if (items.length > 6) lines.push(`  … and ${items.length - 6} more ${kind}`);
  }
  return lines.join('\n');
}
