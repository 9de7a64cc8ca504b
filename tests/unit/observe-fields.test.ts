import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Workspace, type ChangedFields } from '../../src/model';
import { Peers } from './helpers';

/** Every report a collection's observe() gives, as plain data: id → sorted fields, or 'whole'. */
function reports(observe: Workspace['focusPoints']['observe']) {
  const seen: Record<string, string[] | 'whole'>[] = [];
  const stop = observe((ids, _local, fields: ChangedFields) => {
    expect([...fields.keys()].sort()).toEqual([...ids].sort());
    seen.push(Object.fromEntries([...fields].map(([id, changed]) => [id, changed === null ? 'whole' : [...changed].sort()])));
  });
  return { seen, stop };
}

function setup() {
  const ws = new Workspace();
  const ports = ws.topics.add('Ports');
  const thb = ws.topics.add('Trafficking');
  const ams = ws.members.add({ name: 'Amsterdam', kind: 'city', country: 'NL' });
  const a = ws.focusPoints.add({ topicId: ports, text: 'Licences' });
  const b = ws.focusPoints.add({ topicId: ports, text: 'Screening' });
  return { ws, ports, thb, ams, a, b };
}

describe('which fields a change touched (Collection.observe)', () => {
  it('a keystroke in a point reports its text alone', () => {
    const { ws, a } = setup();
    const { seen } = reports((l) => ws.focusPoints.observe(l));
    ws.focusPoints.textOf(a)!.insert(0, 'x');
    ws.focusPoints.textOf(a)!.delete(0, 1);
    expect(seen).toEqual([{ [a]: ['text'] }, { [a]: ['text'] }]);
  });

  it('a status, an owner, a meeting: each its own field', () => {
    const { ws, ams, a, b } = setup();
    const meeting = ws.meetings.add({ title: 'Kick-off', date: '2020-09-23' });
    const { seen } = reports((l) => ws.focusPoints.observe(l));
    ws.focusPoints.setStatus(a, 'agreed');
    ws.focusPoints.setOwner(b, ams, true);
    ws.focusPoints.setMeeting(a, meeting);
    expect(seen).toEqual([{ [a]: ['status'] }, { [b]: ['owners'] }, { [a]: ['meetingId'] }]);
  });

  it('a move names the derived fields its place holds: topicId and order', () => {
    const { ws, thb, a, b } = setup();
    const { seen } = reports((l) => ws.focusPoints.observe(l));
    ws.focusPoints.move(a, 1);
    ws.focusPoints.move(b, 0, thb);
    expect(seen).toEqual([{ [a]: ['order', 'topicId'] }, { [b]: ['order', 'topicId'] }]);
  });

  it('adding reports the whole record; removing and restoring report deletedAt', () => {
    const { ws, ports, a } = setup();
    const { seen } = reports((l) => ws.focusPoints.observe(l));
    const c = ws.focusPoints.add({ topicId: ports, text: 'New' });
    ws.focusPoints.remove(a);
    ws.focusPoints.restore(a);
    expect(seen).toEqual([{ [c]: 'whole' }, { [a]: ['deletedAt'] }, { [a]: ['deletedAt'] }]);
  });

  it('several records and fields in one transaction are reported together, a record added there whole', () => {
    const { ws, ports, a } = setup();
    const { seen } = reports((l) => ws.focusPoints.observe(l));
    let c = '';
    ws.transact('test.several', () => {
      ws.focusPoints.setStatus(a, 'done');
      ws.focusPoints.textOf(a)!.insert(0, 'Done: ');
      c = ws.focusPoints.add({ topicId: ports, text: 'Added' });
      ws.focusPoints.setStatus(c, 'agreed');
    });
    expect(seen).toEqual([{ [a]: ['status', 'text'], [c]: 'whole' }]);
  });

  it("a partner's edits report the same fields as one's own", () => {
    const peers = new Peers(2);
    const here = peers.at(0);
    const topic = here.topics.add('Ports');
    const point = here.focusPoints.add({ topicId: topic, text: 'Licences' });
    peers.sync();
    const there = peers.at(1);
    const { seen } = reports((l) => there.focusPoints.observe(l));
    here.focusPoints.textOf(point)!.insert(8, ' and permits');
    peers.sync();
    here.focusPoints.setStatus(point, 'agreed');
    peers.sync();
    expect(seen).toEqual([{ [point]: ['text'] }, { [point]: ['status'] }]);
    expect(there.focusPoints.get(point)).toMatchObject({ text: 'Licences and permits', status: 'agreed' });
    peers.destroy();
  });

  it('other record kinds: a topic title, a meeting agenda and notes', () => {
    const { ws, ports, thb } = setup();
    const meeting = ws.meetings.add({ title: 'Kick-off', date: '2020-09-23' });
    const topics = reports((l) => ws.topics.observe(l));
    const meetings = reports((l) => ws.meetings.observe(l));
    ws.topics.title(ports)!.insert(0, 'Sea ');
    ws.topics.move(thb, 0);
    ws.meetings.notes(meeting)!.insert(0, 'Notes');
    ws.meetings.addToAgenda(meeting, ports, 0);
    expect(topics.seen).toEqual([{ [ports]: ['title'] }, { [thb]: ['order'] }]);
    expect(meetings.seen).toEqual([{ [meeting]: ['notes'] }, { [meeting]: ['agenda'] }]);
  });

  it('a record replaced whole, or a field stored by another program, is reported', () => {
    const { ws, a, b } = setup();
    const { seen } = reports((l) => ws.focusPoints.observe(l));
    const raw = ws.doc.getMap('focusPoints');
    raw.set(a, 'not a record');
    (raw.get(b) as Y.Map<unknown>).set('newerField', 1);
    expect(seen).toEqual([{ [a]: 'whole' }, { [b]: ['newerField'] }]);
  });
});
