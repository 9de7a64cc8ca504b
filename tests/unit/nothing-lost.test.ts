import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { InvalidValue, SCHEMA_VERSION, Workspace, WorkspaceNotReceived } from '../../src/model';
import { buildWorkingGroup } from '../../src/model/sample';
import { restoreVersion, saveVersion, takeSnapshot } from '../../src/model/versions-diff';
import { REMOTE, createPeers } from './helpers';

/** Issue 9: every concurrent edit survives, and nothing anyone types is silently dropped. */

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

describe('a point moved by two people at once', () => {
  it('to another topic by one and within the old topic by the other: one move wins whole', () => {
    const { peers, seed } = createPeers(2, (ws) => {
      const a = ws.topics.add('A', undefined, 'topic-a');
      const b = ws.topics.add('B', undefined, 'topic-b');
      const points = ['p1', 'p2', 'p3'].map((text) => ws.focusPoints.add({ topicId: a, text }, undefined, `fp-${text}`));
      ws.focusPoints.add({ topicId: b, text: 'b1' }, undefined, 'fp-b1');
      return { a, b, points };
    });
    const [p1] = seed.points;
    // Peer 0 moves p1 to the end of B; peer 1 moves it to the end of A.
    peers.at(0).focusPoints.move(p1!, 1, seed.b);
    peers.at(1).focusPoints.move(p1!, 2);
    const afterA = peers.at(0).focusPoints.get(p1!)!;
    const afterB = peers.at(1).focusPoints.get(p1!)!;
    peers.sync();
    const final = peers.at(0).focusPoints.get(p1!)!;
    expect(peers.at(1).focusPoints.get(p1!)).toEqual(final);
    // Whole: the topic and the order key of the same move, never B's topic with A's position.
    const won = [afterA, afterB].find((side) => side.topicId === final.topicId && side.order === final.order);
    expect(won, `place ${final.topicId}/${final.order} is no one's move`).toBeDefined();
    const texts = (ws: Workspace, topic: string) => ws.focusPoints.ofTopic(topic).map((p) => p.text);
    for (const ws of peers.workspaces) {
      expect([...texts(ws, seed.a), ...texts(ws, seed.b)].sort()).toEqual(['b1', 'p1', 'p2', 'p3']);
    }
  });

  it('stores the place as one value that a plain reader can follow', () => {
    const ws = new Workspace();
    const topic = ws.topics.add('A');
    const id = ws.focusPoints.add({ topicId: topic, text: 'x' });
    const raw = ws.doc.getMap('focusPoints').get(id) as Y.Map<unknown>;
    expect(raw.get('place')).toEqual({ topicId: topic, order: ws.focusPoints.get(id)!.order });
    expect(raw.has('topicId')).toBe(false);
    expect(raw.has('order')).toBe(false);
  });
});

