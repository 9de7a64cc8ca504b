import { describe, expect, it } from 'vitest';
import { FOCUS_POINT_STATUSES, type Workspace } from '../../src/model';
import { Peers, Prng, createPeers } from './helpers';

/**
 * In the style of yjs tests/testHelper.js: several peers make random edits while the network
 * splits and heals at random, then everyone syncs and every peer must show the same thing.
 * Each seed replays exactly (fixed client ids, ids drawn from the seeded PRNG).
 */

const TOPICS = ['topic-ports', 'topic-thb', 'topic-money'];

/** Nearest index at or before `index` that does not fall inside a surrogate pair. */
function safeIndex(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  return index > 0 && code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

interface Run {
  peers: Peers;
  /** Every focus point id any peer created. */
  created: Set<string>;
  ops: Record<string, number>;
}

function randomRun(seed: number, peerCount: number, steps: number): Run {
  const rng = new Prng(seed);
  const { peers } = createPeers(peerCount, (ws) => {
    TOPICS.forEach((title) => ws.topics.add(title, undefined, title));
  });
  const created = new Set<string>();
  const ops: Record<string, number> = {};
  const count = (op: string) => (ops[op] = (ops[op] ?? 0) + 1);

  const anyPoint = (ws: Workspace) => {
    const all = ws.focusPoints.list({ deleted: 'include' });
    return all.length > 0 ? rng.pick(all) : undefined;
  };

  for (let step = 0; step < steps; step++) {
    // The network: now and then split into random groups, heal, or let connected peers talk.
    const weather = rng.next();
    if (weather < 0.05) {
      const groups: number[][] = [];
      for (let p = 0; p < peerCount; p++) {
        const g = rng.int(0, 2);
        (groups[g] ??= []).push(p);
      }
      peers.partition(...groups.filter(Boolean));
      count('partition');
    } else if (weather < 0.08) {
      peers.connect();
      count('reconnect');
    } else if (weather < 0.2) {
      peers.sync();
      count('sync');
    } else if (weather < 0.25) {
      const a = rng.int(0, peerCount - 1);
      const b = rng.int(0, peerCount - 1);
      if (a !== b && peers.connected(a, b)) peers.exchange(a, b);
      count('exchange');
    }

    const ws = peers.at(rng.int(0, peerCount - 1));
    const op = rng.next();
    if (op < 0.2) {
      const topicId = rng.pick(TOPICS);
      const before = ws.focusPoints.ofTopic(topicId).length;
      const index = rng.int(0, before + 1);
      const id = `fp-${rng.id()}`;
      ws.focusPoints.add({ topicId, text: rng.word(), status: rng.pick(FOCUS_POINT_STATUSES) }, index, id);
      created.add(id);
      // Lands exactly where asked, ties or not.
      expect(ws.focusPoints.ofTopic(topicId).findIndex((p) => p.id === id)).toBe(Math.min(index, before));
      count('add');
    } else if (op < 0.45) {
      const point = anyPoint(ws);
      if (!point) continue;
      const topicId = rng.bool(0.25) ? rng.pick(TOPICS) : point.topicId;
      const live = ws.focusPoints.ofTopic(topicId).filter((p) => p.id !== point.id).length;
      const index = rng.int(0, live);
      ws.focusPoints.move(point.id, index, topicId);
      if (!point.deletedAt) expect(ws.focusPoints.ofTopic(topicId).findIndex((p) => p.id === point.id)).toBe(index);
      count(topicId === point.topicId ? 'move' : 'move to topic');
    } else if (op < 0.7) {
      const point = anyPoint(ws);
      if (!point) continue;
      const text = ws.focusPoints.textOf(point.id)!;
      const value = text.value;
      if (value.length > 0 && rng.bool(0.35)) {
        const start = safeIndex(value, rng.int(0, value.length - 1));
        const end = safeIndex(value, Math.min(value.length, start + rng.int(1, 3)));
        if (end > start) text.delete(start, end - start);
        count('text delete');
      } else {
        text.insert(safeIndex(value, rng.int(0, value.length)), rng.word());
        count('text insert');
      }
    } else if (op < 0.8) {
      const point = anyPoint(ws);
      if (!point) continue;
      ws.focusPoints.setStatus(point.id, rng.pick(FOCUS_POINT_STATUSES));
      count('status');
    } else if (op < 0.85) {
      const point = anyPoint(ws);
      if (!point) continue;
      ws.focusPoints.setOwner(point.id, rng.pick(['m-ams', 'm-rtm', 'm-lis']), rng.bool());
      count('owner');
    } else if (op < 0.93) {
      const point = anyPoint(ws);
      if (!point) continue;
      ws.focusPoints.remove(point.id);
      count('remove');
    } else {
      const deleted = ws.focusPoints.list({ deleted: 'only' });
      if (deleted.length === 0) continue;
      ws.focusPoints.restore(rng.pick(deleted).id);
      count('restore');
    }
  }
  peers.syncAll();
  return { peers, created, ops };
}

/** Everything a person would see of the focus points, topic by topic, deleted ones included. */
function visible(ws: Workspace) {
  return TOPICS.map((topicId) => ({
    topicId,
    live: ws.focusPoints.ofTopic(topicId).map((p) => ({ id: p.id, order: p.order, text: p.text, status: p.status, owners: p.owners })),
    deleted: ws.focusPoints.ofTopic(topicId, 'only').map((p) => ({ id: p.id, text: p.text, status: p.status })),
  }));
}

describe('random edits under random partitions', () => {
  const seeds = [1, 2, 3, 42, 2024, 31337];
  for (const seed of seeds) {
    it(`converge to one state on every peer (seed ${seed})`, () => {
      const peerCount = 3 + (seed % 2);
      const { peers, created, ops } = randomRun(seed, peerCount, 400);

      // The run did exercise what it claims to.
      for (const op of ['add', 'move', 'move to topic', 'text insert', 'text delete', 'status', 'remove', 'restore', 'partition', 'reconnect']) {
        expect(ops[op] ?? 0, `${op} in seed ${seed}`).toBeGreaterThan(0);
      }

      const first = visible(peers.at(0));
      for (const ws of peers.workspaces.slice(1)) expect(visible(ws)).toEqual(first);

      // No point appears twice, in one topic or across topics, and none was lost.
      const listed = first.flatMap((t) => [...t.live.map((p) => p.id), ...t.deleted.map((p) => p.id)]);
      expect(new Set(listed).size).toBe(listed.length);
      expect(new Set(listed)).toEqual(created);
      expect(peers.at(0).problems()).toEqual([]);
      for (const ws of peers.workspaces) expect(ws.focusPoints.size).toBe(created.size);

      // Every text is whole: no surrogate pair was split by a concurrent edit.
      for (const topic of first) for (const p of topic.live) expect(hasLoneSurrogate(p.text), p.text).toBe(false);

      // And after convergence, a move still lands exactly where asked, on every peer.
      const topic = first.find((t) => t.live.length >= 3)!;
      const moving = topic.live[0]!.id;
      peers.at(peerCount - 1).focusPoints.move(moving, 2);
      peers.sync();
      for (const ws of peers.workspaces) expect(ws.focusPoints.ofTopic(topic.topicId)[2]!.id).toBe(moving);
      peers.destroy();
    });
  }
});
