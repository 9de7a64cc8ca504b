import { describe, expect, it } from 'vitest';
import { MEMBER_KINDS, Workspace } from '../../src/model';
import { recordActions } from './helpers';

const names = (ws: Workspace) => ws.members.list().map((m) => m.name);

describe('members', () => {
  it('adds members with defaults, normalising name and country', () => {
    const ws = new Workspace();
    const actions = recordActions(ws);
    const ams = ws.members.add({ name: ' Amsterdam ', kind: 'city', country: ' nl', lead: true });
    const other = ws.members.add({ name: 'Someone' });
    expect(ws.members.get(ams)).toMatchObject({ name: 'Amsterdam', kind: 'city', country: 'NL', lead: true, deletedAt: null });
    expect(ws.members.get(other)).toMatchObject({ name: 'Someone', kind: 'other', country: '', lead: false });
    expect(names(ws)).toEqual(['Amsterdam', 'Someone']);
    expect(actions).toEqual(['members.add', 'members.add']);
  });

  it('accepts every kind and refuses a country that is not two letters', () => {
    const ws = new Workspace();
    for (const kind of MEMBER_KINDS) expect(ws.members.get(ws.members.add({ name: kind, kind }))!.kind).toBe(kind);
    expect(() => ws.members.add({ name: 'Netherlands', country: 'Netherlands' })).toThrow(/members\.country/);
    expect(() => ws.members.add({ name: 'x', kind: 'city-state' as never })).toThrow(/members\.kind/);
    expect(ws.members.size).toBe(MEMBER_KINDS.length);
  });

  it('updates some fields and leaves the others', () => {
    const ws = new Workspace();
    const id = ws.members.add({ name: 'Stuttgart', kind: 'city', country: 'DE' });
    const actions = recordActions(ws);
    ws.members.update(id, { lead: true, country: 'de ' });
    expect(ws.members.get(id)).toMatchObject({ name: 'Stuttgart', kind: 'city', country: 'DE', lead: true });
    ws.members.update(id, { name: '  Stadt Stuttgart', kind: 'region' });
    expect(ws.members.get(id)).toMatchObject({ name: 'Stadt Stuttgart', kind: 'region', country: 'DE', lead: true });
    expect(actions).toEqual(['members.update', 'members.update']);
    expect(() => ws.members.update(id, { country: 'Germany' })).toThrow(/members\.country/);
    expect(ws.members.get(id)!.country).toBe('DE');
  });

  it('moves, removes and restores', () => {
    const ws = new Workspace();
    const [a, b] = ['A', 'B', 'C'].map((name) => ws.members.add({ name }));
    const actions = recordActions(ws);
    ws.members.move(a!, 2);
    expect(names(ws)).toEqual(['B', 'C', 'A']);
    ws.members.remove(b!);
    expect(names(ws)).toEqual(['C', 'A']);
    expect(ws.members.list({ deleted: 'only' }).map((m) => m.name)).toEqual(['B']);
    ws.members.restore(b!);
    expect(names(ws)).toEqual(['B', 'C', 'A']);
    expect(actions).toEqual(['members.move', 'members.remove', 'members.restore']);
  });

  it('places a new member after deleted ones too', () => {
    const ws = new Workspace();
    ws.members.add({ name: 'A' });
    const b = ws.members.add({ name: 'B' });
    ws.members.remove(b);
    const c = ws.members.add({ name: 'C' });
    expect(ws.members.get(c)!.order > ws.members.get(b)!.order).toBe(true);
    ws.members.restore(b);
    expect(names(ws)).toEqual(['A', 'B', 'C']);
  });
});
