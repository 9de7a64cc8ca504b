import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { summarise, UndoHistory, Workspace, type VersionSnapshot } from '../../src/model';
import { buildWorkingGroup } from '../../src/model/sample';
import { changesSince, diffSnapshots, openVersion, restoreVersion, saveVersion, takeSnapshot } from '../../src/model/versions-diff';
import { createPeers, Prng, recordActions } from './helpers';

/**
 * Named versions: the topics and focus points frozen under a name, shared with the group, shown
 * read-only, compared with now, and restored as ordinary changes (docs/document.md, `versions`).
 */

/** One topic with four points, the way a meeting leaves it; ids fixed for exact expectations. */
function meetingOutcome(ws: Workspace) {
  ws.initialise({ name: 'WG' });
  const ports = ws.topics.add('Ports', undefined, 'topic-ports');
  const trafficking = ws.topics.add('Trafficking', undefined, 'topic-thb');
  for (const [i, text] of ['One', 'Two', 'Three', 'Four'].entries()) ws.focusPoints.add({ topicId: ports, text }, undefined, `p${i + 1}`);
  ws.focusPoints.add({ topicId: trafficking, text: 'Victims first' }, undefined, 't1');
  return { ports, trafficking };
}

/** The edits of the next meeting: one of each kind the changes view shows. */
function nextMeeting(ws: Workspace, ports: string) {
  ws.focusPoints.add({ topicId: ports, text: 'Five' }, undefined, 'p5');
  ws.focusPoints.textOf('p2')!.set('Two, revised');
  ws.focusPoints.setStatus('p3', 'agreed');
  ws.focusPoints.remove('p1');
}

const visible = (ws: Workspace) =>
  ws.topics.list().map((topic) => ({ title: topic.title, points: ws.focusPoints.ofTopic(topic.id).map((p) => `${p.text} (${p.status})`) }));

describe('saving and listing versions', () => {
  it('keeps a named snapshot with when and by whom, shared with partners, newest first', () => {
    const { peers } = createPeers(2, (ws) => meetingOutcome(ws));
    const [a, b] = [peers.at(0), peers.at(1)];
    const first = saveVersion(a, '  Focus points as agreed on 23 September ', 'Anna');
    a.focusPoints.setStatus('p1', 'done');
    const second = saveVersion(a, 'After the October call', 'Anna');
    peers.sync();

    expect(b.versions.newestFirst().map((v) => [v.id, v.name, v.createdBy])).toEqual([
      [second, 'After the October call', 'Anna'],
      [first, 'Focus points as agreed on 23 September', 'Anna'],
    ]);
    const saved = b.versions.get(first)!;
    expect(saved.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(b.versions.read(first)).toMatchObject({ ok: true, repaired: [] });
    expect(saved.snapshot!.topics.map((t) => t.title)).toEqual(['Ports', 'Trafficking']);
    expect(saved.snapshot!.focusPoints.map((p) => [p.id, p.text, p.status])).toEqual([
      ['p1', 'One', 'proposed'],
      ['p2', 'Two', 'proposed'],
      ['p3', 'Three', 'proposed'],
      ['p4', 'Four', 'proposed'],
      ['t1', 'Victims first', 'proposed'],
    ]);
    expect(b.versions.get(second)!.snapshot!.focusPoints[0]).toMatchObject({ id: 'p1', status: 'done' });
    expect(summarise(saved)).toMatchObject({ name: 'Focus points as agreed on 23 September', readable: true, topics: 2, focusPoints: 5 });
    expect(summarise(saved)).not.toHaveProperty('snapshot');
  });

  it('keeps only live records, and refuses a version without a name', () => {
    const ws = new Workspace();
    const { ports } = meetingOutcome(ws);
    ws.focusPoints.remove('p4');
    ws.topics.remove('topic-thb');
    const id = saveVersion(ws, 'Trimmed', '');
    const snapshot = ws.versions.get(id)!.snapshot!;
    expect(snapshot.topics.map((t) => t.id)).toEqual([ports]);
    // A live point of a deleted topic is kept, so a restore leaves it live; it is not shown.
    expect(snapshot.focusPoints.map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 't1']);
    expect(summarise(ws.versions.get(id)!)).toMatchObject({ topics: 1, focusPoints: 3 });
    expect(() => saveVersion(ws, '   ', 'Anna')).toThrow(/needs a name/);
    expect(() => saveVersion(ws, 'x'.repeat(201), 'Anna')).toThrow(/not a valid value/);
  });

  it('saving is one transaction, versions.save, that undo leaves alone', () => {
    const ws = new Workspace();
    meetingOutcome(ws);
    const history = new UndoHistory(ws, { captureTimeout: 0 });
    const actions = recordActions(ws);
    const id = saveVersion(ws, 'V1', 'Anna');
    expect(actions).toEqual(['versions.save']);
    // Undoing would remove the version's entry from the map, and records are never removed.
    expect(history.canUndo()).toBe(false);
    ws.versions.remove(id);
    expect(ws.versions.newestFirst()).toEqual([]);
    expect(ws.versions.newestFirst('only').map((v) => v.id)).toEqual([id]);
    ws.versions.restore(id);
    ws.versions.rename(id, ' Renamed ');
    expect(ws.versions.newestFirst().map((v) => v.name)).toEqual(['Renamed']);
  });
});

