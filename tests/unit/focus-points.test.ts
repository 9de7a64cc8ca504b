import { describe, expect, it } from 'vitest';
import { FOCUS_POINT_STATUSES, Workspace } from '../../src/model';
import { recordActions } from './helpers';

function setup() {
  const ws = new Workspace();
  const ports = ws.topics.add('Ports');
  const thb = ws.topics.add('Trafficking');
  const ams = ws.members.add({ name: 'Amsterdam', kind: 'city', country: 'NL' });
  const rtm = ws.members.add({ name: 'Rotterdam', kind: 'city', country: 'NL' });
  const meeting = ws.meetings.add({ title: 'Kick-off', date: '2020-09-23' });
  return { ws, ports, thb, ams, rtm, meeting };
}

const texts = (ws: Workspace, topicId: string, deleted: 'exclude' | 'only' = 'exclude') => ws.focusPoints.ofTopic(topicId, deleted).map((p) => p.text);

describe('focus points', () => {
  it('adds a point with defaults, last in its topic', () => {
    const { ws, ports, thb } = setup();
    const actions = recordActions(ws);
    const id = ws.focusPoints.add({ topicId: ports });
    ws.focusPoints.add({ topicId: ports, text: 'Second' });
    ws.focusPoints.add({ topicId: thb, text: 'Elsewhere' });
    expect(ws.focusPoints.get(id)).toMatchObject({ id, topicId: ports, text: '', status: 'proposed', owners: [], meetingId: null, deletedAt: null });
    expect(ws.focusPoints.read(id)).toMatchObject({ ok: true, repaired: [] });
    expect(texts(ws, ports)).toEqual(['', 'Second']);
    expect(texts(ws, thb)).toEqual(['Elsewhere']);
    expect(actions).toEqual(['focusPoints.add', 'focusPoints.add', 'focusPoints.add']);
  });

  it('adds a point with every field given, at an index', () => {
    const { ws, ports, ams, rtm, meeting } = setup();
    ws.focusPoints.add({ topicId: ports, text: 'A' });
    ws.focusPoints.add({ topicId: ports, text: 'C' });
    const id = ws.focusPoints.add({ topicId: ports, text: 'B', status: 'agreed', owners: [rtm, ams, rtm], meetingId: meeting }, 1);
    expect(texts(ws, ports)).toEqual(['A', 'B', 'C']);
    expect(ws.focusPoints.get(id)).toMatchObject({ status: 'agreed', owners: [ams, rtm].sort(), meetingId: meeting });
  });

  it('refuses values its own reads would reject, writing nothing', () => {
    const { ws, ports } = setup();
    const before = ws.focusPoints.size;
    expect(() => ws.focusPoints.add({ topicId: ports, status: 'maybe' as never })).toThrow(/focusPoints\.status/);
    expect(() => ws.focusPoints.add({ topicId: ports, text: 'x'.repeat(20_001) })).toThrow(/focusPoints\.text/);
    expect(ws.focusPoints.size).toBe(before);
    const id = ws.focusPoints.add({ topicId: ports, text: 'ok' });
    expect(() => ws.focusPoints.setStatus(id, 'finished' as never)).toThrow(/focusPoints\.status/);
    expect(ws.focusPoints.get(id)!.status).toBe('proposed');
  });

  it('edits the text through CoText', () => {
    const { ws, ports } = setup();
    const id = ws.focusPoints.add({ topicId: ports, text: 'Ports matter' });
    const actions = recordActions(ws);
    const text = ws.focusPoints.textOf(id)!;
    text.insert(0, 'European ');
    text.delete(0, 'European '.length);
    text.set('Port cities matter');
    expect(ws.focusPoints.get(id)!.text).toBe('Port cities matter');
    expect(actions).toEqual(['focusPoints.text.edit', 'focusPoints.text.edit', 'focusPoints.text.edit']);
    expect(ws.focusPoints.textOf('missing')).toBeUndefined();
  });

  it('sets every status', () => {
    const { ws, ports } = setup();
    const id = ws.focusPoints.add({ topicId: ports, text: 'x' });
    const actions = recordActions(ws);
    for (const status of FOCUS_POINT_STATUSES) {
      ws.focusPoints.setStatus(id, status);
      expect(ws.focusPoints.get(id)!.status).toBe(status);
    }
    // The first is already 'proposed' and writes nothing.
    expect(actions).toEqual(FOCUS_POINT_STATUSES.slice(1).map(() => 'focusPoints.status'));
  });

  it('writes nothing when a status is set to what it already is', () => {
    const { ws, ports } = setup();
    const id = ws.focusPoints.add({ topicId: ports, text: 'x', status: 'agreed' });
    const actions = recordActions(ws);
    ws.focusPoints.setStatus(id, 'agreed');
    expect(actions).toEqual([]);
  });

  it('toggles owners as a set', () => {
    const { ws, ports, ams, rtm } = setup();
    const id = ws.focusPoints.add({ topicId: ports, text: 'x' });
    const actions = recordActions(ws);
    ws.focusPoints.setOwner(id, rtm, true);
    ws.focusPoints.setOwner(id, ams, true);
    ws.focusPoints.setOwner(id, ams, true);
    expect(ws.focusPoints.get(id)!.owners).toEqual([ams, rtm].sort());
    ws.focusPoints.setOwner(id, rtm, false);
    ws.focusPoints.setOwner(id, 'never-an-owner', false);
    expect(ws.focusPoints.get(id)!.owners).toEqual([ams]);
    expect(actions.every((a) => a === 'focusPoints.owner')).toBe(true);
    expect(actions).toHaveLength(4);
  });

  it('links and unlinks the meeting where it was raised', () => {
    const { ws, ports, meeting } = setup();
    const id = ws.focusPoints.add({ topicId: ports, text: 'x' });
    ws.focusPoints.setMeeting(id, meeting);
    expect(ws.focusPoints.get(id)!.meetingId).toBe(meeting);
    ws.focusPoints.setMeeting(id, null);
    expect(ws.focusPoints.get(id)!.meetingId).toBeNull();
  });

  it('moves within its topic', () => {
    const { ws, ports, thb } = setup();
    const [a, , c] = ['A', 'B', 'C'].map((text) => ws.focusPoints.add({ topicId: ports, text }));
    ws.focusPoints.add({ topicId: thb, text: 'T' });
    const actions = recordActions(ws);
    ws.focusPoints.move(a!, 2);
    expect(texts(ws, ports)).toEqual(['B', 'C', 'A']);
    ws.focusPoints.move(c!, 0);
    expect(texts(ws, ports)).toEqual(['C', 'B', 'A']);
    expect(texts(ws, thb)).toEqual(['T']);
    expect(actions).toEqual(['focusPoints.move', 'focusPoints.move']);
  });

  it('moves to another topic in one transaction', () => {
    const { ws, ports, thb } = setup();
    const [a] = ['A', 'B'].map((text) => ws.focusPoints.add({ topicId: ports, text }));
    ['X', 'Y'].forEach((text) => ws.focusPoints.add({ topicId: thb, text }));
    const actions = recordActions(ws);
    ws.focusPoints.move(a!, 1, thb);
    expect(texts(ws, ports)).toEqual(['B']);
    expect(texts(ws, thb)).toEqual(['X', 'A', 'Y']);
    expect(ws.focusPoints.get(a!)!.topicId).toBe(thb);
    expect(actions).toEqual(['focusPoints.move']);
    expect(() => ws.focusPoints.move('missing', 0)).toThrow(/No focus point missing/);
  });

  it('soft-deletes and restores in place', () => {
    const { ws, ports } = setup();
    const [, b] = ['A', 'B', 'C'].map((text) => ws.focusPoints.add({ topicId: ports, text }));
    const actions = recordActions(ws);
    ws.focusPoints.remove(b!);
    expect(texts(ws, ports)).toEqual(['A', 'C']);
    expect(texts(ws, ports, 'only')).toEqual(['B']);
    expect(ws.focusPoints.get(b!)!.deletedAt).not.toBeNull();
    ws.focusPoints.restore(b!);
    expect(texts(ws, ports)).toEqual(['A', 'B', 'C']);
    expect(texts(ws, ports, 'only')).toEqual([]);
    expect(actions).toEqual(['focusPoints.remove', 'focusPoints.restore']);
  });

  it('lists with a filter across topics', () => {
    const { ws, ports, thb } = setup();
    ws.focusPoints.add({ topicId: ports, text: 'p', status: 'done' });
    ws.focusPoints.add({ topicId: thb, text: 't', status: 'done' });
    ws.focusPoints.add({ topicId: thb, text: 'u' });
    expect(ws.focusPoints.list({ where: (p) => p.status === 'done' }).map((p) => p.text).sort()).toEqual(['p', 't']);
  });
});
