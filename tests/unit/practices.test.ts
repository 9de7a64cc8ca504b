import { describe, expect, it } from 'vitest';
import { PRACTICE_SECTIONS, PRACTICE_STATUSES, Workspace } from '../../src/model';
import { recordActions } from './helpers';

function setup() {
  const ws = new Workspace();
  const ports = ws.topics.add('Ports');
  const thb = ws.topics.add('Trafficking');
  const rtm = ws.members.add({ name: 'Rotterdam', kind: 'city', country: 'NL' });
  return { ws, ports, thb, rtm };
}

describe('practice sheets', () => {
  it('adds a sheet with defaults', () => {
    const { ws } = setup();
    const actions = recordActions(ws);
    const id = ws.practices.add({ title: '  Port security pact ' });
    expect(ws.practices.get(id)).toMatchObject({
      title: 'Port security pact',
      memberId: null,
      topics: [],
      status: 'draft',
      context: '',
      objectives: '',
      activities: '',
      budget: '',
      evaluation: '',
      deletedAt: null,
    });
    expect(ws.practices.read(id)).toMatchObject({ ok: true, repaired: [] });
    expect(actions).toEqual(['practices.add']);
  });

  it('adds a sheet with every field given', () => {
    const { ws, ports, thb, rtm } = setup();
    const sections = Object.fromEntries(PRACTICE_SECTIONS.map((s) => [s, `The ${s}.`]));
    const id = ws.practices.add({ title: 'Pact', memberId: rtm, topics: [thb, ports], status: 'in-review', ...sections });
    expect(ws.practices.get(id)).toMatchObject({ title: 'Pact', memberId: rtm, topics: [ports, thb].sort(), status: 'in-review', ...sections });
  });

  it('updates city and status, every status allowed and nothing else', () => {
    const { ws, rtm } = setup();
    const id = ws.practices.add({ title: 'Pact' });
    const actions = recordActions(ws);
    ws.practices.update(id, { memberId: rtm });
    for (const status of PRACTICE_STATUSES) {
      ws.practices.update(id, { status });
      expect(ws.practices.get(id)).toMatchObject({ memberId: rtm, status });
    }
    ws.practices.update(id, { memberId: null });
    expect(ws.practices.get(id)!.memberId).toBeNull();
    expect(() => ws.practices.update(id, { status: 'published' as never })).toThrow(/practices\.status/);
    // draft was already draft: no write.
    expect(actions).toEqual(['practices.update', 'practices.update', 'practices.update', 'practices.update']);
  });

  it('toggles topics as a set', () => {
    const { ws, ports, thb } = setup();
    const id = ws.practices.add({ title: 'Pact' });
    const actions = recordActions(ws);
    ws.practices.setTopic(id, thb, true);
    ws.practices.setTopic(id, ports, true);
    expect(ws.practices.get(id)!.topics).toEqual([ports, thb].sort());
    ws.practices.setTopic(id, thb, false);
    expect(ws.practices.get(id)!.topics).toEqual([ports]);
    expect(actions).toEqual(['practices.topic', 'practices.topic', 'practices.topic']);
  });

  it('edits the title and each section through CoText', () => {
    const { ws } = setup();
    const id = ws.practices.add({ title: 'Pact' });
    const actions = recordActions(ws);
    ws.practices.title(id)!.insert(0, 'Port ');
    for (const section of PRACTICE_SECTIONS) ws.practices.section(id, section)!.set(`${section} text`);
    const sheet = ws.practices.get(id)!;
    expect(sheet.title).toBe('Port Pact');
    for (const section of PRACTICE_SECTIONS) expect(sheet[section]).toBe(`${section} text`);
    expect(actions).toEqual(['practices.title.edit', ...PRACTICE_SECTIONS.map((s) => `practices.${s}.edit`)]);
    expect(ws.practices.section('missing', 'budget')).toBeUndefined();
  });

  it('refuses a text handle for a field that is not a text', () => {
    const { ws } = setup();
    const id = ws.practices.add({ title: 'Pact' });
    expect(() => ws.practices.text(id, 'status')).toThrow(/practices\.status is not a text field/);
  });

  it('moves, removes and restores', () => {
    const { ws } = setup();
    const [a, b] = ['A', 'B', 'C'].map((title) => ws.practices.add({ title }));
    const actions = recordActions(ws);
    ws.practices.move(b!, 0);
    expect(ws.practices.list().map((p) => p.title)).toEqual(['B', 'A', 'C']);
    ws.practices.remove(a!);
    expect(ws.practices.list().map((p) => p.title)).toEqual(['B', 'C']);
    ws.practices.restore(a!);
    expect(ws.practices.list().map((p) => p.title)).toEqual(['B', 'A', 'C']);
    expect(actions).toEqual(['practices.move', 'practices.remove', 'practices.restore']);
  });
});