describe('opening a version read-only', () => {
  it('gives the topics and focus points as they were, whatever happened since', () => {
    const ws = new Workspace();
    const { ports } = meetingOutcome(ws);
    const id = saveVersion(ws, 'V1', 'Anna');
    nextMeeting(ws, ports);
    ws.topics.title(ports)!.set('Ports and harbours');
    ws.topics.move('topic-thb', 0);

    const opened = openVersion(ws, id);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.version.name).toBe('V1');
    expect(opened.view.topics.map((t) => ({ title: t.title, points: t.points.map((p) => `${p.text} (${p.status})`) }))).toEqual([
      { title: 'Ports', points: ['One (proposed)', 'Two (proposed)', 'Three (proposed)', 'Four (proposed)'] },
      { title: 'Trafficking', points: ['Victims first (proposed)'] },
    ]);
    // And opening it changed nothing.
    expect(visible(ws)[1]).toEqual({ title: 'Ports and harbours', points: ['Two, revised (proposed)', 'Three (agreed)', 'Four (proposed)', 'Five (proposed)'] });
  });
});

describe('what changed since a version', () => {
  it('lists added, removed, edited and status-changed points exactly, per topic', () => {
    const ws = new Workspace();
    const { ports } = meetingOutcome(ws);
    const id = saveVersion(ws, 'V1', 'Anna');
    nextMeeting(ws, ports);

    const result = changesSince(ws, id);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changes).toEqual({
      topics: [
        {
          id: 'topic-ports',
          title: 'Ports',
          change: null,
          points: [
            { id: 'p1', kind: 'removed', text: 'One', status: 'proposed', owners: [] },
            { id: 'p2', kind: 'changed', text: 'Two, revised', status: 'proposed', owners: [], textBefore: 'Two' },
            { id: 'p3', kind: 'changed', text: 'Three', status: 'agreed', owners: [], statusBefore: 'proposed' },
            { id: 'p5', kind: 'added', text: 'Five', status: 'proposed', owners: [] },
          ],
        },
      ],
      counts: { added: 1, removed: 1, edited: 1, status: 1, owners: 0, moved: 0, topics: 0 },
    });
  });

  it('shows topics added, removed, renamed and moved, points moved between topics or reordered, owners changed', () => {
    const ws = new Workspace();
    const { ports, trafficking } = meetingOutcome(ws);
    const member = ws.members.add({ name: 'Rotterdam' }, 'm-rotterdam');
    const id = saveVersion(ws, 'V1', 'Anna');
    ws.topics.title(ports)!.set('Ports and harbours');
    ws.topics.move(trafficking, 0);
    const drugs = ws.topics.add('Drugs', undefined, 'topic-drugs');
    ws.focusPoints.add({ topicId: drugs, text: 'Cocaine routes' }, undefined, 'd1');
    ws.focusPoints.move('p4', 0); // Four first: only Four counts as moved
    ws.focusPoints.move('p2', 1, trafficking);
    ws.focusPoints.setOwner('p3', member, true);
    const before = ws.encodeState();
    ws.topics.remove(trafficking);

    const changes = diffSnapshots(ws.versions.get(id)!.snapshot!, takeSnapshot(ws));
    expect(changes.topics).toEqual([
      {
        id: 'topic-ports',
        title: 'Ports and harbours',
        change: null,
        titleBefore: 'Ports',
        points: [
          { id: 'p4', kind: 'changed', text: 'Four', status: 'proposed', owners: [], reordered: { from: 4, to: 1 } },
          { id: 'p2', kind: 'removed', text: 'Two', status: 'proposed', owners: [] },
          { id: 'p3', kind: 'changed', text: 'Three', status: 'proposed', owners: ['m-rotterdam'], ownersBefore: [] },
        ],
      },
      { id: 'topic-drugs', title: 'Drugs', change: 'added', points: [{ id: 'd1', kind: 'added', text: 'Cocaine routes', status: 'proposed', owners: [] }] },
      { id: 'topic-thb', title: 'Trafficking', change: 'removed', points: [{ id: 't1', kind: 'removed', text: 'Victims first', status: 'proposed', owners: [] }] },
    ]);
    expect(changes.counts).toEqual({ added: 1, removed: 2, edited: 0, status: 0, owners: 1, moved: 1, topics: 3 });

    // With Trafficking still there, Two shows as moved into it, not removed.
    const live = new Workspace();
    live.applyUpdate(before);
    const moved = diffSnapshots(ws.versions.get(id)!.snapshot!, takeSnapshot(live)).topics.find((t) => t.id === trafficking)!;
    expect(moved).toMatchObject({ change: null, reordered: { from: 2, to: 1 } });
    expect(moved.points).toEqual([{ id: 'p2', kind: 'changed', text: 'Two', status: 'proposed', owners: [], movedFrom: { topicId: 'topic-ports', title: 'Ports' } }]);
  });

  it('is empty for a version of the workspace as it is', () => {
    const ws = new Workspace();
    meetingOutcome(ws);
    const id = saveVersion(ws, 'V1', 'Anna');
    const result = changesSince(ws, id);
    expect(result.ok && result.changes).toEqual({ topics: [], counts: { added: 0, removed: 0, edited: 0, status: 0, owners: 0, moved: 0, topics: 0 } });
  });
});

