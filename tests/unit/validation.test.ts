import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import { createPeers } from './helpers';

/**
 * A peer may send anything. These tests write records of the wrong shape straight into the
 * Y.Doc, as a buggy or hostile program would, and check that reading repairs or reports them,
 * never throws, and that the rest of the workspace still lists.
 */

function setup() {
  const ws = new Workspace();
  const topicId = ws.topics.add('Ports', undefined, 'topic-ports');
  const good = ['A', 'B', 'C'].map((text) => ws.focusPoints.add({ topicId, text }, undefined, `fp-${text}`));
  return { ws, topicId, good, points: ws.doc.getMap<unknown>('focusPoints') };
}

/** A focus point record written by hand, valid unless `overrides` says otherwise. */
function rawPoint(fields: Record<string, unknown>): Y.Map<unknown> {
  const record = new Y.Map<unknown>();
  const owners = new Y.Map<boolean>();
  const defaults: Record<string, unknown> = {
    id: fields.id,
    order: 'a5',
    createdAt: '2024-01-01T00:00:00.000Z',
    deletedAt: null,
    topicId: 'topic-ports',
    text: new Y.Text('raw'),
    status: 'proposed',
    owners,
    meetingId: null,
  };
  for (const [key, value] of Object.entries({ ...defaults, ...fields })) if (value !== undefined) record.set(key, value);
  return record;
}

const texts = (ws: Workspace) => ws.focusPoints.ofTopic('topic-ports').map((p) => p.text);

