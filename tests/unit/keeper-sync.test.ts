import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { SealedLog, Workspace, coveredStateVector, encodeDeletions, readUpdate } from '../../src/model';
import { deriveKeeperKeys, keeperDocumentName, newEntryId, sealEntry, unsealEntry, type KeeperKeys } from '../../src/sync/keeper/keys';
import { KeeperSync, memoryInMemory, type KeeperMemoryStore, type KeeperTuning } from '../../src/sync/keeper/sync';
import { Prng } from './helpers';

/**
 * The member's side of the keeper (src/sync/keeper/sync.ts) with the keeper played by a plain
 * SealedLog: members' logs and the keeper's exchange state-vector diffs when a test says so, as
 * a Hocuspocus provider does on connecting. Nothing moves in between: edits are concurrent.
 */

const SECRET = 'Lj2k9sQw-TkX3vNa0bYc7dEf';
// Large bounds and timers: these tests compact and catch up by calling the methods themselves.
const QUIET: Partial<KeeperTuning> = { flushMs: 1_000_000, catchUpMs: 1_000_000, compactEntries: 1_000_000, compactBytes: 1 << 30, compactJitterMs: 0 };

class Keeper {
  readonly log = new SealedLog();
  exchange(log: SealedLog): void {
    const toKeeper = Y.encodeStateAsUpdate(log.doc, Y.encodeStateVector(this.log.doc));
    const toMember = Y.encodeStateAsUpdate(this.log.doc, Y.encodeStateVector(log.doc));
    Y.applyUpdate(this.log.doc, toKeeper, 'member');
    Y.applyUpdate(log.doc, toMember, 'keeper');
  }
  /** A keeper that loses entries (a bad disk, a bad operator). */
  drop(ids: string[]): void {
    this.log.doc.transact(() => {
      for (const id of ids) this.log.doc.getMap('entries').delete(id);
    }, 'dropped');
  }
  /** Anything anyone with the token could add: the keeper's operator, say. */
  put(id: string, value: unknown): void {
    this.log.doc.getMap('entries').set(id, value);
  }
}

class Member {
  workspace: Workspace;
  sync!: KeeperSync;
  readonly log = new SealedLog();
  readonly memory: KeeperMemoryStore = memoryInMemory();
  constructor(
    readonly keys: KeeperKeys,
    readonly keeper: Keeper,
    workspace = new Workspace(),
    private readonly tuning: Partial<KeeperTuning> = QUIET,
    private readonly random: () => number = Math.random,
  ) {
    this.workspace = workspace;
  }
  async start(): Promise<this> {
    this.sync = new KeeperSync({ keys: this.keys, workspace: this.workspace, log: this.log, memory: this.memory, tuning: this.tuning, random: this.random });
    await this.sync.start();
    return this;
  }
  /** Talk to the keeper: send and receive, then let the member read what came. */
  async connect(): Promise<void> {
    await this.sync.flush();
    this.keeper.exchange(this.log);
    this.sync.setSynced(true);
    await this.sync.idle();
    this.keeper.exchange(this.log);
    await this.sync.idle();
  }
  /**
   * Close the tab and open it again: the stored workspace (a new client id), the stored log.
   * A tab closed as browsers do stashes what it had not sealed (pagehide); a crash does not.
   */
  async restart(how: 'closed' | 'crashed' = 'crashed'): Promise<void> {
    if (how === 'closed') this.sync.stash();
    this.sync.destroy();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.workspace.doc), 'storage');
    this.workspace.destroy();
    this.workspace = new Workspace(doc);
    await this.start();
  }
  stop(): void {
    this.sync.destroy();
    this.workspace.destroy();
  }
}

const members: Member[] = [];
afterEach(() => {
  for (const member of members.splice(0)) member.stop();
});

async function group(count: number, keeper = new Keeper(), tuning: Partial<KeeperTuning> = QUIET, random?: () => number): Promise<{ keeper: Keeper; members: Member[] }> {
  const keys = await deriveKeeperKeys(SECRET);
  const made: Member[] = [];
  for (let i = 0; i < count; i++) {
    const member = await new Member(keys, keeper, new Workspace(), tuning, random).start();
    made.push(member);
    members.push(member);
  }
  return { keeper, members: made };
}

