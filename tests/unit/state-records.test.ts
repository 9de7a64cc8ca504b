import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import { createPointCounts, createProblems, createRecordList } from '../../src/state/records';

/** Let the microtasks of the last action run (the lists' refreshes). */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup() {
  const ws = new Workspace();
  const ports = ws.topics.add('Ports');
  const thb = ws.topics.add('Trafficking');
  const a = ws.focusPoints.add({ topicId: ports, text: 'Licences' });
  const b = ws.focusPoints.add({ topicId: ports, text: 'Screening' });
  const c = ws.focusPoints.add({ topicId: thb, text: 'Shelters' });
  return { ws, ports, thb, a, b, c };
}

/** A point list of a topic as the focus point screen makes it, counting how often it is read. */
function pointList<K extends 'text' = never>(ws: Workspace, topicId: string, options: { without?: K[] } = {}) {
  let reads = 0;
  let dispose!: () => void;
  const points = createRoot((d) => {
    dispose = d;
    return createRecordList(
      ws.focusPoints,
      () => {
        reads++;
        return ws.focusPoints.ofTopic(topicId);
      },
      options,
    );
  });
  return { points, reads: () => reads, dispose };
}

describe('record lists (createRecordList)', () => {
  it('are re-read after the update has been emitted, and before the task ends', async () => {
    const { ws, ports, a } = setup();
    const { points, dispose } = pointList(ws, ports);
    const statusWhenSent: string[] = [];
    ws.observeUpdates(() => statusWhenSent.push(points.find((p) => p.id === a)!.status));
    ws.focusPoints.setStatus(a, 'agreed');
    expect(statusWhenSent).toEqual(['proposed']);
    await Promise.resolve();
    expect(points.find((p) => p.id === a)!.status).toBe('agreed');
    dispose();
  });

  it('re-read once for several changes in one task', async () => {
    const { ws, ports, a, b } = setup();
    const { points, reads, dispose } = pointList(ws, ports);
    const before = reads();
    ws.focusPoints.setStatus(a, 'agreed');
    ws.focusPoints.setStatus(b, 'done');
    ws.focusPoints.move(a, 1);
    await settled();
    expect(reads() - before).toBe(1);
    expect(points.map((p) => [p.id, p.status])).toEqual([
      [b, 'done'],
      [a, 'agreed'],
    ]);
    dispose();
  });

  it('without the texts: a keystroke re-reads nothing, any other change does, and no record carries its text', async () => {
    const { ws, ports, a } = setup();
    const { points, reads, dispose } = pointList(ws, ports, { without: ['text'] });
    expect(points.every((p) => !('text' in p))).toBe(true);
    const before = reads();
    ws.focusPoints.textOf(a)!.insert(0, 'New ');
    await settled();
    expect(reads()).toBe(before);
    ws.focusPoints.setStatus(a, 'agreed');
    await settled();
    expect(reads()).toBe(before + 1);
    expect(points.find((p) => p.id === a)).toMatchObject({ status: 'agreed' });
    expect(points.every((p) => !('text' in p))).toBe(true);
    dispose();
  });

  it('with the texts: a keystroke re-reads the list', async () => {
    const { ws, ports, a } = setup();
    const { points, reads, dispose } = pointList(ws, ports);
    const before = reads();
    ws.focusPoints.textOf(a)!.insert(0, 'New ');
    await settled();
    expect(reads()).toBe(before + 1);
    expect(points.find((p) => p.id === a)!.text).toBe('New Licences');
    dispose();
  });

  it('a disposed list is not re-read, even for a change made just before', async () => {
    const { ws, ports, a } = setup();
    const { reads, dispose } = pointList(ws, ports);
    const before = reads();
    ws.focusPoints.setStatus(a, 'agreed');
    dispose();
    await settled();
    expect(reads()).toBe(before);
  });
});

describe('point counts per topic (createPointCounts)', () => {
  it('follow adds, moves across topics, deletes and restores, and ignore keystrokes', async () => {
    const { ws, ports, thb, a, b, c } = setup();
    let dispose!: () => void;
    const countFor = createRoot((d) => {
      dispose = d;
      return createPointCounts(ws);
    });
    const counts = () => [countFor(ports), countFor(thb)];
    expect(counts()).toEqual([2, 1]);
    ws.focusPoints.move(a, 0, thb);
    await settled();
    expect(counts()).toEqual([1, 2]);
    ws.focusPoints.remove(c);
    await settled();
    expect(counts()).toEqual([1, 1]);
    ws.focusPoints.move(c, 0, ports);
    await settled();
    expect(counts()).toEqual([1, 1]);
    ws.focusPoints.restore(c);
    await settled();
    expect(counts()).toEqual([2, 1]);
    ws.focusPoints.add({ topicId: thb, text: 'New' });
    ws.focusPoints.textOf(b)!.insert(0, 'x');
    await settled();
    expect(counts()).toEqual([2, 2]);
    const other = ws.topics.add('Other');
    expect(countFor(other)).toBe(0);
    dispose();
  });
});

describe('unreadable records (createProblems)', () => {
  /** A `later` that runs its work only when the test says so. */
  function manualLater() {
    const queued = new Set<() => void>();
    return {
      later: (work: () => void) => {
        queued.add(work);
        return () => void queued.delete(work);
      },
      run: () => {
        const works = [...queued];
        queued.clear();
        for (const work of works) work();
      },
      waiting: () => queued.size,
    };
  }

  it('are looked for when `later` runs, then followed as records change', () => {
    const { ws, a } = setup();
    const raw = ws.doc.getMap('focusPoints');
    raw.set('broken1', 'not a record');
    const { later, run } = manualLater();
    let dispose!: () => void;
    const problems = createRoot((d) => {
      dispose = d;
      return createProblems(ws, later);
    });
    expect(problems()).toEqual([]);
    run();
    expect(problems()).toEqual([{ collection: 'focusPoints', id: 'broken1', problem: expect.stringContaining('instead of a record') }]);
    raw.set(a, 42);
    raw.delete('broken1');
    expect(problems().map((p) => p.id)).toEqual([a]);
    dispose();
  });

  it('a screen left before `later` ran never looks, and stops the work', () => {
    const { ws } = setup();
    ws.doc.getMap('focusPoints').set('broken1', 'not a record');
    const { later, run, waiting } = manualLater();
    let dispose!: () => void;
    const problems = createRoot((d) => {
      dispose = d;
      return createProblems(ws, later);
    });
    expect(waiting()).toBe(1);
    dispose();
    expect(waiting()).toBe(0);
    run();
    ws.doc.getMap('focusPoints').set('broken2', 'not a record');
    expect(problems()).toEqual([]);
  });

  it('without `later`, look at once', () => {
    const { ws } = setup();
    ws.doc.getMap('topics').set('broken2', 'not a record');
    const problems = createRoot(() => createProblems(ws));
    expect(problems().map((p) => p.id)).toEqual(['broken2']);
  });
});
