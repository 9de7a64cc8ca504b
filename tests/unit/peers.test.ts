import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/model';
import { Peers, createPeers, focusPointSnapshot } from './helpers';

/** A topic with focus points A…(n), shared by `count` peers. */
function topicWithPoints(count: number, texts = ['A', 'B', 'C', 'D']) {
  return createPeers(count, (ws) => {
    const topicId = ws.topics.add('Ports', undefined, 'topic-ports');
    const other = ws.topics.add('Trafficking', undefined, 'topic-thb');
    const ids = texts.map((text) => ws.focusPoints.add({ topicId, text }, undefined, `fp-${text}`));
    return { topicId, other, ids };
  });
}

const texts = (ws: Workspace, topicId: string) => ws.focusPoints.ofTopic(topicId).map((p) => p.text);

function expectSameEverywhere(peers: Peers, topicIds: string[]) {
  for (const topicId of topicIds) {
    const first = focusPointSnapshot(peers.at(0), topicId);
    for (const ws of peers.workspaces.slice(1)) expect(focusPointSnapshot(ws, topicId)).toEqual(first);
  }
}

describe('the peers helper', () => {
  it('keeps peers apart until they sync, and respects partitions', () => {
    const peers = new Peers(3);
    peers.at(0).topics.add('Only on 0', undefined, 't0');
    expect(peers.at(1).topics.has('t0')).toBe(false);
    peers.partition([0], [1, 2]);
    peers.sync();
    expect(peers.at(1).topics.has('t0')).toBe(false);
    peers.partition([0, 1], [2]);
    peers.sync();
    expect(peers.at(1).topics.has('t0')).toBe(true);
    expect(peers.at(2).topics.has('t0')).toBe(false);
    peers.syncAll();
    expect(peers.at(2).topics.has('t0')).toBe(true);
    // Nothing left to send.
    expect(peers.exchange(0, 2)).toBe(false);
  });

  it('relays through a peer in the middle', () => {
    const peers = new Peers(3);
    peers.partition([0, 1]);
    peers.at(0).topics.add('From 0', undefined, 't0');
    peers.sync();
    peers.partition([1, 2]);
    peers.sync();
    expect(peers.at(2).topics.get('t0')?.title).toBe('From 0');
  });
});

