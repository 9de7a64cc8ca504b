import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import { SAMPLE_WORKING_GROUP, buildWorkingGroup, workingGroupSchema } from '../../src/model/sample';
import { recordActions } from './helpers';

describe('the sample working group', () => {
  it('builds 3 topics, 12 focus points, 10 members, 1 meeting and 1 practice sheet in one transaction', () => {
    const ws = new Workspace();
    const actions = recordActions(ws);
    buildWorkingGroup(ws);
    expect(actions).toEqual(['sample.build']);

    const topics = ws.topics.list();
    expect(topics.map((t) => t.title)).toEqual(['Organised crime in European ports', 'Trafficking in human beings (THB)', expect.any(String)]);
    expect(ws.focusPoints.list()).toHaveLength(12);
    expect(topics.map((t) => ws.focusPoints.ofTopic(t.id).length)).toEqual([3, 4, 5]);
    expect(ws.focusPoints.ofTopic(topics[0]!.id)[0]!.text).toBe(SAMPLE_WORKING_GROUP.topics[0]!.focusPoints[0]);

    const members = ws.members.list();
    expect(members).toHaveLength(10);
    expect(members.filter((m) => m.lead).map((m) => m.name)).toEqual(['Amsterdam', 'Rotterdam']);

    const meetings = ws.meetings.list();
    expect(meetings).toHaveLength(1);
    const meeting = meetings[0]!;
    expect(meeting.date).toBe(SAMPLE_WORKING_GROUP.meetings[0]!.date);
    expect(meeting.agenda).toEqual(topics.map((t) => t.id));
    expect(meeting.participants.length).toBe(SAMPLE_WORKING_GROUP.meetings[0]!.participants.length);
    expect(meeting.participants.every((id) => ws.members.has(id))).toBe(true);
    expect(ws.focusPoints.list().every((p) => p.status === 'agreed' && p.meetingId === meeting.id)).toBe(true);

    const practices = ws.practices.list();
    expect(practices).toHaveLength(1);
    const practice = practices[0]!;
    expect(ws.members.get(practice.memberId!)!.name).toBe('Rotterdam');
    expect(practice.topics.length).toBe(SAMPLE_WORKING_GROUP.practices[0]!.topics.length);
    expect(practice.topics.every((id) => ws.topics.has(id))).toBe(true);
    for (const section of ['context', 'objectives', 'activities', 'budget', 'evaluation'] as const) {
      expect(practice[section]).toBe(SAMPLE_WORKING_GROUP.practices[0]!.sections[section]);
    }
  });

  it('writes the workspace meta and nothing that needs repair', () => {
    const ws = new Workspace();
    buildWorkingGroup(ws);
    expect(ws.meta()).toMatchObject({
      name: SAMPLE_WORKING_GROUP.workspace.name,
      description: SAMPLE_WORKING_GROUP.workspace.description,
      createdAt: '2019-12-01T00:00:00.000Z',
    });
    expect(ws.compatibility()).toEqual({ kind: 'ok' });
    expect(ws.problems()).toEqual([]);
    for (const collection of [ws.members, ws.topics, ws.focusPoints, ws.meetings, ws.practices]) {
      for (const result of collection.readAll()) expect(result, collection.name).toMatchObject({ ok: true, repaired: [] });
    }
  });

  it('gives fresh ids each time, so the sample can be opened twice', () => {
    const a = new Workspace();
    const b = new Workspace();
    buildWorkingGroup(a);
    buildWorkingGroup(b);
    const ids = (ws: Workspace) => new Set([...ws.topics.list(), ...ws.members.list(), ...ws.focusPoints.list()].map((r) => r.id));
    const shared = [...ids(a)].filter((id) => ids(b).has(id));
    expect(shared).toEqual([]);
  });

  it('builds from other plain data too, skipping references to unknown ids', () => {
    const data = workingGroupSchema.parse({
      workspace: { name: 'Tiny', description: '', createdAt: '2024-02-01' },
      members: [{ id: 'x', name: 'Lisbon', kind: 'city', country: 'PT' }],
      topics: [{ id: 't', title: 'Night-time economy', focusPoints: ['Licensing'] }],
      meetings: [{ id: 'm', title: 'Online', date: '2024-03-01', participants: ['x', 'ghost'], agenda: ['t', 'nowhere'], notes: '' }],
      practices: [{ id: 'p', title: 'Night mayor', city: 'ghost', topics: ['t'], status: 'unknown', sections: { context: '', objectives: '', activities: '', budget: '', evaluation: '' } }],
    });
    const ws = new Workspace();
    buildWorkingGroup(ws, data);
    const meeting = ws.meetings.list()[0]!;
    expect(meeting.participants).toHaveLength(1);
    expect(meeting.agenda).toEqual([ws.topics.list()[0]!.id]);
    expect(ws.practices.list()[0]).toMatchObject({ memberId: null, status: 'draft', context: '' });
    expect(ws.focusPoints.list().map((p) => p.text)).toEqual(['Licensing']);
  });
});
