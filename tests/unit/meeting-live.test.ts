import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attendeeKey, parseAttendeeKey, personLabel, recordAttendance, Workspace } from '../../src/model';
import { meetingMinutes, minutesOf } from '../../src/model/minutes';
import { createPeers, Prng, recordActions, type Peers } from './helpers';

const anna = { name: 'Anna', organisation: 'Amsterdam' };
const bruno = { name: 'Bruno', organisation: 'Lisbon' };
const carla = { name: 'Carla', organisation: '' };

function setup(ws = new Workspace()) {
  ws.initialise({ name: 'Port cities' });
  const ports = ws.topics.add('Organised crime in European ports');
  const trafficking = ws.topics.add('Trafficking');
  const amsterdam = ws.members.add({ name: 'Amsterdam', kind: 'city', country: 'NL' });
  const lisbon = ws.members.add({ name: 'Lisbon', kind: 'city', country: 'PT' });
  const meeting = ws.meetings.add({ title: 'Kick-off', date: '2020-09-23', agenda: [ports, trafficking] });
  return { ws, ports, trafficking, amsterdam, lisbon, meeting };
}

describe('the live meeting: operations', () => {
  it('a new meeting is planned, with nobody in the chair and no attendees', () => {
    const { ws, meeting } = setup();
    expect(ws.meetings.get(meeting)).toMatchObject({ liveStatus: 'planned', startedAt: null, endedAt: null, chair: '', nowDiscussing: null, attendees: [] });
    expect(ws.meetings.read(meeting)).toMatchObject({ ok: true, repaired: [] });
    expect(ws.meetings.live()).toEqual([]);
  });

  it('start, set the topic, hand over the chair, end and resume: one named transaction each', () => {
    const { ws, meeting, ports, trafficking } = setup();
    const actions = recordActions(ws);
    ws.meetings.start(meeting, ' Anna (Amsterdam) ');
    const started = ws.meetings.get(meeting)!;
    expect(started).toMatchObject({ liveStatus: 'live', chair: 'Anna (Amsterdam)', endedAt: null });
    expect(started.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(ws.meetings.live().map((m) => m.id)).toEqual([meeting]);

    // Starting a live meeting again writes nothing.
    ws.meetings.start(meeting, 'Bruno (Lisbon)');
    expect(ws.meetings.get(meeting)!.chair).toBe('Anna (Amsterdam)');

    ws.meetings.setNowDiscussing(meeting, trafficking);
    expect(ws.meetings.get(meeting)!.nowDiscussing).toBe(trafficking);
    ws.meetings.setChair(meeting, 'Bruno (Lisbon)');
    ws.meetings.setNowDiscussing(meeting, ports);
    ws.meetings.end(meeting);
    const ended = ws.meetings.get(meeting)!;
    expect(ended).toMatchObject({ liveStatus: 'ended', chair: 'Bruno (Lisbon)', nowDiscussing: ports, startedAt: started.startedAt });
    expect(ended.endedAt! >= started.startedAt!).toBe(true);
    expect(ws.meetings.live()).toEqual([]);
    // Ending an ended meeting writes nothing.
    ws.meetings.end(meeting);

    ws.meetings.start(meeting, 'Carla');
    expect(ws.meetings.get(meeting)).toMatchObject({ liveStatus: 'live', startedAt: started.startedAt, endedAt: null, chair: 'Carla' });
    expect(actions).toEqual(['meetings.start', 'meetings.nowDiscussing', 'meetings.chair', 'meetings.nowDiscussing', 'meetings.end', 'meetings.start']);
  });

  it('refuses what it would read back as invalid, and cuts an over-long chair label', () => {
    const { ws, meeting } = setup();
    expect(() => ws.meetings.setNowDiscussing(meeting, 'x'.repeat(65))).toThrow(/meetings\.nowDiscussing/);
    ws.meetings.setChair(meeting, 'n'.repeat(300));
    expect(ws.meetings.get(meeting)!.chair).toHaveLength(240);
    expect(() => ws.meetings.start('missing', 'Anna')).toThrow(/No meetings record missing/);
  });

  it('records each person once, as name|organisation, ticking the member of their organisation', () => {
    const { ws, meeting, amsterdam, lisbon } = setup();
    // Not live: nothing is recorded.
    expect(recordAttendance(ws, meeting, [anna])).toBe(0);
    ws.meetings.start(meeting, personLabel(anna));
    const actions = recordActions(ws);
    expect(recordAttendance(ws, meeting, [anna, { name: 'Bruno', organisation: ' lisbon ' }, carla])).toBe(3);
    expect(recordAttendance(ws, meeting, [anna, carla, { name: 'Bruno', organisation: 'lisbon' }])).toBe(0);
    expect(ws.meetings.addAttendee(meeting, anna)).toBe(false);
    expect(actions).toEqual(['meetings.attendee', 'meetings.attendee', 'meetings.attendee']);
    const read = ws.meetings.get(meeting)!;
    expect(read.attendees).toEqual(['Anna|Amsterdam', 'Bruno|lisbon', 'Carla|']);
    expect(read.participants).toEqual([amsterdam, lisbon].sort());

    // A member unticked by hand during the meeting stays unticked: the person is already recorded.
    ws.meetings.setParticipant(meeting, amsterdam, false);
    recordAttendance(ws, meeting, [anna]);
    expect(ws.meetings.get(meeting)!.participants).toEqual([lisbon]);
    // A nameless state is not a person.
    expect(recordAttendance(ws, meeting, [{ name: '  ', organisation: 'Rome' }])).toBe(0);
  });

  it('attendee keys read back whatever the name holds', () => {
    for (const person of [anna, carla, { name: 'A|B', organisation: 'C\\D|E' }, { name: 'x\\', organisation: '|' }]) {
      expect(parseAttendeeKey(attendeeKey(person))).toEqual(person);
    }
    expect(attendeeKey({ name: ' Anna ', organisation: ' Amsterdam ' })).toBe('Anna|Amsterdam');
    // Written by another program: no `|`, or more than one.
    expect(parseAttendeeKey('Dora')).toEqual({ name: 'Dora', organisation: '' });
    expect(parseAttendeeKey('Eva|Rome|Lazio')).toEqual({ name: 'Eva', organisation: 'Rome|Lazio' });
    expect(personLabel(anna)).toBe('Anna (Amsterdam)');
    expect(personLabel(carla)).toBe('Carla');
  });

  it('reads invalid live fields as their fallbacks', () => {
    const { ws, meeting } = setup();
    const record = ws.doc.getMap('meetings').get(meeting) as Y.Map<unknown>;
    ws.doc.transact(() => {
      record.set('liveStatus', 'paused');
      record.set('startedAt', 'yesterday');
      record.set('chair', 42);
      record.set('attendees', ['Bruno|Lisbon', 'Anna|Amsterdam', 'Anna|Amsterdam']);
    });
    const result = ws.meetings.read(meeting);
    expect(result).toMatchObject({ ok: true, record: { liveStatus: 'planned', startedAt: null, chair: '', attendees: ['Anna|Amsterdam', 'Bruno|Lisbon'] } });
    expect(result?.ok && [...result.repaired].sort()).toEqual(['attendees', 'chair', 'liveStatus', 'startedAt']);
  });
});

describe('the live meeting: peers', () => {
  /** The live part of a meeting as one peer sees it. */
  const live = (ws: Workspace, id: string) => {
    const m = ws.meetings.get(id)!;
    return { liveStatus: m.liveStatus, startedAt: m.startedAt, endedAt: m.endedAt, chair: m.chair, nowDiscussing: m.nowDiscussing, attendees: m.attendees, participants: m.participants };
  };

  function twoPeers() {
    return createPeers(2, (ws) => setup(ws));
  }

  it('a partner follows the meeting: start, now discussing, attendance', () => {
    const { peers, seed } = twoPeers();
    const [a, b] = [peers.at(0), peers.at(1)];
    a.meetings.start(seed.meeting, personLabel(anna));
    a.meetings.setNowDiscussing(seed.meeting, seed.trafficking);
    peers.sync();
    expect(b.meetings.get(seed.meeting)).toMatchObject({ liveStatus: 'live', chair: 'Anna (Amsterdam)', nowDiscussing: seed.trafficking });
    // Both record both people at once: one key each survives, written by whoever.
    recordAttendance(a, seed.meeting, [anna, bruno]);
    recordAttendance(b, seed.meeting, [bruno, anna]);
    peers.sync();
    expect(live(a, seed.meeting)).toEqual(live(b, seed.meeting));
    expect(b.meetings.get(seed.meeting)!.attendees).toEqual(['Anna|Amsterdam', 'Bruno|Lisbon']);
    expect(b.meetings.get(seed.meeting)!.participants).toEqual([seed.amsterdam, seed.lisbon].sort());
  });

  it('concurrent: B takes the chair while A moves on and records someone; A ends while B moves on', () => {
    const { peers, seed } = twoPeers();
    const [a, b] = [peers.at(0), peers.at(1)];
    a.meetings.start(seed.meeting, personLabel(anna));
    peers.sync();
    b.meetings.setChair(seed.meeting, personLabel(bruno));
    a.meetings.setNowDiscussing(seed.meeting, seed.ports);
    recordAttendance(a, seed.meeting, [anna]);
    recordAttendance(b, seed.meeting, [bruno]);
    peers.sync();
    expect(live(a, seed.meeting)).toEqual(live(b, seed.meeting));
    expect(a.meetings.get(seed.meeting)).toMatchObject({ chair: 'Bruno (Lisbon)', nowDiscussing: seed.ports, attendees: ['Anna|Amsterdam', 'Bruno|Lisbon'] });

    a.meetings.end(seed.meeting);
    b.meetings.setNowDiscussing(seed.meeting, seed.trafficking);
    peers.sync();
    expect(live(a, seed.meeting)).toEqual(live(b, seed.meeting));
    expect(b.meetings.get(seed.meeting)).toMatchObject({ liveStatus: 'ended', nowDiscussing: seed.trafficking });
  });

  it('a meeting made before attendance existed gets its set from the start, so concurrent attendees all survive', () => {
    const { peers, seed } = createPeers(2, (ws) => {
      ws.initialise({ name: 'Old' });
      // As an older Tavola wrote it: no live fields at all.
      ws.doc.transact(() => {
        const record = new Y.Map<unknown>();
        ws.doc.getMap('meetings').set('m-old', record);
        record.set('id', 'm-old');
        record.set('order', 'a0');
        record.set('title', 'Old meeting');
        record.set('date', '2019-12-01');
        record.set('participants', new Y.Map());
        record.set('agenda', new Y.Array());
        record.set('notes', new Y.Text());
      });
      return { meeting: 'm-old' };
    });
    const [a, b] = [peers.at(0), peers.at(1)];
    expect(b.meetings.get(seed.meeting)).toMatchObject({ liveStatus: 'planned', attendees: [] });
    a.meetings.start(seed.meeting, 'Anna');
    peers.sync();
    recordAttendance(a, seed.meeting, [anna]);
    recordAttendance(b, seed.meeting, [bruno]);
    peers.sync();
    for (const ws of peers.workspaces) expect(ws.meetings.get(seed.meeting)!.attendees).toEqual(['Anna|Amsterdam', 'Bruno|Lisbon']);
  });

  it('random operations, partitions and syncs: every peer ends with the same live meeting', () => {
    for (const seedNumber of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const random = new Prng(seedNumber);
      const { peers, seed } = createPeers(3, (ws) => setup(ws));
      const people = [anna, bruno, carla, { name: 'Dora', organisation: 'Amsterdam' }];
      const step = (peers: Peers, i: number) => {
        const ws = peers.at(i);
        const person = random.pick(people);
        switch (random.int(0, 5)) {
          case 0:
            ws.meetings.start(seed.meeting, personLabel(person));
            break;
          case 1:
            ws.meetings.end(seed.meeting);
            break;
          case 2:
            ws.meetings.setChair(seed.meeting, personLabel(person));
            break;
          case 3:
            ws.meetings.setNowDiscussing(seed.meeting, random.pick([seed.ports, seed.trafficking, null]));
            break;
          default:
            recordAttendance(ws, seed.meeting, [person]);
        }
      };
      for (let round = 0; round < 30; round++) {
        if (random.bool(0.3)) peers.partition(...(random.bool() ? [[0, 1], [2]] : [[0], [1, 2]]));
        for (let i = 0; i < peers.count; i++) if (random.bool(0.7)) step(peers, i);
        if (random.bool(0.4)) peers.sync();
        if (random.bool(0.2)) peers.connect();
      }
      peers.syncAll();
      const expected = live(peers.at(0), seed.meeting);
      for (const ws of peers.workspaces) expect(live(ws, seed.meeting), `seed ${seedNumber}`).toEqual(expected);
      // Everyone recorded anywhere is in the set once.
      expect(new Set(expected.attendees).size).toBe(expected.attendees.length);
      peers.destroy();
    }
  });
});

describe('the minutes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2020-09-23T09:30:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function heldMeeting() {
    const s = setup();
    const { ws, meeting, ports, trafficking } = s;
    const legal = ws.topics.add('Legal economy');
    ws.focusPoints.add({ topicId: ports, text: 'Raised before the meeting' });
    ws.meetings.start(meeting, personLabel(anna));
    recordAttendance(ws, meeting, [bruno, anna]);
    ws.meetings.setNowDiscussing(meeting, trafficking);
    const agreed = ws.focusPoints.add({ topicId: trafficking, text: 'Share port *screening* data', meetingId: meeting });
    ws.focusPoints.setStatus(agreed, 'agreed');
    ws.focusPoints.add({ topicId: trafficking, text: 'Invite Europol\nto the next meeting', meetingId: meeting });
    const gone = ws.focusPoints.add({ topicId: trafficking, text: 'A deleted point', meetingId: meeting });
    ws.focusPoints.remove(gone);
    ws.focusPoints.add({ topicId: legal, text: '# Not a heading', meetingId: meeting });
    ws.meetings.notes(meeting)!.set('Next meeting in Lisbon.');
    vi.setSystemTime(new Date('2020-09-23T11:05:00.000Z'));
    ws.meetings.end(meeting);
    return { ...s, legal };
  }

  it('lists the meeting, attendees, agenda, the points raised per topic with their status, and the notes', () => {
    const { ws, meeting } = heldMeeting();
    expect(meetingMinutes(ws, meeting)).toBe(
      [
        '# Minutes: Kick-off',
        '',
        'Port cities · Wednesday 23 September 2020',
        '',
        '- **Time:** 09:30–11:05 (UTC)',
        '- **Chair:** Anna (Amsterdam)',
        '',
        '## Attendees',
        '',
        '- Anna (Amsterdam)',
        '- Bruno (Lisbon)',
        '',
        'Members taking part: Amsterdam (NL), Lisbon (PT).',
        '',
        '## Agenda',
        '',
        '1. Organised crime in European ports',
        '2. Trafficking',
        '',
        '## 1. Organised crime in European ports',
        '',
        '_No focus points were raised._',
        '',
        '## 2. Trafficking',
        '',
        '2 focus points raised, 1 agreed:',
        '',
        '- **Agreed:** Share port \\*screening\\* data',
        '- **Proposed:** Invite Europol  ',
        '  to the next meeting',
        '',
        '## Other points raised',
        '',
        '### Legal economy',
        '',
        'One focus point raised, none agreed:',
        '',
        '- **Proposed:** \\# Not a heading',
        '',
        '## Notes',
        '',
        'Next meeting in Lisbon.',
        '',
      ].join('\n'),
    );
  });

  it('gives times in the time zone asked for, and says when the minutes are a draft', () => {
    const { ws, meeting } = heldMeeting();
    expect(meetingMinutes(ws, meeting, { timeZone: 'Europe/Amsterdam' })).toContain('- **Time:** 11:30–13:05 (Europe/Amsterdam)');
    expect(meetingMinutes(ws, meeting, { timeZone: 'Not/AZone' })).toContain('(UTC)');
    const planned = ws.meetings.add({ title: 'Next', date: '2021-01-12' });
    const draft = meetingMinutes(ws, planned);
    expect(draft).toContain('- **Status:** the meeting has not been held yet; these minutes are a draft');
    expect(draft).toContain('_No one was recorded as present._');
    expect(draft).toContain('_No notes were taken._');
    expect(draft).not.toContain('**Time:**');
    ws.meetings.start(planned, 'Anna');
    expect(meetingMinutes(ws, planned)).toContain('- **Time:** from 11:05 (UTC)');
    expect(meetingMinutes(ws, planned)).toContain('still in progress');
    expect(meetingMinutes(ws, 'missing')).toBe('');
  });

  it('follows the workspace: a point moved off the agenda, a deleted agenda topic', () => {
    const { ws, meeting, ports, trafficking } = heldMeeting();
    ws.topics.remove(trafficking);
    const minutes = minutesOf(ws, meeting)!;
    expect(minutes.agenda.map((t) => [t.title, t.deleted, t.points.length, t.agreed])).toEqual([
      ['Organised crime in European ports', false, 0, 0],
      ['Trafficking', true, 2, 1],
    ]);
    const point = minutes.agenda[1]!.points[1]!;
    ws.focusPoints.move(point.id, 0, ports);
    expect(minutesOf(ws, meeting)!.agenda.map((t) => t.points.map((p) => p.text))).toEqual([['Invite Europol\nto the next meeting'], ['Share port *screening* data']]);
    expect(meetingMinutes(ws, meeting)).toContain('2. Trafficking (deleted topic)');
  });
});