describe('restoring a version', () => {
  it('gives back the version\'s topics and focus points, as one transaction of ordinary changes a partner receives', () => {
    const { peers, seed } = createPeers(2, (ws) => meetingOutcome(ws));
    const [a, b] = [peers.at(0), peers.at(1)];
    const id = saveVersion(a, 'V1', 'Anna');
    const asSaved = visible(a);
    nextMeeting(a, seed.ports);
    a.focusPoints.move('p4', 0);
    a.topics.move('topic-thb', 0);
    peers.sync();
    expect(visible(b)).not.toEqual(asSaved);

    // Everything A sends from here on, as y-webrtc would send it.
    const sent: Uint8Array[] = [];
    a.doc.on('update', (update: Uint8Array) => sent.push(update));
    const actions = recordActions(a);
    const result = restoreVersion(a, id);
    expect(result).toMatchObject({ ok: true, skipped: [] });
    expect(actions).toEqual(['versions.restore']);
    expect(sent).toHaveLength(1);
    expect(visible(a)).toEqual(asSaved);

    for (const update of sent) b.applyUpdate(update);
    expect(visible(b)).toEqual(asSaved);
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
    expect(takeSnapshot(b)).toEqual(takeSnapshot(a));
    // Soft: the point added since is deleted and can be restored; the one deleted since is back.
    expect(b.focusPoints.ofTopic(seed.ports, 'only').map((p) => p.text)).toEqual(['Five']);
    expect(b.focusPoints.get('p1')!.deletedAt).toBeNull();
    // And the changes view has nothing left to show.
    expect(changesSince(b, id)).toMatchObject({ ok: true, changes: { topics: [] } });
  });

  it('sets a text back by its smallest splice, and restoring twice changes nothing more', () => {
    const ws = new Workspace();
    meetingOutcome(ws);
    const id = saveVersion(ws, 'V1', 'Anna');
    ws.focusPoints.textOf('p2')!.set('Two, revised');
    const deltas: unknown[] = [];
    ws.focusPoints.textOf('p2')!.observe((changes) => deltas.push(changes));
    restoreVersion(ws, id);
    expect(deltas).toEqual([[{ retain: 3 }, { delete: 9 }]]);

    const actions = recordActions(ws);
    restoreVersion(ws, id);
    expect(actions).toEqual([]);
  });

  it('puts back points moved to another topic, owners and meetings, and leaves members, meetings and practices alone', () => {
    const ws = new Workspace();
    const { trafficking } = meetingOutcome(ws);
    const member = ws.members.add({ name: 'Rotterdam' });
    const meeting = ws.meetings.add({ title: 'October call', date: '2026-10-01' });
    ws.focusPoints.setOwner('p1', member, true);
    const id = saveVersion(ws, 'V1', 'Anna');
    const saved = takeSnapshot(ws);
    ws.focusPoints.move('p1', 0, trafficking);
    ws.focusPoints.setOwner('p1', member, false);
    ws.focusPoints.setMeeting('p1', meeting);
    ws.members.add({ name: 'Antwerp' });
    ws.meetings.update(meeting, { title: 'Renamed call' });
    restoreVersion(ws, id);
    expect(takeSnapshot(ws)).toEqual(saved);
    expect(ws.members.list().map((m) => m.name)).toEqual(['Rotterdam', 'Antwerp']);
    expect(ws.meetings.get(meeting)!.title).toBe('Renamed call');
  });

  it('reverts what a partner did before the restore, keeps what a partner did at the same time', () => {
    const { peers, seed } = createPeers(2, (ws) => meetingOutcome(ws));
    const [a, b] = [peers.at(0), peers.at(1)];
    const id = saveVersion(a, 'V1', 'Anna');
    peers.sync();
    // Bruno's edits reach Anna before she restores: the restore takes them back too.
    b.focusPoints.setStatus('p1', 'dropped');
    b.focusPoints.textOf('p2')!.set('Two (Bruno)');
    peers.sync();
    // Then, cut off from each other, Anna restores while Bruno goes on editing.
    peers.disconnect();
    a.focusPoints.textOf('p3')!.set('Three, by Anna');
    restoreVersion(a, id);
    b.focusPoints.textOf('p4')!.insert(4, ' (urgent)');
    b.focusPoints.add({ topicId: seed.ports, text: 'Added by Bruno meanwhile' }, undefined, 'p6');
    b.focusPoints.textOf('p3')!.insert(0, 'Bruno: ');
    peers.syncAll();

    expect(takeSnapshot(a)).toEqual(takeSnapshot(b));
    expect(a.focusPoints.ofTopic(seed.ports).map((p) => `${p.text} (${p.status})`)).toEqual([
      'One (proposed)',
      'Two (proposed)',
      // Anna's restore removed her own edit; Bruno's concurrent typing at the start survives.
      'Bruno: Three (proposed)',
      'Four (urgent) (proposed)',
      'Added by Bruno meanwhile (proposed)',
    ]);
  });

  it('converges with a partner restoring another version at the same time, under random edits', () => {
    const rng = new Prng(20260923);
    const { peers, seed } = createPeers(3, (ws) => meetingOutcome(ws));
    const v1 = saveVersion(peers.at(0), 'V1', 'Anna');
    for (let round = 0; round < 30; round++) {
      peers.partition([0], [1, 2]);
      for (let i = 0; i < peers.count; i++) {
        const ws = peers.at(i);
        const points = ws.focusPoints.ofTopic(seed.ports);
        const point = points.length > 0 ? rng.pick(points) : undefined;
        switch (rng.int(0, 4)) {
          case 0:
            ws.focusPoints.add({ topicId: seed.ports, text: rng.word() }, rng.int(0, points.length));
            break;
          case 1:
            if (point) ws.focusPoints.textOf(point.id)!.insert(rng.int(0, point.text.length), rng.word());
            break;
          case 2:
            if (point) ws.focusPoints.remove(point.id);
            break;
          case 3:
            if (point) ws.focusPoints.move(point.id, rng.int(0, points.length - 1));
            break;
          case 4:
            if (point) ws.focusPoints.setStatus(point.id, rng.pick(['proposed', 'agreed', 'done'] as const));
            break;
        }
      }
      if (rng.bool(0.2)) restoreVersion(peers.at(rng.int(0, 2)), v1);
      peers.syncAll();
      const expected = takeSnapshot(peers.at(0));
      for (let i = 1; i < peers.count; i++) expect(takeSnapshot(peers.at(i)), `round ${round}, peer ${i}`).toEqual(expected);
    }
    // Whatever happened, a restore on a quiet workspace gives the version exactly.
    restoreVersion(peers.at(2), v1);
    peers.syncAll();
    expect(takeSnapshot(peers.at(0))).toEqual(peers.at(0).versions.get(v1)!.snapshot);
  });

  it('is one undo step: undo brings the state before the restore back, redo the version', () => {
    const ws = new Workspace();
    const { ports } = meetingOutcome(ws);
    const id = saveVersion(ws, 'V1', 'Anna');
    nextMeeting(ws, ports);
    ws.focusPoints.move('p4', 0);
    const history = new UndoHistory(ws, { captureTimeout: 0 });
    const beforeRestore = takeSnapshot(ws);
    restoreVersion(ws, id);
    expect(takeSnapshot(ws)).toEqual(ws.versions.get(id)!.snapshot);
    expect(history.undo()).toBe(true);
    expect(takeSnapshot(ws)).toEqual(beforeRestore);
    expect(ws.focusPoints.ofTopic(ports, 'only').map((p) => p.text)).toEqual(['One']);
    expect(history.canUndo()).toBe(false);
    expect(history.redo()).toBe(true);
    expect(takeSnapshot(ws)).toEqual(ws.versions.get(id)!.snapshot);
  });

  it('skips a record missing from its map (not arrived yet) and one a peer replaced by something else', () => {
    const ws = new Workspace();
    const { ports } = meetingOutcome(ws);
    const id = saveVersion(ws, 'V1', 'Anna');
    // Another program removed one entry and overwrote another.
    ws.doc.getMap('focusPoints').delete('p2');
    ws.doc.getMap('focusPoints').set('p3', 'not a record');
    const result = restoreVersion(ws, id);
    expect(result).toMatchObject({
      ok: true,
      skipped: [
        { collection: 'focusPoints', id: 'p2', reason: 'missing' },
        { collection: 'focusPoints', id: 'p3', reason: 'not-a-record' },
      ],
    });
    // Not made again: a second copy would replace the real one, and what was typed there, when it arrives.
    expect(ws.doc.getMap('focusPoints').has('p2')).toBe(false);
    expect(ws.focusPoints.ofTopic(ports).map((p) => p.text)).toEqual(['One', 'Four']);
    expect(ws.doc.getMap('focusPoints').get('p3')).toBe('not a record');
  });
});