function content(workspace: Workspace) {
  return {
    name: workspace.meta().name,
    topics: workspace.topics.list().map((topic) => ({ title: topic.title, points: workspace.focusPoints.ofTopic(topic.id).map((p) => [p.text, p.status]) })),
  };
}

describe('keeper keys and sealing (docs/keeper.md test vectors)', () => {
  it('derives the document name and token from the secret, and seals as the contract says', async () => {
    const keys = await deriveKeeperKeys(SECRET);
    expect(keys.token).toBe('LLvN8dagKRzxehrBfOIzpk09EPU2Sfx_D_AHiWmFQWo');
    expect(keys.documentName).toBe('tavola-k1-FWlfTWTZbAdnxiNXzSdGAkVSj1rdcoCo5XqUTk0Lsm4');
    expect(await keeperDocumentName(keys.token)).toBe(keys.documentName);
    // Neither the secret nor the WebRTC room name appears in what the keeper sees.
    expect(keys.documentName).not.toContain(SECRET);
    expect(keys.token).not.toContain(SECRET);
    const sealed = await sealEntry(keys, 'AAAAAAAAAAAAAAAAAAAAAA', 'changes', new Uint8Array([0, 0]), new Uint8Array(12));
    expect(Buffer.from(sealed).toString('hex')).toBe('01000000000000000000000000177d7161be37d422706747713bd9a5ab4136ed');
    expect(await unsealEntry(keys, 'AAAAAAAAAAAAAAAAAAAAAA', sealed)).toEqual({ kind: 'changes', update: new Uint8Array([0, 0]) });
  });

  it('refuses an entry moved under another id, into another workspace, tampered with, or sealed with another key', async () => {
    const keys = await deriveKeeperKeys(SECRET);
    const other = await deriveKeeperKeys('another-secret-of-24-chars');
    const update = Y.encodeStateAsUpdate(new Workspace().doc);
    const id = newEntryId();
    const sealed = await sealEntry(keys, id, 'snapshot', update);
    expect((await unsealEntry(keys, id, sealed))?.kind).toBe('snapshot');
    expect(await unsealEntry(keys, newEntryId(), sealed)).toBeNull();
    expect(await unsealEntry({ ...keys, documentName: other.documentName }, id, sealed)).toBeNull();
    expect(await unsealEntry(other, id, sealed)).toBeNull();
    const tampered = sealed.slice();
    tampered[20] = tampered[20]! ^ 1;
    expect(await unsealEntry(keys, id, tampered)).toBeNull();
    expect(await unsealEntry(keys, id, new Uint8Array(3))).toBeNull();
    // Two seals of the same change never share a nonce.
    const again = await sealEntry(keys, id, 'snapshot', update);
    expect(Buffer.from(again.subarray(1, 13)).equals(Buffer.from(sealed.subarray(1, 13)))).toBe(false);
  });
});