describe('shared types are never created lazily', () => {
  it('every text of every record kind exists from the record’s creation', () => {
    const ws = new Workspace();
    buildWorkingGroup(ws);
    for (const name of ['topics', 'focusPoints', 'meetings', 'practices'] as const) {
      for (const [, record] of ws.doc.getMap(name)) {
        const map = record as Y.Map<unknown>;
        const texts = { topics: ['title'], focusPoints: ['text'], meetings: [], practices: ['title'] }[name];
        for (const field of texts) expect(map.get(field), `${name}.${field}`).toBeInstanceOf(Y.Text);
        // Rich texts (layout 3): a fragment at `<field>Doc`.
        const richTexts = { topics: [], focusPoints: [], meetings: ['notes'], practices: ['context', 'objectives', 'activities', 'budget', 'evaluation'] }[name];
        for (const field of richTexts) expect(map.get(`${field}Doc`), `${name}.${field}Doc`).toBeInstanceOf(Y.XmlFragment);
        for (const field of { topics: [], focusPoints: ['owners'], meetings: ['participants', 'agenda', 'attendees'], practices: ['topics'] }[name]) {
          expect(map.get(field), `${name}.${field}`).toBeInstanceOf(Y.Map);
        }
      }
    }
    expect(ws.doc.getMap('meta').get('description')).toBeInstanceOf(Y.Text);
  });

  it('two peers repairing the same missing text at once both keep what they typed', () => {
    const { peers } = createPeers(2, (ws) => {
      ws.topics.add('Ports', undefined, 'topic-ports');
      // Written by another program, without its text.
      const point = new Y.Map<unknown>();
      ws.doc.getMap('focusPoints').set('fp-plain', point);
      point.set('id', 'fp-plain');
      point.set('place', { topicId: 'topic-ports', order: 'a0' });
    });
    peers.at(0).focusPoints.textOf('fp-plain')!.insert(0, 'Lisbon wrote this');
    peers.at(1).focusPoints.textOf('fp-plain')!.insert(0, 'Rotterdam wrote that');
    peers.sync();
    const texts = peers.workspaces.map((ws) => ws.focusPoints.get('fp-plain')!.text);
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toContain('Lisbon wrote this');
    expect(texts[0]).toContain('Rotterdam wrote that');
    // Once each.
    expect(texts[0]!.split('wrote').length).toBe(3);
  });

  it('a text stored as a plain string, repaired by two peers at once: its words once, and both edits', () => {
    const { peers } = createPeers(2, (ws) => {
      ws.topics.add('Ports', undefined, 'topic-ports');
      const point = new Y.Map<unknown>();
      ws.doc.getMap('focusPoints').set('fp-string', point);
      point.set('id', 'fp-string');
      point.set('place', { topicId: 'topic-ports', order: 'a0' });
      point.set('text', 'Shared port data');
    });
    const first = peers.at(0).focusPoints.textOf('fp-string')!;
    first.insert(first.length, ' across cities');
    const second = peers.at(1).focusPoints.textOf('fp-string')!;
    second.insert(0, 'Agreed: ');
    peers.sync();
    const text = peers.at(0).focusPoints.get('fp-string')!.text;
    expect(peers.at(1).focusPoints.get('fp-string')!.text).toBe(text);
    expect(text.split('Shared port data').length).toBe(2);
    expect(text).toContain('across cities');
    expect(text).toContain('Agreed:');
  });

  it('two peers repairing the same owners set at once keep both owners', () => {
    const { peers } = createPeers(2, (ws) => {
      ws.topics.add('Ports', undefined, 'topic-ports');
      const id = ws.focusPoints.add({ topicId: 'topic-ports', text: 'x' }, undefined, 'fp-owned');
      // Another program stored the owners as a plain list.
      (ws.doc.getMap('focusPoints').get(id) as Y.Map<unknown>).set('owners', ['m-ams']);
    });
    peers.at(0).focusPoints.setOwner('fp-owned', 'm-lis', true);
    peers.at(1).focusPoints.setOwner('fp-owned', 'm-rtm', true);
    peers.sync();
    for (const ws of peers.workspaces) expect(ws.focusPoints.get('fp-owned')!.owners).toEqual(['m-ams', 'm-lis', 'm-rtm']);
  });
});

describe('a peer that has not received its workspace writes nothing', () => {
  it('refuses every write until the workspace arrives, then works', () => {
    const creator = new Workspace();
    buildWorkingGroup(creator);
    const joiner = new Workspace(new Y.Doc(), { refuseWritesUntilReceived: true });
    expect(joiner.compatibility()).toEqual({ kind: 'empty' });
    expect(joiner.description()).toBeUndefined();
    expect(() => joiner.topics.add('Stray')).toThrow(WorkspaceNotReceived);
    expect(() => joiner.rename('Mine')).toThrow(WorkspaceNotReceived);
    expect(joiner.encodeState()).toEqual(new Workspace().encodeState());
    joiner.applyUpdate(creator.encodeState(), REMOTE);
    expect(joiner.received()).toBe(true);
    joiner.description()!.insert(0, 'Joined. ');
    creator.applyUpdate(joiner.encodeState(), REMOTE);
    expect(creator.meta().description).toBe(`Joined. ${joiner.meta().description.slice('Joined. '.length)}`);
    expect(creator.meta().description.length).toBeGreaterThan('Joined. '.length);
  });
});

