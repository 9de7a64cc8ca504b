import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import { Peers, Prng } from './helpers';

/** The counts as the index keeps them, and as listing every topic's points finds them. */
function counts(ws: Workspace, topicIds: string[]) {
  const byTopic = ws.focusPoints.countsByTopic();
  return {
    kept: topicIds.map((t) => ws.focusPoints.countOfTopic(t)),
    fromMap: topicIds.map((t) => byTopic.get(t) ?? 0),
    listed: topicIds.map((t) => ws.focusPoints.ofTopic(t).length),
  };
}

function expectCounts(ws: Workspace, topicIds: string[], expected: number[]) {
  expect(counts(ws, topicIds)).toEqual({ kept: expected, fromMap: expected, listed: expected });
}

describe('live points per topic, from the topic index', () => {
  it('follow adds, moves within and across topics, deletes and restores', () => {
    const ws = new Workspace();
    const ports = ws.topics.add('Ports');
    const thb = ws.topics.add('Trafficking');
    const empty = ws.topics.add('Empty');
    const topics = [ports, thb, empty];
    // Counted before any point exists, so the index is built first and then kept.
    expectCounts(ws, topics, [0, 0, 0]);
    const a = ws.focusPoints.add({ topicId: ports, text: 'A' });
    const b = ws.focusPoints.add({ topicId: ports, text: 'B' });
    const c = ws.focusPoints.add({ topicId: thb, text: 'C' });
    expectCounts(ws, topics, [2, 1, 0]);
    ws.focusPoints.move(a, 1);
    expectCounts(ws, topics, [2, 1, 0]);
    ws.focusPoints.move(a, 0, thb);
    expectCounts(ws, topics, [1, 2, 0]);
    ws.focusPoints.remove(b);
    expectCounts(ws, topics, [0, 2, 0]);
    // A deleted point moved to another topic counts there once restored, not where it was.
    ws.focusPoints.move(b, 0, empty);
    expectCounts(ws, topics, [0, 2, 0]);
    ws.focusPoints.restore(b);
    expectCounts(ws, topics, [0, 2, 1]);
    ws.focusPoints.remove(c);
    ws.focusPoints.remove(c);
    ws.focusPoints.restore(c);
    ws.focusPoints.restore(c);
    expectCounts(ws, topics, [0, 2, 1]);
    expect(ws.focusPoints.countsByTopic().has(ports)).toBe(false);
  });

  it('inside a transaction, count what the transaction has done so far', () => {
    const ws = new Workspace();
    const ports = ws.topics.add('Ports');
    const thb = ws.topics.add('Trafficking');
    const a = ws.focusPoints.add({ topicId: ports, text: 'A' });
    expectCounts(ws, [ports, thb], [1, 0]);
    const seen: number[][] = [];
    ws.transact('test.inside', () => {
      ws.focusPoints.move(a, 0, thb);
      ws.focusPoints.add({ topicId: thb, text: 'B' });
      seen.push([ws.focusPoints.countOfTopic(ports), ws.focusPoints.countOfTopic(thb), ws.focusPoints.countsByTopic().get(thb) ?? 0]);
    });
    expect(seen).toEqual([[0, 2, 2]]);
    expectCounts(ws, [ports, thb], [0, 2]);
  });

  it("follow a partner's changes, and a record replaced by something unreadable", () => {
    const peers = new Peers(2);
    const here = peers.at(0);
    const there = peers.at(1);
    const ports = here.topics.add('Ports');
    const thb = here.topics.add('Trafficking');
    const a = here.focusPoints.add({ topicId: ports, text: 'A' });
    const b = here.focusPoints.add({ topicId: ports, text: 'B' });
    peers.sync();
    expectCounts(there, [ports, thb], [2, 0]);
    here.focusPoints.move(a, 0, thb);
    here.focusPoints.remove(b);
    peers.sync();
    expectCounts(there, [ports, thb], [0, 1]);
    here.doc.getMap('focusPoints').set(a, 'not a record');
    peers.sync();
    expectCounts(there, [ports, thb], [0, 0]);
    here.focusPoints.restore(b);
    peers.sync();
    expectCounts(there, [ports, thb], [1, 0]);
    peers.destroy();
  });

  it('read a point of layout 1 (topicId and order as two fields) where they say', () => {
    const ws = new Workspace();
    const ports = ws.topics.add('Ports');
    const thb = ws.topics.add('Trafficking');
    ws.focusPoints.add({ topicId: ports, text: 'A' });
    expectCounts(ws, [ports, thb], [1, 0]);
    ws.doc.transact(() => {
      const old = new Y.Map<unknown>();
      ws.doc.getMap('focusPoints').set('layout1point', old);
      old.set('id', 'layout1point');
      old.set('topicId', thb);
      old.set('order', 'a0');
      old.set('text', new Y.Text('Old'));
      old.set('deletedAt', null);
    });
    expectCounts(ws, [ports, thb], [1, 1]);
    (ws.doc.getMap('focusPoints').get('layout1point') as Y.Map<unknown>).set('topicId', ports);
    expectCounts(ws, [ports, thb], [2, 0]);
  });

  it('agree with listing after many random adds, moves, deletes and restores', () => {
    const random = new Prng(7);
    const ws = new Workspace();
    const topics = Array.from({ length: 5 }, (_, i) => ws.topics.add(`Topic ${i}`));
    const points: string[] = [];
    for (let step = 0; step < 400; step++) {
      const r = random.next();
      const topic = topics[random.int(0, topics.length - 1)]!;
      const point = points[random.int(0, points.length - 1)];
      if (r < 0.3 || !point) points.push(ws.focusPoints.add({ topicId: topic, text: random.word() }));
      else if (r < 0.55) ws.focusPoints.move(point, random.int(0, 10), topic);
      else if (r < 0.7) ws.focusPoints.remove(point);
      else if (r < 0.85) ws.focusPoints.restore(point);
      else ws.focusPoints.textOf(point)!.insert(0, random.word());
      if (step % 20 === 0) {
        const { kept, fromMap, listed } = counts(ws, topics);
        expect(kept).toEqual(listed);
        expect(fromMap).toEqual(listed);
      }
    }
    const { kept, listed } = counts(ws, topics);
    expect(kept).toEqual(listed);
    expect(listed.reduce((n, c) => n + c, 0)).toBe(ws.focusPoints.list().length);
  });

  it('built over a stored workspace whose topics interleave, agree with listing, then follow changes', () => {
    // The index is built in runs of points of one topic (a cold open of 50,000 points): points of
    // a topic stored apart, deleted ones among them, and a topic coming back after another.
    for (const seed of [1, 2, 3]) {
      const random = new Prng(seed);
      const doc = new Y.Doc();
      const setup = new Workspace(doc);
      const topics = Array.from({ length: 4 }, (_, i) => setup.topics.add(`Topic ${i}`));
      const points: string[] = [];
      for (let i = 0; i < 120; i++) {
        const topic = topics[i % 7 < 3 ? 0 : random.int(0, topics.length - 1)]!;
        points.push(setup.focusPoints.add({ topicId: topic, text: random.word() }));
        if (random.next() < 0.25) setup.focusPoints.remove(points[random.int(0, points.length - 1)]!);
      }
      const ws = new Workspace(doc);
      const listed = () => topics.map((t) => ws.focusPoints.list({ where: (p) => p.topicId === t }).length);
      expectCounts(ws, topics, listed());
      const deleted = topics.map((t) => ws.focusPoints.ofTopic(t, 'only').length);
      expect(deleted).toEqual(topics.map((t) => ws.focusPoints.list({ deleted: 'only', where: (p) => p.topicId === t }).length));
      for (let step = 0; step < 60; step++) {
        const point = points[random.int(0, points.length - 1)]!;
        const r = random.next();
        if (r < 0.4) ws.focusPoints.move(point, 0, topics[random.int(0, topics.length - 1)]!);
        else if (r < 0.7) ws.focusPoints.remove(point);
        else ws.focusPoints.restore(point);
      }
      expectCounts(ws, topics, listed());
    }
  });

  it('built from damaged points by reading only topic and deletion, agree with reading each point whole', () => {
    // The index reads two fields of each point (cold open: 10,000 points); a whole read checks
    // every field. Each damaged shape below must land in the same topic, live or deleted, both ways.
    const doc = new Y.Doc();
    const setup = new Workspace(doc);
    const ports = setup.topics.add('Ports');
    const thb = setup.topics.add('Trafficking');
    setup.focusPoints.add({ topicId: ports, text: 'fine' });
    const gone = setup.focusPoints.add({ topicId: thb, text: 'deleted' });
    setup.focusPoints.remove(gone);
    doc.transact(() => {
      const points = doc.getMap('focusPoints');
      const raw = (id: string, fields: Record<string, unknown>) => {
        const record = new Y.Map<unknown>();
        points.set(id, record);
        record.set('id', id);
        record.set('text', new Y.Text(id));
        for (const [key, value] of Object.entries(fields)) record.set(key, value);
      };
      raw('badorder', { place: { topicId: thb, order: 'a0~' }, deletedAt: null });
      raw('longtopic', { place: { topicId: 'x'.repeat(65), order: 'a0' }, deletedAt: null });
      raw('placemap', { place: new Y.Map(), deletedAt: null });
      raw('layoutone', { topicId: ports, order: 'zz!', deletedAt: null });
      raw('badtopic', { topicId: 42, deletedAt: null });
      raw('baddeleted', { place: { topicId: thb, order: 'a1' }, deletedAt: 'yesterday' });
      raw('deletedone', { place: { topicId: ports, order: 'a2' }, deletedAt: '2026-11-30T10:00:00.000Z' });
      points.set('notarecord', 'text');
      points.set('Bad Id!', new Y.Map());
    });
    const ws = new Workspace(doc);
    const everyTopic = [ports, thb, ''];
    const whole = (topic: string, deleted: boolean) =>
      ws.focusPoints.list({ deleted: deleted ? 'only' : 'exclude', where: (p) => p.topicId === topic }).map((p) => p.id).sort();
    const indexed = (topic: string, deleted: boolean) =>
      ws.focusPoints.ofTopic(topic, deleted ? 'only' : 'exclude').map((p) => p.id).sort();
    for (const topic of everyTopic) {
      expect(indexed(topic, false)).toEqual(whole(topic, false));
      expect(indexed(topic, true)).toEqual(whole(topic, true));
    }
    expect(indexed(thb, false)).toEqual(['baddeleted', 'badorder']);
    expect(indexed(ports, true)).toEqual(['deletedone']);
    expect(indexed('', false)).toEqual(['badtopic', 'longtopic', 'placemap']);
    expectCounts(ws, everyTopic, [2, 2, 3]);
    // What cannot be read at all, found without reading any entry whole, as a whole read finds it.
    const unreadable = ws.focusPoints.readAll().flatMap((r) => (r.ok ? [] : [{ id: r.id, problem: r.problem }]));
    expect(unreadable.map((p) => p.id).sort()).toEqual(['Bad Id!', 'notarecord']);
    expect(ws.focusPoints.problems()).toEqual(unreadable);
  });
});
