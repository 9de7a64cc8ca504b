import { describe, expect, it } from 'vitest';
import { ISO_DATE, Workspace } from '../../src/model';
import { createPeers, recordActions } from './helpers';

function setup() {
  const ws = new Workspace();
  const topics = ['Ports', 'Trafficking', 'Legal economy'].map((t) => ws.topics.add(t));
  const members = ['Amsterdam', 'Rotterdam'].map((name) => ws.members.add({ name, kind: 'city', country: 'NL' }));
  return { ws, topics: topics as [string, string, string], members: members as [string, string] };
}

describe('meetings', () => {
  it('adds a meeting with a trimmed title and empty defaults', () => {
    const { ws } = setup();
    const actions = recordActions(ws);
    const id = ws.meetings.add({ title: '  Kick-off  ', date: '2020-09-23' });
    expect(ws.meetings.get(id)).toMatchObject({ title: 'Kick-off', date: '2020-09-23', participants: [], agenda: [], notes: '', deletedAt: null });
    expect(ws.meetings.read(id)).toMatchObject({ ok: true, repaired: [] });
    expect(actions).toEqual(['meetings.add']);
  });

  it('adds a meeting with participants, agenda and notes', () => {
    const { ws, topics, members } = setup();
    const id = ws.meetings.add({ title: 'Online', date: '2021-03-01', participants: members, agenda: [topics[2], topics[0]], notes: 'Minutes' });
    expect(ws.meetings.get(id)).toMatchObject({ participants: [...members].sort(), agenda: [topics[2], topics[0]], notes: 'Minutes' });
  });

  it('refuses a date that is not YYYY-MM-DD, on add and on update', () => {
    const { ws } = setup();
    expect(ISO_DATE.test('2020-09-23')).toBe(true);
    expect(() => ws.meetings.add({ title: 'x', date: '23/09/2020' })).toThrow(/meetings\.date/);
    expect(ws.meetings.size).toBe(0);
    const id = ws.meetings.add({ title: 'x', date: '2020-09-23' });
    expect(() => ws.meetings.update(id, { date: 'tomorrow' })).toThrow(/Not a date: tomorrow/);
    expect(ws.meetings.get(id)!.date).toBe('2020-09-23');
  });

  it('updates title and date', () => {
    const { ws } = setup();
    const id = ws.meetings.add({ title: 'x', date: '2020-09-23' });
    const actions = recordActions(ws);
    ws.meetings.update(id, { title: ' Kick-off in Rotterdam ' });
    expect(ws.meetings.get(id)).toMatchObject({ title: 'Kick-off in Rotterdam', date: '2020-09-23' });
    ws.meetings.update(id, { date: '2020-10-01' });
    expect(ws.meetings.get(id)).toMatchObject({ title: 'Kick-off in Rotterdam', date: '2020-10-01' });
    expect(actions).toEqual(['meetings.update', 'meetings.update']);
  });

  it('toggles participants as a set', () => {
    const { ws, members } = setup();
    const id = ws.meetings.add({ title: 'x', date: '2020-09-23' });
    const actions = recordActions(ws);
    ws.meetings.setParticipant(id, members[1], true);
    ws.meetings.setParticipant(id, members[0], true);
    expect(ws.meetings.get(id)!.participants).toEqual([...members].sort());
    ws.meetings.setParticipant(id, members[1], false);
    expect(ws.meetings.get(id)!.participants).toEqual([members[0]]);
    expect(actions).toEqual(['meetings.participant', 'meetings.participant', 'meetings.participant']);
  });

  it('keeps the agenda as an ordered set: add, move and remove write one topic each', () => {
    const { ws, topics } = setup();
    const id = ws.meetings.add({ title: 'x', date: '2020-09-23' });
    const actions = recordActions(ws);
    ws.meetings.addToAgenda(id, topics[1]);
    ws.meetings.addToAgenda(id, topics[0]);
    // Already there: nothing is written.
    ws.meetings.addToAgenda(id, topics[1]);
    expect(ws.meetings.get(id)!.agenda).toEqual([topics[1], topics[0]]);
    ws.meetings.addToAgenda(id, topics[2], 0);
    expect(ws.meetings.get(id)!.agenda).toEqual([topics[2], topics[1], topics[0]]);
    ws.meetings.moveInAgenda(id, topics[2], 2);
    expect(ws.meetings.get(id)!.agenda).toEqual([topics[1], topics[0], topics[2]]);
    ws.meetings.removeFromAgenda(id, topics[0]);
    expect(ws.meetings.get(id)!.agenda).toEqual([topics[1], topics[2]]);
    expect(actions).toEqual(['meetings.agenda', 'meetings.agenda', 'meetings.agenda', 'meetings.agenda', 'meetings.agenda']);
  });

  it('drops duplicates when two peers add the same topic to the agenda at once', () => {
    const { peers, seed } = createPeers(2, (ws) => {
      const topic = ws.topics.add('Ports');
      return { topic, meeting: ws.meetings.add({ title: 'x', date: '2020-09-23' }) };
    });
    peers.at(0).meetings.addToAgenda(seed.meeting, seed.topic);
    peers.at(1).meetings.addToAgenda(seed.meeting, seed.topic);
    peers.sync();
    for (const ws of peers.workspaces) expect(ws.meetings.get(seed.meeting)!.agenda).toEqual([seed.topic]);
  });

  it('a topic removed from the agenda while a partner adds another stays removed (issue 9)', () => {
    const { peers, seed } = createPeers(2, (ws) => {
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((title) => ws.topics.add(title));
      const meeting = ws.meetings.add({ title: 'x', date: '2020-09-23', agenda: [a!, b!, c!] });
      return { a: a!, b: b!, c: c!, d: d!, meeting };
    });
    peers.at(0).meetings.removeFromAgenda(seed.meeting, seed.b);
    peers.at(1).meetings.addToAgenda(seed.meeting, seed.d);
    peers.at(1).meetings.moveInAgenda(seed.meeting, seed.a, 2);
    peers.sync();
    for (const ws of peers.workspaces) expect(ws.meetings.get(seed.meeting)!.agenda).toEqual([seed.c, seed.a, seed.d]);
  });

  it('edits notes through CoText', () => {
    const { ws } = setup();
    const id = ws.meetings.add({ title: 'x', date: '2020-09-23', notes: 'Present: all' });
    const actions = recordActions(ws);
    ws.meetings.notes(id)!.insert('Present: all'.length, ' partners');
    expect(ws.meetings.get(id)!.notes).toBe('Present: all partners');
    expect(actions).toEqual(['meetings.notes.edit']);
    expect(ws.meetings.notes('missing')).toBeUndefined();
  });

  it('lists newest first, and removes and restores', () => {
    const { ws } = setup();
    const old = ws.meetings.add({ title: 'Old', date: '2019-12-01' });
    ws.meetings.add({ title: 'New', date: '2021-05-10' });
    ws.meetings.add({ title: 'Middle', date: '2020-09-23' });
    ws.meetings.add({ title: 'Middle too', date: '2020-09-23' });
    expect(ws.meetings.byDate().map((m) => m.title)).toEqual(['New', 'Middle', 'Middle too', 'Old']);
    const actions = recordActions(ws);
    ws.meetings.remove(old);
    expect(ws.meetings.byDate().map((m) => m.title)).toEqual(['New', 'Middle', 'Middle too']);
    expect(ws.meetings.byDate('only').map((m) => m.title)).toEqual(['Old']);
    ws.meetings.restore(old);
    expect(ws.meetings.byDate()).toHaveLength(4);
    expect(actions).toEqual(['meetings.remove', 'meetings.restore']);
  });
});
