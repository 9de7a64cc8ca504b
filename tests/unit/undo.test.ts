import { describe, expect, it } from 'vitest';
import { UndoHistory, Workspace } from '../../src/model';

/** Two peers that exchange every update as it happens (as connected partners do). */
function connectedPair() {
  const a = new Workspace();
  const b = new Workspace();
  a.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && b.applyUpdate(update, 'peer'));
  b.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && a.applyUpdate(update, 'peer'));
  a.initialise({ name: 'WG' });
  return { a, b };
}

describe('undo per person', () => {
  it('undoes only this person\'s typing, never a partner\'s that came after', () => {
    const { a, b } = connectedPair();
    const topic = a.topics.add('Ports');
    const point = a.focusPoints.add({ topicId: topic, text: 'Shared point' });
    const history = new UndoHistory(a, { captureTimeout: 0 });
    a.focusPoints.textOf(point)!.insert(12, ' from Anna');
    b.focusPoints.textOf(point)!.insert(0, 'Bruno: ');
    expect(a.focusPoints.get(point)!.text).toBe('Bruno: Shared point from Anna');
    expect(history.undo()).toBe(true);
    expect(a.focusPoints.get(point)!.text).toBe('Bruno: Shared point');
    expect(b.focusPoints.get(point)!.text).toBe('Bruno: Shared point');
    // Nothing of Bruno's is on Anna's stack.
    expect(history.undo()).toBe(false);
    expect(a.focusPoints.get(point)!.text).toBe('Bruno: Shared point');
    expect(history.redo()).toBe(true);
    expect(b.focusPoints.get(point)!.text).toBe('Bruno: Shared point from Anna');
  });

  it('undoes moves and status changes, leaving a partner\'s status change alone', () => {
    const { a, b } = connectedPair();
    const topic = a.topics.add('Ports');
    const [p1, p2, p3] = ['One', 'Two', 'Three'].map((text) => a.focusPoints.add({ topicId: topic, text }));
    const history = new UndoHistory(a, { captureTimeout: 0 });
    a.focusPoints.move(p1!, 2);
    b.focusPoints.setStatus(p2!, 'agreed');
    a.focusPoints.setStatus(p3!, 'done');
    expect(a.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['Two', 'Three', 'One']);
    history.undo(); // status of Three
    expect(a.focusPoints.get(p3!)!.status).toBe('proposed');
    history.undo(); // the move
    expect(b.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['One', 'Two', 'Three']);
    expect(b.focusPoints.get(p2!)!.status).toBe('agreed');
  });

  it('reports an undo and a redo as this copy’s own updates (the journal and the keeper keep them)', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'WG' });
    const history = new UndoHistory(ws);
    const topic = ws.topics.add('Ports');
    const seen: boolean[] = [];
    const stop = ws.observeUpdates((_update, local) => seen.push(local));
    expect(history.undo()).toBe(true);
    expect(ws.topics.get(topic)).toBeUndefined();
    expect(history.redo()).toBe(true);
    ws.applyUpdate(new Workspace().encodeState(), 'peer');
    const other = new Workspace();
    other.initialise({ name: 'Other' });
    ws.applyUpdate(other.encodeState(), 'peer');
    stop();
    expect(seen).toEqual([true, true, false]);
  });

  it('never undoes repairs made by the app itself', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'WG' });
    const history = new UndoHistory(ws, { captureTimeout: 0 });
    ws.doc.getMap('meta').set('description', 'plain'); // as another program might write it
    history.stopCapturing();
    ws.description(); // repairs the field into a co-edited text
    expect(history.canUndo()).toBe(false);
  });

  it('undoes a soft delete as a restore', () => {
    const { a } = connectedPair();
    const topic = a.topics.add('Ports');
    const point = a.focusPoints.add({ topicId: topic, text: 'To delete' });
    const history = new UndoHistory(a, { captureTimeout: 0 });
    a.focusPoints.remove(point);
    expect(a.focusPoints.ofTopic(topic)).toHaveLength(0);
    history.undo();
    expect(a.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['To delete']);
  });
});

describe('topic index', () => {
  it('finds a topic\'s points through moves between topics, deletes and remote changes', () => {
    const { a, b } = connectedPair();
    const ports = a.topics.add('Ports');
    const thb = a.topics.add('THB');
    const p1 = a.focusPoints.add({ topicId: ports, text: 'One' });
    a.focusPoints.add({ topicId: ports, text: 'Two' });
    expect(b.focusPoints.ofTopic(ports).map((p) => p.text)).toEqual(['One', 'Two']);
    b.focusPoints.move(p1, 0, thb);
    expect(a.focusPoints.ofTopic(ports).map((p) => p.text)).toEqual(['Two']);
    expect(a.focusPoints.ofTopic(thb).map((p) => p.text)).toEqual(['One']);
    expect(a.focusPoints.countOfTopic(thb)).toBe(1);
    a.focusPoints.remove(p1);
    expect(b.focusPoints.ofTopic(thb)).toEqual([]);
    expect(b.focusPoints.ofTopic(thb, 'only').map((p) => p.text)).toEqual(['One']);
  });
});

describe('undo steps', () => {
  it('a different action right after typing is a step of its own, however quick', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'x' });
    const topic = ws.topics.add('Ports');
    const point = ws.focusPoints.add({ topicId: topic, text: 'One' });
    const history = new UndoHistory(ws, { captureTimeout: 60_000 });
    ws.focusPoints.textOf(point)!.insert(3, ' and two');
    ws.focusPoints.textOf(point)!.insert(11, '!');
    ws.focusPoints.setStatus(point, 'agreed');
    history.undo();
    expect(ws.focusPoints.get(point)).toMatchObject({ text: 'One and two!', status: 'proposed' });
    history.undo();
    // The typing, within the capture time, was one step.
    expect(ws.focusPoints.get(point)!.text).toBe('One');
    history.destroy();
  });
});