describe('version records of the wrong shape', () => {
  it('are flagged, never thrown: not a record, an unreadable snapshot, a bad name', () => {
    const ws = new Workspace();
    const { ports } = meetingOutcome(ws);
    const good = saveVersion(ws, 'Good', 'Anna');
    const versions = ws.doc.getMap<unknown>('versions');
    versions.set('number', 42);
    const raw = (fields: Record<string, unknown>) => {
      const record = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({ order: 'a5', createdAt: '2026-09-23T10:00:00.000Z', deletedAt: null, name: 'Raw', createdBy: 'Script', ...fields })) {
        record.set(key, value);
      }
      return record;
    };
    const saved = ws.versions.get(good)!.snapshot!;
    versions.set('garbage', raw({ snapshot: 'garbage' }));
    versions.set('missing', raw({}));
    versions.set('bad-status', raw({ snapshot: { ...saved, focusPoints: [{ ...saved.focusPoints[0]!, status: 'weird' }] } }));
    versions.set('twice', raw({ snapshot: { ...saved, topics: [saved.topics[0]!, saved.topics[0]!] } }));
    versions.set('newer', raw({ name: 42, snapshot: { ...saved, meetings: [], topics: saved.topics.map((t) => ({ ...t, colour: 'red' })) } }));

    expect(ws.problems()).toEqual([{ collection: 'versions', id: 'number', problem: 'stored as a number instead of a record' }]);
    const listed = ws.versions.newestFirst().map(summarise);
    expect(Object.fromEntries(listed.map((v) => [v.id, [v.name, v.readable]]))).toEqual({
      [good]: ['Good', true],
      garbage: ['Raw', false],
      missing: ['Raw', false],
      'bad-status': ['Raw', false],
      twice: ['Raw', false],
      newer: ['Untitled version', true],
    });
    const before = ws.encodeState();
    for (const id of ['garbage', 'missing', 'bad-status', 'twice', 'number', 'nothing']) {
      expect(openVersion(ws, id), id).toMatchObject({ ok: false, problem: expect.any(String) });
      expect(changesSince(ws, id), id).toMatchObject({ ok: false });
      expect(restoreVersion(ws, id), id).toMatchObject({ ok: false });
    }
    expect(ws.encodeState()).toEqual(before);
    // Fields a newer version added are ignored: the version opens and restores.
    ws.focusPoints.remove('p1');
    expect(restoreVersion(ws, 'newer')).toMatchObject({ ok: true });
    expect(ws.focusPoints.ofTopic(ports).map((p) => p.text)).toEqual(['One', 'Two', 'Three', 'Four']);
  });
});

describe('the size of a version', () => {
  it('for the sample working group: a snapshot is a fraction of the state, and each version adds the same', () => {
    const ws = new Workspace();
    buildWorkingGroup(ws);
    const snapshot: VersionSnapshot = takeSnapshot(ws);
    const state = ws.encodeState().length;
    const json = new TextEncoder().encode(JSON.stringify(snapshot)).length;
    const growth: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const before = ws.encodeState().length;
      saveVersion(ws, `Focus points as of meeting ${i}`, 'Anna');
      growth.push(ws.encodeState().length - before);
    }
    // The alternative, a whole Yjs state per version, would hold every earlier version in each.
    const nested = Y.encodeStateAsUpdate(ws.doc).length;
    console.info(`sample working group: state ${state} B, snapshot ${json} B as JSON, each version adds ${growth[0]}–${Math.max(...growth)} B; the state with 10 versions is ${nested} B`);
    expect(json).toBeLessThan(state);
    expect(Math.max(...growth) - Math.min(...growth)).toBeLessThan(64);
    expect(growth[0]).toBeLessThan(json + 256);
  });
});