describe('two peers exchanging updates', () => {
  it('converge after concurrent edits of different kinds', () => {
    const { peers, seed } = topicWithPoints(2);
    const [a, b] = [peers.at(0), peers.at(1)];
    const [pa, pb, pc] = seed.ids as [string, string, string];
    a.focusPoints.textOf(pa)!.insert(1, ' (ports)');
    b.focusPoints.textOf(pa)!.insert(0, '1. ');
    a.focusPoints.setStatus(pb, 'agreed');
    b.focusPoints.setOwner(pb, 'member-ams', true);
    a.focusPoints.setOwner(pb, 'member-rtm', true);
    b.focusPoints.add({ topicId: seed.topicId, text: 'New from b' }, 0, 'fp-new');
    a.topics.title(seed.topicId)!.set('European ports');
    b.focusPoints.setMeeting(pc, 'meeting-1');
    peers.sync();
    expectSameEverywhere(peers, [seed.topicId]);
    for (const ws of peers.workspaces) {
      expect(texts(ws, seed.topicId)).toEqual(['New from b', '1. A (ports)', 'B', 'C', 'D']);
      expect(ws.focusPoints.get(pb)).toMatchObject({ status: 'agreed', owners: ['member-ams', 'member-rtm'] });
      expect(ws.focusPoints.get(pc)!.meetingId).toBe('meeting-1');
      expect(ws.topics.get(seed.topicId)!.title).toBe('European ports');
    }
  });

  it('keep both owners, participants and practice topics toggled at once', () => {
    const { peers, seed } = createPeers(2, (ws) => ({
      point: ws.focusPoints.add({ topicId: 't', text: 'x', owners: ['m-old'] }),
      meeting: ws.meetings.add({ title: 'M', date: '2020-09-23', participants: ['m-old'] }),
      practice: ws.practices.add({ title: 'P', topics: ['t-old'] }),
    }));
    const [a, b] = [peers.at(0), peers.at(1)];
    a.focusPoints.setOwner(seed.point, 'm-a', true);
    b.focusPoints.setOwner(seed.point, 'm-b', true);
    b.focusPoints.setOwner(seed.point, 'm-old', false);
    a.meetings.setParticipant(seed.meeting, 'm-a', true);
    b.meetings.setParticipant(seed.meeting, 'm-b', true);
    a.practices.setTopic(seed.practice, 't-a', true);
    b.practices.setTopic(seed.practice, 't-old', false);
    peers.sync();
    for (const ws of peers.workspaces) {
      expect(ws.focusPoints.get(seed.point)!.owners).toEqual(['m-a', 'm-b']);
      expect(ws.meetings.get(seed.meeting)!.participants).toEqual(['m-a', 'm-b', 'm-old']);
      expect(ws.practices.get(seed.practice)!.topics).toEqual(['t-a']);
    }
  });

  it('a focus point moved in both docs at once ends up once, in the same place on both', () => {
    const { peers, seed } = topicWithPoints(2);
    const [, pb] = seed.ids as [string, string];
    peers.at(0).focusPoints.move(pb, 0);
    peers.at(1).focusPoints.move(pb, 3);
    expect(texts(peers.at(0), seed.topicId)).toEqual(['B', 'A', 'C', 'D']);
    expect(texts(peers.at(1), seed.topicId)).toEqual(['A', 'C', 'D', 'B']);
    peers.sync();
    expectSameEverywhere(peers, [seed.topicId]);
    const result = texts(peers.at(0), seed.topicId);
    expect(result.filter((t) => t === 'B')).toHaveLength(1);
    expect(result).toHaveLength(4);
    // One of the two moves wins whole; the other items keep their order.
    expect([['B', 'A', 'C', 'D'], ['A', 'C', 'D', 'B']]).toContainEqual(result);
  });

  it('a focus point moved to two different topics at once ends up in exactly one of them', () => {
    const { peers, seed } = topicWithPoints(2);
    const [pa] = seed.ids as [string];
    peers.at(0).focusPoints.move(pa, 0, seed.other);
    peers.at(1).focusPoints.move(pa, 2);
    peers.sync();
    expectSameEverywhere(peers, [seed.topicId, seed.other]);
    const everywhere = [...peers.at(0).focusPoints.ofTopic(seed.topicId), ...peers.at(0).focusPoints.ofTopic(seed.other)];
    expect(everywhere.filter((p) => p.id === pa)).toHaveLength(1);
    expect(everywhere).toHaveLength(4);
  });

  it('a delete against a concurrent text edit loses nothing: restore shows the edit', () => {
    const { peers, seed } = topicWithPoints(2);
    const [, pb] = seed.ids as [string, string];
    peers.at(0).focusPoints.remove(pb);
    peers.at(1).focusPoints.textOf(pb)!.insert(1, ' — agreed with Rotterdam');
    peers.at(1).focusPoints.setStatus(pb, 'agreed');
    peers.sync();
    for (const ws of peers.workspaces) {
      expect(texts(ws, seed.topicId)).toEqual(['A', 'C', 'D']);
      expect(ws.focusPoints.ofTopic(seed.topicId, 'only').map((p) => p.text)).toEqual(['B — agreed with Rotterdam']);
    }
    peers.at(1).focusPoints.restore(pb);
    peers.sync();
    for (const ws of peers.workspaces) {
      expect(texts(ws, seed.topicId)).toEqual(['A', 'B — agreed with Rotterdam', 'C', 'D']);
      expect(ws.focusPoints.get(pb)!.status).toBe('agreed');
    }
  });

  it('a delete against a concurrent move keeps the point deleted, and restores it where it was moved', () => {
    const { peers, seed } = topicWithPoints(2);
    const [pa] = seed.ids as [string];
    peers.at(0).focusPoints.remove(pa);
    peers.at(1).focusPoints.move(pa, 3);
    peers.sync();
    for (const ws of peers.workspaces) expect(texts(ws, seed.topicId)).toEqual(['B', 'C', 'D']);
    peers.at(0).focusPoints.restore(pa);
    peers.sync();
    for (const ws of peers.workspaces) expect(texts(ws, seed.topicId)).toEqual(['B', 'C', 'D', 'A']);
  });

  it('concurrent inserts at the same spot get the same order on both, and a move between them lands there', () => {
    const { peers, seed } = createPeers(2, (ws) => {
      const topicId = ws.topics.add('Ports');
      ws.focusPoints.add({ topicId, text: 'first' }, undefined, 'fp-first');
      ws.focusPoints.add({ topicId, text: 'last' }, undefined, 'fp-last');
      return topicId;
    });
    const topicId = seed;
    // Both insert at index 1 with ids in either order, so the tie-break is by id, not by peer.
    peers.at(0).focusPoints.add({ topicId, text: 'from 0' }, 1, 'fp-zzz');
    peers.at(1).focusPoints.add({ topicId, text: 'from 1' }, 1, 'fp-aaa');
    peers.sync();
    const [a, b] = [peers.at(0), peers.at(1)];
    expect(a.focusPoints.get('fp-zzz')!.order).toBe(b.focusPoints.get('fp-aaa')!.order);
    for (const ws of peers.workspaces) expect(texts(ws, topicId)).toEqual(['first', 'from 1', 'from 0', 'last']);

    // Move "first" to between the tied pair: the run is re-keyed, and it lands exactly there.
    a.focusPoints.move('fp-first', 1);
    expect(texts(a, topicId)).toEqual(['from 1', 'first', 'from 0', 'last']);
    peers.sync();
    expect(texts(b, topicId)).toEqual(['from 1', 'first', 'from 0', 'last']);
    const orders = b.focusPoints.ofTopic(topicId).map((p) => p.order);
    expect(new Set(orders).size).toBe(4);

    // Adding between them works the same way.
    b.focusPoints.add({ topicId, text: 'added' }, 2, 'fp-added');
    peers.sync();
    for (const ws of peers.workspaces) expect(texts(ws, topicId)).toEqual(['from 1', 'first', 'added', 'from 0', 'last']);
  });

  it('three peers adding at the end at once keep a single, shared order', () => {
    const { peers, seed: topicId } = createPeers(3, (ws) => ws.topics.add('Ports'));
    peers.workspaces.forEach((ws, i) => ws.focusPoints.add({ topicId, text: `from ${i}` }, undefined, `fp-${3 - i}`));
    peers.sync();
    for (const ws of peers.workspaces) expect(texts(ws, topicId)).toEqual(['from 2', 'from 1', 'from 0']);
    peers.at(0).focusPoints.move('fp-3', 1);
    peers.sync();
    for (const ws of peers.workspaces) expect(texts(ws, topicId)).toEqual(['from 2', 'from 0', 'from 1']);
  });

  it('concurrent remove and restore of a deleted point settle on one state on both', () => {
    const { peers, seed } = topicWithPoints(2);
    const [pa] = seed.ids as [string];
    peers.at(0).focusPoints.remove(pa);
    peers.sync();
    peers.at(0).focusPoints.restore(pa);
    peers.at(1).focusPoints.setStatus(pa, 'dropped');
    peers.sync();
    for (const ws of peers.workspaces) expect(ws.focusPoints.get(pa)).toMatchObject({ deletedAt: null, status: 'dropped' });
  });
});