describe('writes that cannot be kept are refused, not dropped', () => {
  it('a workspace name over the limit, or empty', () => {
    const ws = new Workspace();
    expect(() => ws.initialise({ name: 'x'.repeat(301) })).toThrow(InvalidValue);
    ws.initialise({ name: 'x'.repeat(300) });
    expect(ws.meta().name).toBe('x'.repeat(300));
    expect(() => ws.rename('y'.repeat(301))).toThrow(/301 characters is more than the 300 allowed/);
    expect(() => ws.rename('   ')).toThrow(InvalidValue);
    expect(ws.meta().name).toBe('x'.repeat(300));
  });

  it('a country that is not one', () => {
    const ws = new Workspace();
    const id = ws.members.add({ name: 'Lisbon', kind: 'city', country: 'PT' });
    expect(() => ws.members.update(id, { country: 'Portugal' })).toThrow(InvalidValue);
    expect(() => ws.members.update(id, { country: 'PO' })).toThrow(InvalidValue);
    expect(ws.members.get(id)!.country).toBe('PT');
    ws.members.update(id, { country: '' });
    expect(ws.members.get(id)!.country).toBe('');
  });
});

describe('hostile values in the document', () => {
  it('records under empty, long or path-like ids are reported, and saving a version still works', () => {
    const ws = new Workspace();
    buildWorkingGroup(ws);
    for (const id of ['', 'x'.repeat(201), '../x', '<script>']) {
      const topic = new Y.Map<unknown>();
      ws.doc.getMap('topics').set(id, topic);
      topic.set('title', new Y.Text('hostile'));
    }
    expect(ws.topics.problems().map((p) => p.id).sort()).toEqual(['', '../x', '<script>', 'x'.repeat(201)].sort());
    expect(ws.topics.list().some((t) => t.title === 'hostile')).toBe(false);
    const version = saveVersion(ws, 'After the attack', 'Anna');
    expect(ws.versions.get(version)!.snapshot!.topics.length).toBe(takeSnapshot(ws).topics.length);
  });

  for (const bad of [1.5, Infinity, -1, 0, '2', null, { v: 2 }, Number.MAX_SAFE_INTEGER + 2]) {
    it(`meta.schemaVersion ${JSON.stringify(bad) ?? String(bad)} is repaired, never obeyed`, () => {
      const ws = new Workspace();
      buildWorkingGroup(ws);
      ws.doc.getMap('meta').set('schemaVersion', bad);
      // compatibility() and meta() agree: an editable workspace of an unknown (oldest) layout.
      expect(ws.compatibility()).toEqual({ kind: 'ok' });
      expect(ws.meta().schemaVersion).toBe(1);
      expect(ws.migrate().at(-1)).toBe(`malformed schemaVersion → ${SCHEMA_VERSION}`);
      expect(ws.meta().schemaVersion).toBe(SCHEMA_VERSION);
      expect(ws.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    });
  }

  it('restoring a version of 2,000 topics, with 500 added since, reads the collection a bounded number of times', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'Big' });
    for (let i = 0; i < 2_000; i++) ws.topics.add(`Topic ${i}`);
    const version = saveVersion(ws, 'All', '');
    for (const topic of ws.topics.list()) ws.topics.remove(topic.id);
    for (let i = 0; i < 500; i++) ws.topics.add(`Added since ${i}`);
    // Every read of the whole collection walks its map once (readAll, list and the model's own reads).
    let lists = 0;
    const map = ws.doc.getMap('topics');
    const forEach = map.forEach.bind(map);
    map.forEach = (f) => {
      lists++;
      forEach(f);
    };
    const result = restoreVersion(ws, version);
    expect(result.ok).toBe(true);
    expect(ws.topics.list().length).toBe(2_000);
    // Once to find what to remove, once for the check above: not once per topic.
    expect(lists).toBeLessThanOrEqual(3);
  }, 30_000);
});