describe('records of the wrong shape', () => {
  it('a number where a record should be is reported, not listed, and not thrown', () => {
    const { ws, points } = setup();
    points.set('fp-number', 42);
    expect(ws.focusPoints.read('fp-number')).toEqual({ ok: false, id: 'fp-number', problem: 'stored as a number instead of a record' });
    expect(ws.focusPoints.get('fp-number')).toBeUndefined();
    expect(ws.focusPoints.has('fp-number')).toBe(false);
    expect(ws.focusPoints.textOf('fp-number')).toBeUndefined();
    expect(() => ws.focusPoints.setStatus('fp-number', 'done')).toThrow(/No focusPoints record fp-number/);
    expect(ws.problems()).toEqual([{ collection: 'focusPoints', id: 'fp-number', problem: 'stored as a number instead of a record' }]);
    expect(texts(ws)).toEqual(['A', 'B', 'C']);
  });

  it('a plain object where a Y.Map should be is reported', () => {
    const { ws, points } = setup();
    points.set('fp-object', { id: 'fp-object', text: 'looks right', order: 'a5' });
    expect(ws.focusPoints.read('fp-object')).toMatchObject({ ok: false, problem: 'stored as a object instead of a record' });
    expect(texts(ws)).toEqual(['A', 'B', 'C']);
  });

  it('a status outside the enum reads as "proposed" and is reported as repaired', () => {
    const { ws, points } = setup();
    points.set('fp-status', rawPoint({ id: 'fp-status', status: 'finished' }));
    const result = ws.focusPoints.read('fp-status');
    expect(result).toMatchObject({ ok: true, repaired: ['status'], record: { status: 'proposed', text: 'raw' } });
    expect(texts(ws)).toEqual(['A', 'B', 'C', 'raw']);
    // Writing a proper status clears the repair.
    ws.focusPoints.setStatus('fp-status', 'done');
    expect(ws.focusPoints.read('fp-status')).toMatchObject({ ok: true, repaired: [], record: { status: 'done' } });
  });

  it('text stored as a plain string is shown, and becomes a Y.Text on first edit, keeping what it said', () => {
    const { ws, points } = setup();
    points.set('fp-string', rawPoint({ id: 'fp-string', text: 'plain string' }));
    expect(ws.focusPoints.read('fp-string')).toMatchObject({ ok: true, repaired: ['text'], record: { text: 'plain string' } });
    const text = ws.focusPoints.textOf('fp-string')!;
    expect(text.value).toBe('plain string');
    text.insert(0, 'a ');
    expect((points.get('fp-string') as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
    expect(ws.focusPoints.read('fp-string')).toMatchObject({ ok: true, repaired: [], record: { text: 'a plain string' } });
  });

  it('text stored as something else entirely reads as empty', () => {
    const { ws, points } = setup();
    points.set('fp-array', rawPoint({ id: 'fp-array', text: Y.Array.from(['x']) }));
    expect(ws.focusPoints.read('fp-array')).toMatchObject({ ok: true, repaired: ['text'], record: { text: '' } });
    ws.focusPoints.textOf('fp-array')!.insert(0, 'fresh');
    expect(ws.focusPoints.get('fp-array')!.text).toBe('fresh');
  });

  it('text longer than its limit is cut to the limit, not blanked', () => {
    const { ws, points } = setup();
    const long = `${'x'.repeat(19_999)}😀tail`;
    points.set('fp-long', rawPoint({ id: 'fp-long', text: new Y.Text(long) }));
    const result = ws.focusPoints.read('fp-long');
    expect(result).toMatchObject({ ok: true, repaired: ['text'] });
    // 20 000 UTF-16 units would end inside the emoji: it is left out whole.
    expect(result?.ok && result.record.text).toBe('x'.repeat(19_999));
    // The Y.Text itself keeps everything.
    expect(ws.focusPoints.textOf('fp-long')!.value).toBe(long);
  });

  it('invalid order keys sort last, and a move next to them lands where asked', () => {
    const { ws, points } = setup();
    points.set('fp-tilde', rawPoint({ id: 'fp-tilde', text: new Y.Text('tilde'), order: 'a0~' }));
    points.set('fp-number-order', rawPoint({ id: 'fp-number-order', text: new Y.Text('number'), order: 7 }));
    points.set('fp-no-order', rawPoint({ id: 'fp-no-order', text: new Y.Text('none'), order: undefined }));
    points.set('fp-garbage', rawPoint({ id: 'fp-garbage', text: new Y.Text('garbage'), order: 'not a key' }));
    for (const id of ['fp-tilde', 'fp-number-order', 'fp-no-order', 'fp-garbage']) {
      expect(ws.focusPoints.read(id)).toMatchObject({ ok: true, repaired: ['order'], record: { order: '~' } });
    }
    // Valid keys first, then the invalid ones tied at "~", broken by id.
    expect(texts(ws)).toEqual(['A', 'B', 'C', 'garbage', 'none', 'number', 'tilde']);

    ws.focusPoints.move('fp-A', 4);
    expect(texts(ws)).toEqual(['B', 'C', 'garbage', 'none', 'A', 'number', 'tilde']);
    // The whole list got valid keys, so nothing is repaired any more.
    for (const point of ws.focusPoints.ofTopic('topic-ports')) expect(ws.focusPoints.read(point.id)).toMatchObject({ repaired: [] });
  });

  it('owners stored as a plain array are shown, and kept when an owner is toggled', () => {
    const { ws, points } = setup();
    points.set('fp-owners', rawPoint({ id: 'fp-owners', owners: ['m-rtm', 'm-ams', 'm-rtm'] }));
    expect(ws.focusPoints.read('fp-owners')).toMatchObject({ ok: true, repaired: ['owners'], record: { owners: ['m-ams', 'm-rtm'] } });
    ws.focusPoints.setOwner('fp-owners', 'm-lis', true);
    expect((points.get('fp-owners') as Y.Map<unknown>).get('owners')).toBeInstanceOf(Y.Map);
    expect(ws.focusPoints.read('fp-owners')).toMatchObject({ ok: true, repaired: [], record: { owners: ['m-ams', 'm-lis', 'm-rtm'] } });
  });

  it('owners of the wrong type altogether read as none', () => {
    const { ws, points } = setup();
    points.set('fp-owners-bad', rawPoint({ id: 'fp-owners-bad', owners: [1, 2] }));
    points.set('fp-owners-text', rawPoint({ id: 'fp-owners-text', owners: new Y.Text('m-ams') }));
    expect(ws.focusPoints.read('fp-owners-bad')).toMatchObject({ ok: true, repaired: ['owners'], record: { owners: [] } });
    expect(ws.focusPoints.read('fp-owners-text')).toMatchObject({ ok: true, repaired: ['owners'], record: { owners: [] } });
    ws.focusPoints.setOwner('fp-owners-text', 'm-ams', true);
    expect(ws.focusPoints.get('fp-owners-text')!.owners).toEqual(['m-ams']);
  });

  it('an empty record gets every fallback, and its id from its key', () => {
    const { ws, points } = setup();
    points.set('fp-empty', new Y.Map());
    const result = ws.focusPoints.read('fp-empty');
    expect(result).toMatchObject({
      ok: true,
      record: { id: 'fp-empty', order: '~', createdAt: '1970-01-01T00:00:00.000Z', deletedAt: null, topicId: '', text: '', status: 'proposed', owners: [], meetingId: null },
    });
    // Missing fields count as repaired too: every one of them here.
    expect(result?.ok && [...result.repaired].sort()).toEqual(['createdAt', 'deletedAt', 'id', 'meetingId', 'order', 'owners', 'status', 'text', 'topicId']);
    expect(texts(ws)).toEqual(['A', 'B', 'C']);
  });

  it('an id field that disagrees with the key is repaired to the key', () => {
    const { ws, points } = setup();
    points.set('fp-key', rawPoint({ id: 'fp-other' }));
    expect(ws.focusPoints.read('fp-key')).toMatchObject({ ok: true, repaired: ['id'], record: { id: 'fp-key' } });
  });

  it('bad dates: a bad deletedAt reads as live, a bad createdAt as the epoch', () => {
    const { ws, points } = setup();
    points.set('fp-dates', rawPoint({ id: 'fp-dates', deletedAt: 'yesterday', createdAt: 12 }));
    expect(ws.focusPoints.read('fp-dates')).toMatchObject({
      ok: true,
      repaired: ['createdAt', 'deletedAt'],
      record: { deletedAt: null, createdAt: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('fields this version does not know are left alone by reads and writes', () => {
    const { ws, points } = setup();
    points.set('fp-future', rawPoint({ id: 'fp-future', colour: 'teal', votes: Y.Array.from([1, 2]) }));
    ws.focusPoints.setStatus('fp-future', 'agreed');
    ws.focusPoints.textOf('fp-future')!.insert(0, 'x');
    ws.focusPoints.move('fp-future', 0);
    const raw = points.get('fp-future') as Y.Map<unknown>;
    expect(raw.get('colour')).toBe('teal');
    expect((raw.get('votes') as Y.Array<number>).toArray()).toEqual([1, 2]);
    expect(ws.focusPoints.read('fp-future')).toMatchObject({ ok: true, repaired: [] });
    expect(Object.keys(ws.focusPoints.get('fp-future')!)).not.toContain('colour');
  });

  it('meetings: agenda as a plain array, participants as a list, a bad date', () => {
    const ws = new Workspace();
    const meetings = ws.doc.getMap<unknown>('meetings');
    const record = new Y.Map<unknown>();
    record.set('id', 'm-1');
    record.set('order', 'a0');
    record.set('title', 'Kick-off');
    record.set('date', '23/09/2020');
    record.set('agenda', ['t-2', 't-1', 't-2']);
    record.set('participants', Y.Array.from(['p-1']));
    record.set('notes', 'notes as a string');
    meetings.set('m-1', record);
    const result = ws.meetings.read('m-1');
    expect(result).toMatchObject({ ok: true, record: { title: 'Kick-off', agenda: ['t-2', 't-1'], participants: [], notes: 'notes as a string' } });
    expect(result?.ok && result.record.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The live-meeting fields are missing too (as in any meeting made before they existed).
    expect(result?.ok && [...result.repaired].sort()).toEqual(['agenda', 'attendees', 'chair', 'createdAt', 'date', 'deletedAt', 'endedAt', 'liveStatus', 'notes', 'nowDiscussing', 'participants', 'startedAt']);
    expect(result).toMatchObject({ record: { liveStatus: 'planned', startedAt: null, endedAt: null, chair: '', nowDiscussing: null, attendees: [] } });
    ws.meetings.setParticipant('m-1', 'p-2', true);
    ws.meetings.removeFromAgenda('m-1', 't-2');
    expect(ws.meetings.get('m-1')).toMatchObject({ participants: ['p-2'], agenda: ['t-1'] });
  });

  it('members and practices: wrong kinds, countries, statuses and flags', () => {
    const ws = new Workspace();
    const member = new Y.Map<unknown>();
    member.set('name', 7);
    member.set('kind', 'town');
    member.set('country', 'Netherlands');
    member.set('lead', 'yes');
    ws.doc.getMap('members').set('mem-1', member);
    expect(ws.members.read('mem-1')).toMatchObject({
      ok: true,
      record: { id: 'mem-1', name: 'Unnamed member', kind: 'other', country: '', lead: false },
    });
    const practice = new Y.Map<unknown>();
    practice.set('title', new Y.Text('Pact'));
    practice.set('status', 'published');
    practice.set('topics', 'ports');
    practice.set('budget', 100);
    ws.doc.getMap('practices').set('pr-1', practice);
    expect(ws.practices.read('pr-1')).toMatchObject({ ok: true, record: { title: 'Pact', status: 'draft', topics: [], budget: '' } });
    expect(ws.problems()).toEqual([]);
  });

  it('nested Yjs types in value fields never throw', () => {
    const { ws, points } = setup();
    points.set('fp-nested', rawPoint({ id: 'fp-nested', status: new Y.Text('done'), order: new Y.Map(), topicId: new Y.Array(), meetingId: 5 }));
    const result = ws.focusPoints.read('fp-nested');
    expect(result).toMatchObject({ ok: true, record: { status: 'proposed', order: '~', topicId: '', meetingId: null } });
    // Its topicId is unreadable, so it belongs to no topic; the topic still lists.
    expect(texts(ws)).toEqual(['A', 'B', 'C']);
  });

  it('bad records arriving from a peer reach observers without throwing', () => {
    const { peers } = createPeers(2, (ws) => ws.topics.add('Ports', undefined, 'topic-ports'));
    const [honest, other] = [peers.at(0), peers.at(1)];
    const seen: string[][] = [];
    honest.focusPoints.observe((ids) => seen.push([...ids].sort()));
    const points = other.doc.getMap<unknown>('focusPoints');
    other.doc.transact(() => {
      points.set('junk-1', 'hello');
      points.set('junk-2', rawPoint({ id: 'junk-2', status: 99, text: 'raw string' }));
    }, 'hostile peer');
    other.focusPoints.add({ topicId: 'topic-ports', text: 'fine' }, undefined, 'fp-fine');
    expect(() => peers.sync()).not.toThrow();
    expect(seen.flat().sort()).toEqual(['fp-fine', 'junk-1', 'junk-2']);
    // The other peer saw junk-2 (order a5) in the topic and added after it.
    expect(honest.focusPoints.ofTopic('topic-ports').map((p) => p.text)).toEqual(['raw string', 'fine']);
    expect(honest.problems()).toEqual([{ collection: 'focusPoints', id: 'junk-1', problem: 'stored as a string instead of a record' }]);
  });
});