describe('KeeperSync', () => {
  it('carries A’s work to B, who is never online at the same time, and B’s back to A', async () => {
    const { members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports working group' });
    const topic = a!.workspace.topics.add('Organised crime in ports');
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Share container risk profiles' });
    await a!.connect();
    expect(a!.sync.stats()).toMatchObject({ unreadable: 0, pending: 0 });

    await b!.connect();
    expect(content(b!.workspace)).toEqual(content(a!.workspace));
    b!.workspace.focusPoints.add({ topicId: topic, text: 'Joint inspections in Rotterdam' });
    await b!.connect();

    await a!.connect();
    expect(a!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['Share container risk profiles', 'Joint inspections in Rotterdam']);
  });

  it('seals only its own changes, and nothing doubles when a change also came over WebRTC', async () => {
    const { keeper, members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    await b!.connect();
    const before = keeper.log.size;
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Both ways' });
    // B gets it over WebRTC first, then A's entry from the keeper.
    Y.applyUpdate(b!.workspace.doc, Y.encodeStateAsUpdate(a!.workspace.doc, Y.encodeStateVector(b!.workspace.doc)), 'webrtc');
    await a!.connect();
    await b!.connect();
    expect(keeper.log.size).toBe(before + 1);
    expect(b!.sync.stats().sealed).toBe(0);
    expect(b!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['Both ways']);
  });

  it('ignores and counts garbage, replays, moved entries and another workspace’s entries; every document stays whole', async () => {
    const { keeper, members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Kept' });
    await a!.connect();
    const [realId] = keeper.log.ids();
    const real = keeper.log.get(realId!)!;
    const other = await deriveKeeperKeys('another-secret-of-24-chars');
    keeper.put(newEntryId(), new Uint8Array([1, 2, 3, 4]));
    keeper.put(newEntryId(), crypto.getRandomValues(new Uint8Array(300)));
    keeper.put(newEntryId(), 'not even bytes');
    keeper.put(newEntryId(), real); // the same bytes under another id
    keeper.put(newEntryId(), await sealEntry(other, 'x', 'changes', Y.encodeStateAsUpdate(new Y.Doc())));
    // A link holder sealing something that is not a Yjs update.
    const badId = newEntryId();
    keeper.put(badId, await sealEntry(a!.keys, badId, 'changes', new Uint8Array([9, 9, 9, 9, 9])));
    await b!.connect();
    expect(b!.sync.stats().unreadable).toBe(6);
    expect(content(b!.workspace)).toEqual(content(a!.workspace));
    expect(b!.workspace.problems()).toEqual([]);
    // A replay: the same entry again after it was compacted away applies nothing new.
    await b!.sync.compactNow(true);
    await b!.connect();
    expect(keeper.log.has(realId!)).toBe(false);
    keeper.put(realId!, real);
    await a!.connect();
    expect(content(a!.workspace)).toEqual(content(b!.workspace));
    expect(a!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['Kept']);
  });

  it('brings a whole workspace to a keeper that has none of it, at the first check', async () => {
    const keys = await deriveKeeperKeys(SECRET);
    const keeper = new Keeper();
    const existing = new Workspace();
    existing.initialise({ name: 'Made before the keeper' });
    existing.topics.add('Old topic');
    const a = await new Member(keys, keeper, existing).start();
    members.push(a);
    await a.connect();
    expect(a.sync.stats().sealed).toBe(1);
    const { members: [b] } = await group(1, keeper);
    await b!.connect();
    expect(content(b!.workspace)).toEqual(content(existing));
    // A new member brings nothing back: the keeper has it all.
    expect(b!.sync.stats().sealed).toBe(0);
    await b!.sync.catchUpNow();
    await b!.sync.catchUpNow();
    expect(b!.sync.stats().sealed).toBe(0);
  });

  it('seals, at its second check, what a partner without a keeper sent over WebRTC', async () => {
    const { keeper, members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    await b!.connect();
    const noKeeper = new Workspace();
    Y.applyUpdate(noKeeper.doc, Y.encodeStateAsUpdate(a!.workspace.doc), 'webrtc');
    noKeeper.focusPoints.add({ topicId: topic, text: 'From a partner with no keeper' });
    Y.applyUpdate(a!.workspace.doc, Y.encodeStateAsUpdate(noKeeper.doc), 'webrtc');
    const sealed = a!.sync.stats().sealed;
    await a!.sync.catchUpNow();
    expect(a!.sync.stats().sealed).toBe(sealed);
    await a!.sync.catchUpNow();
    expect(a!.sync.stats().sealed).toBe(sealed + 1);
    await a!.connect();
    await b!.connect();
    expect(b!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['From a partner with no keeper']);
    expect(keeper.log.size).toBeGreaterThan(0);
    noKeeper.destroy();
  });

  it('heals a keeper that dropped entries, and a batch lost when a tab closed before sealing it', async () => {
    const { keeper, members: [a, b, c] } = await group(3);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    a!.workspace.focusPoints.add({ topicId: topic, text: 'One' });
    await a!.connect();
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Two' });
    await a!.connect();
    keeper.drop(keeper.log.ids().slice(-1));
    a!.workspace.focusPoints.add({ topicId: topic, text: 'Three, never sealed' });
    await a!.restart();
    await a!.connect();
    await b!.connect();
    expect(b!.workspace.problems()).toEqual([]);
    // Two checks later, A has sealed again what the keeper lost and what the closed tab never sealed.
    await a!.sync.catchUpNow();
    await a!.sync.catchUpNow();
    await a!.connect();
    await c!.connect();
    expect(c!.workspace.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['One', 'Two', 'Three, never sealed']);
  });

  it('seals again, at its second check, a deletion that never reached the log (a crash before sealing, an entry the keeper dropped)', async () => {
    const { keeper, members: [a, b, c] } = await group(3);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    const point = a!.workspace.focusPoints.add({ topicId: topic, text: 'Count the cruise calls' });
    await a!.connect();
    await b!.connect();
    // Only deletions: no new clock, so comparing state vectors alone never finds them. A's tab
    // crashes before sealing hers; the keeper loses B's entry.
    a!.workspace.focusPoints.textOf(point)!.set('Count the calls');
    await a!.restart('crashed');
    const before = new Set(keeper.log.ids());
    b!.workspace.focusPoints.textOf(point)!.set('Count cruise calls');
    await b!.connect();
    keeper.drop(keeper.log.ids().filter((id) => !before.has(id)));
    await a!.connect();
    await c!.connect();
    expect(c!.workspace.focusPoints.get(point)?.text).toBe('Count the cruise calls');
    // The first check (on connecting) notes what is missing, the second seals it.
    await a!.sync.catchUpNow();
    await a!.connect();
    // B learns that its entry is gone when it next talks to the keeper.
    await b!.connect();
    await b!.sync.catchUpNow();
    await b!.sync.catchUpNow();
    await b!.connect();
    await c!.connect();
    expect(c!.workspace.focusPoints.get(point)?.text).toBe('Count calls');
    await a!.connect();
    expect(c!.workspace.focusPoints.get(point)?.text).toBe(a!.workspace.focusPoints.get(point)?.text);
    expect(c!.workspace.focusPoints.get(point)?.text).toBe(b!.workspace.focusPoints.get(point)?.text);
    expect(c!.workspace.focusPoints.get(point)?.text).not.toBe('Count the cruise calls');
  });

  it('reads the clocks an update holds without its gaps: a snapshot of a copy with changes waiting for others does not claim them', () => {
    const source = new Workspace();
    source.initialise({ name: 'Ports' });
    const first = source.encodeState();
    const vector = source.stateVector();
    const topic = source.topics.add('Ports');
    const middle = source.encodeStateSince(vector);
    const vector2 = source.stateVector();
    source.focusPoints.add({ topicId: topic, text: 'Later' });
    const last = source.encodeStateSince(vector2);
    // A copy that has the first and last changes but not the middle one: the last waits (pending).
    const copy = new Workspace();
    copy.applyUpdate(first, 'test');
    copy.applyUpdate(last, 'test');
    const snapshot = copy.encodeState();
    const { span } = readUpdate(snapshot);
    const client = source.clientId;
    const ranges = span.get(client)!;
    expect(ranges.length).toBe(2);
    expect(coveredStateVector([span]).get(client)).toBe(vector.get(client));
    // With the middle change too, it covers everything up to the source's clock.
    expect(coveredStateVector([span, readUpdate(middle).span]).get(client)).toBe(source.stateVector().get(client));
    // And deletions are read: a text shortened, as ranges of the deleted clocks.
    const text = source.focusPoints.textOf(source.focusPoints.ofTopic(topic)[0]!.id)!;
    const before = source.stateVector();
    text.set('Lat');
    const deletions = readUpdate(source.encodeStateSince(before));
    expect(deletions.span.size).toBe(0);
    expect([...deletions.deletes.values()].flat().reduce((sum, [from, to]) => sum + to - from, 0)).toBe(2);
    const alone = encodeDeletions(deletions.deletes);
    const other = new Workspace();
    other.applyUpdate(first, 'test');
    other.applyUpdate(middle, 'test');
    other.applyUpdate(last, 'test');
    other.applyUpdate(alone, 'test');
    expect(other.focusPoints.ofTopic(topic)[0]!.text).toBe('Lat');
  });

  it('applies again an entry remembered as applied whose changes the stored workspace lost (a tab closed before IndexedDB wrote them)', async () => {
    const { members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    await b!.connect();
    expect(b!.sync.stats().applied).toBe(1);
    // B's memory says applied; its stored workspace came back empty.
    b!.sync.destroy();
    b!.workspace.destroy();
    b!.workspace = new Workspace();
    await b!.start();
    await b!.connect();
    expect(b!.workspace.topics.get(topic)?.title).toBe('Ports');
    // And an entry it really holds is not applied twice.
    await b!.restart();
    await b!.connect();
    expect(b!.sync.stats().applied).toBe(0);
  });

  it('a tab that closes before sealing a deletion stashes it, and the next session seals it', async () => {
    const { members: [a, b] } = await group(2);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    const point = a!.workspace.focusPoints.add({ topicId: topic, text: 'Shore power now' });
    await a!.connect();
    // Only deletions: no new characters, so the state vector does not move.
    a!.workspace.focusPoints.textOf(point)!.set('Shore power');
    expect(a!.sync.stats().pending).toBe(1);
    await a!.restart('closed');
    await a!.sync.idle();
    await a!.connect();
    await b!.connect();
    expect(b!.workspace.focusPoints.get(point)?.text).toBe('Shore power');
  });

  it('remembers, across a reload, that its entries have not reached a keeper yet, and when they did', async () => {
    const { members: [a] } = await group(1);
    a!.workspace.initialise({ name: 'Ports' });
    await a!.sync.flush();
    expect(a!.sync.unsent).toBe(true);
    // Closed before any keeper acknowledged it.
    await a!.restart();
    expect(a!.sync.unsent).toBe(true);
    expect(a!.sync.reachedAt).toBeNull();
    a!.sync.markReached(1_000);
    expect(a!.sync).toMatchObject({ unsent: false, reachedAt: 1_000 });
    // Nothing new: a later acknowledgement does not move the time.
    a!.sync.markReached(2_000);
    expect(a!.sync.reachedAt).toBe(1_000);
    await a!.restart();
    expect(a!.sync).toMatchObject({ unsent: false, reachedAt: 1_000 });
  });

  it('two members compacting at once lose nothing, and a third one’s concurrent entry stays', async () => {
    const { keeper, members: [a, b, c] } = await group(3);
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    await a!.connect();
    for (const member of [a!, b!, c!]) await member.connect();
    for (let i = 0; i < 5; i++) {
      for (const [n, member] of [a!, b!, c!].entries()) {
        member.workspace.focusPoints.add({ topicId: topic, text: `p${i}-${n}` });
        await member.connect();
      }
    }
    const before = keeper.log.size;
    // A and B each have something the other has not seen; C adds during their compaction.
    a!.workspace.focusPoints.add({ topicId: topic, text: 'only A saw this' });
    await a!.sync.flush();
    b!.workspace.focusPoints.add({ topicId: topic, text: 'only B saw this' });
    await b!.sync.flush();
    c!.workspace.focusPoints.add({ topicId: topic, text: 'C, meanwhile' });
    await c!.sync.flush();
    expect(await a!.sync.compactNow(true)).toBe(true);
    expect(await b!.sync.compactNow(true)).toBe(true);
    keeper.exchange(c!.log);
    keeper.exchange(a!.log);
    keeper.exchange(b!.log);
    // Two snapshots, C's entry of meanwhile, and C's last entry of the rounds, which neither A nor B had read.
    expect(keeper.log.size).toBe(4);
    expect(keeper.log.size).toBeLessThan(before);
    const { members: [d] } = await group(1, keeper);
    await d!.connect();
    const texts = d!.workspace.focusPoints.ofTopic(topic).map((p) => p.text);
    expect(texts).toHaveLength(18);
    expect(texts).toEqual(expect.arrayContaining(['only A saw this', 'only B saw this', 'C, meanwhile']));
    // The next compaction makes it one snapshot again.
    expect(await d!.sync.compactNow(false)).toBe(true);
    keeper.exchange(d!.log);
    expect(keeper.log.size).toBe(1);
  });

  it('compacts by itself when the log grows past its bounds', async () => {
    const { keeper, members: [a, b] } = await group(2, new Keeper(), { ...QUIET, compactEntries: 10 });
    a!.workspace.initialise({ name: 'Ports' });
    const topic = a!.workspace.topics.add('Ports');
    for (let i = 0; i < 25; i++) {
      a!.workspace.focusPoints.add({ topicId: topic, text: `point ${i}` });
      await a!.connect();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await a!.sync.idle();
    }
    await a!.connect();
    expect(a!.sync.stats().compactions).toBeGreaterThan(0);
    expect(keeper.log.size).toBeLessThanOrEqual(11);
    await b!.connect();
    expect(b!.workspace.focusPoints.ofTopic(topic)).toHaveLength(25);
  });
});

/**
 * Seeded random runs over every operation a member and a keeper can do: edit, seal, talk to the
 * keeper, hear a partner over WebRTC, compact, check for gaps, close the tab before sealing, and
 * a keeper that drops entries or holds garbage. At the end everyone talks to the keeper only, and
 * every copy must hold everything anyone wrote, with or without a last compaction.
 */
describe('keeper fuzz', () => {
  // TAVOLA_KEEPER_FUZZ_RUNS=5000 npx vitest run --project unit tests/unit/keeper-sync.test.ts for a long run.
  const RUNS = Number(process.env.TAVOLA_KEEPER_FUZZ_RUNS ?? 120);
  it(`${RUNS} seeded runs: every member ends with everything, through the keeper alone`, async () => {
    const failures: string[] = [];
    const only = process.env.TAVOLA_KEEPER_FUZZ_SEED ? Number(process.env.TAVOLA_KEEPER_FUZZ_SEED) : null;
    for (let seed = only ?? 1; seed <= (only ?? RUNS); seed++) {
      const rng = new Prng(seed);
      const compactAtEnd = rng.bool();
      const { keeper, members: crew } = await group(3, new Keeper(), QUIET, () => rng.next());
      crew[0]!.workspace.initialise({ name: 'Fuzz' });
      const topic = crew[0]!.workspace.topics.add('Fuzz');
      const ops: string[] = [];
      for (let step = 0; step < 40; step++) {
        const m = crew[rng.int(0, crew.length - 1)]!;
        const op = rng.pick(['edit', 'edit', 'edit', 'text', 'flush', 'connect', 'connect', 'webrtc', 'compact', 'catchup', 'close', 'crash', 'drop', 'garbage']);
        ops.push(`${crew.indexOf(m)}:${op}`);
        const received = m.workspace.topics.list().length > 0;
        if (op === 'edit' && received) m.workspace.focusPoints.add({ topicId: topic, text: rng.word() });
        else if (op === 'text' && received) {
          const points = m.workspace.focusPoints.ofTopic(topic);
          if (points.length > 0) {
            const point = rng.pick(points);
            const text = m.workspace.focusPoints.textOf(point.id)!;
            text.set(rng.bool() ? `${point.text}${rng.word()}` : [...point.text].slice(1).join(''));
          }
        } else if (op === 'flush') await m.sync.flush();
        else if (op === 'connect') await m.connect();
        else if (op === 'webrtc') {
          const other = rng.pick(crew.filter((x) => x !== m));
          Y.applyUpdate(other.workspace.doc, Y.encodeStateAsUpdate(m.workspace.doc, Y.encodeStateVector(other.workspace.doc)), 'webrtc');
        } else if (op === 'compact') await m.sync.compactNow(true);
        else if (op === 'catchup') await m.sync.catchUpNow();
        else if (op === 'close') await m.restart('closed');
        else if (op === 'crash') await m.restart('crashed');
        else if (op === 'drop' && keeper.log.size > 0) keeper.drop([rng.pick(keeper.log.ids())]);
        else if (op === 'garbage') keeper.put(rng.id(), crypto.getRandomValues(new Uint8Array(rng.int(1, 80))));
      }
      // Only the keeper from here: seal, talk, check twice, and compact once each.
      for (let round = 0; round < 3; round++) for (const m of crew) await m.connect();
      for (const m of crew) {
        await m.sync.catchUpNow();
        await m.sync.catchUpNow();
        await m.connect();
      }
      // Half the runs end without compacting: catching up alone must bring everything, deletions
      // that never reached the log included.
      if (compactAtEnd) {
        for (const m of crew) {
          await m.sync.compactNow(true);
          // The compactor's snapshot reaches the keeper first, then everyone else.
          await m.connect();
          for (const n of crew) await n.connect();
        }
      } else {
        for (const m of crew) await m.connect();
      }
      const union = new Y.Doc();
      for (const m of crew) Y.applyUpdate(union, Y.encodeStateAsUpdate(m.workspace.doc));
      const expected = content(new Workspace(union));
      for (const [i, m] of crew.entries()) {
        const got = content(m.workspace);
        if (JSON.stringify(got) !== JSON.stringify(expected) || m.workspace.problems().length > 0) {
          failures.push(`seed ${seed}, member ${i}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)} after ${ops.join(' ')}`);
          break;
        }
      }
      for (const m of members.splice(0)) m.stop();
    }
    expect(failures.slice(0, 3).join('\n')).toBe('');
  }, Math.max(120_000, RUNS * 100));
});