describe('a workspace saved by the schema-1 code', () => {
  const stored = readFileSync(fixture('workspace-v1.yjs'));
  const expected = JSON.parse(readFileSync(fixture('workspace-v1.read.json'), 'utf8'));

  const open = () => {
    const ws = new Workspace();
    ws.applyUpdate(new Uint8Array(stored), REMOTE);
    return ws;
  };

  it('reads exactly as it did before the migration, and after it', () => {
    const ws = open();
    expect(ws.meta().schemaVersion).toBe(1);
    const read = () => ({
      topics: ws.topics.list(),
      focusPoints: ws.focusPoints.list({ deleted: 'include' }),
      meetings: ws.meetings.list({ deleted: 'include' }),
      members: ws.members.list({ deleted: 'include' }),
      practices: ws.practices.list({ deleted: 'include' }),
    });
    const before = read();
    // The sheet's header came later (docs/document.md, practices): a schema-1 sheet reads it empty.
    const practices = expected.practices.map((p: object) => ({ ...p, periodStart: '', periodEnd: '', partners: '', contactName: '', contactEmail: '' }));
    expect(before).toEqual({ topics: expected.topics, focusPoints: expected.focusPoints, meetings: expected.meetings, members: expected.members, practices });
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    expect(ws.migrate()).toEqual([
      `${plural(expected.meetings.length, 'agenda', 'agendas')} kept as ordered sets`,
      ...(expected.practices.length > 0 ? [`${plural(expected.practices.length * 5, 'practice section', 'practice sections')} kept as rich text`] : []),
      `${plural(expected.meetings.length, 'meeting note', 'meeting notes')} kept as rich text`,
      `schemaVersion 1 → ${SCHEMA_VERSION}`,
    ]);
    expect(read()).toEqual(before);
    for (const meeting of ws.meetings.readAll()) expect(meeting).toMatchObject({ ok: true, repaired: [] });
    expect(ws.versions.list()[0]!.snapshot).toEqual(expected.versions[0].snapshot);
    expect(ws.problems()).toEqual([]);
  });

  it('two peers migrating it at once, each then editing the agenda, keep both edits', () => {
    const [a, b] = [open(), open()];
    a.migrate();
    b.migrate();
    const meeting = expected.meetings[0];
    const [first] = meeting.agenda as string[];
    const extra = expected.topics.find((t: { id: string }) => !meeting.agenda.includes(t.id));
    a.meetings.removeFromAgenda(meeting.id, first!);
    if (extra) b.meetings.addToAgenda(meeting.id, extra.id);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), REMOTE);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), REMOTE);
    // The hand-over of the losing copy's entries is one more round.
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), REMOTE);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), REMOTE);
    const agendaA = a.meetings.get(meeting.id)!.agenda;
    expect(b.meetings.get(meeting.id)!.agenda).toEqual(agendaA);
    expect(new Set(agendaA).size).toBe(agendaA.length);
    if (extra) expect(agendaA).toContain(extra.id);
  });
});

describe('a schema-1 backup merged into a schema-2 workspace', () => {
  it('brings its agendas up to date too', async () => {
    const { readBackup, mergeBackup } = await import('../../src/io/backup');
    const read = readBackup(readFileSync(fixture('backup-v1.tavola.json'), 'utf8'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const ws = new Workspace();
    ws.applyUpdate(read.backup.state, REMOTE);
    ws.migrate();
    // The same workspace as it was before the migration, merged back in (a partner's old backup).
    mergeBackup(ws, read.backup);
    expect(ws.meta().schemaVersion).toBe(SCHEMA_VERSION);
    for (const meeting of ws.meetings.readAll()) expect(meeting).toMatchObject({ ok: true, repaired: [] });
  });
});
