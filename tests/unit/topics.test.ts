import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import { recordActions } from './helpers';

const titles = (ws: Workspace, deleted: 'exclude' | 'include' | 'only' = 'exclude') => ws.topics.list({ deleted }).map((t) => t.title);

describe('topics', () => {
  it('adds topics at the end by default, or at an index, with a trimmed title', () => {
    const ws = new Workspace();
    const actions = recordActions(ws);
    const ports = ws.topics.add('  Organised crime in ports ');
    ws.topics.add('Trafficking in human beings');
    ws.topics.add('Illicit money', 1);
    ws.topics.add('First', 0);
    expect(titles(ws)).toEqual(['First', 'Organised crime in ports', 'Illicit money', 'Trafficking in human beings']);
    expect(actions).toEqual(['topics.add', 'topics.add', 'topics.add', 'topics.add']);

    const topic = ws.topics.get(ports)!;
    expect(topic).toMatchObject({ id: ports, title: 'Organised crime in ports', deletedAt: null });
    expect(topic.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(ws.topics.read(ports)).toEqual({ ok: true, record: topic, repaired: [] });
    expect(ws.topics.has(ports)).toBe(true);
    expect(ws.topics.size).toBe(4);
  });

  it('takes a caller-given id', () => {
    const ws = new Workspace();
    expect(ws.topics.add('Ports', undefined, 'topic-ports')).toBe('topic-ports');
    expect(ws.topics.get('topic-ports')?.title).toBe('Ports');
  });

  it('reports unknown ids as absent', () => {
    const ws = new Workspace();
    expect(ws.topics.get('nope')).toBeUndefined();
    expect(ws.topics.read('nope')).toBeUndefined();
    expect(ws.topics.has('nope')).toBe(false);
    expect(ws.topics.title('nope')).toBeUndefined();
    expect(() => ws.topics.move('nope', 0)).toThrow(/No topics record nope/);
    expect(() => ws.topics.remove('nope')).toThrow(/No topics record nope/);
  });

  it('edits the title through CoText', () => {
    const ws = new Workspace();
    const id = ws.topics.add('Ports');
    const actions = recordActions(ws);
    ws.topics.title(id)!.set('European ports');
    expect(ws.topics.get(id)!.title).toBe('European ports');
    expect(actions).toEqual(['topics.title.edit']);
  });

  it('moves a topic, writing only its own order key', () => {
    const ws = new Workspace();
    const [a, b, c] = ['A', 'B', 'C'].map((t) => ws.topics.add(t));
    const before = new Map(ws.topics.list().map((t) => [t.id, t.order]));
    const actions = recordActions(ws);
    ws.topics.move(a!, 2);
    expect(titles(ws)).toEqual(['B', 'C', 'A']);
    expect(ws.topics.get(b!)!.order).toBe(before.get(b!));
    expect(ws.topics.get(c!)!.order).toBe(before.get(c!));
    ws.topics.move(a!, 1);
    expect(titles(ws)).toEqual(['B', 'A', 'C']);
    ws.topics.move(c!, 0);
    expect(titles(ws)).toEqual(['C', 'B', 'A']);
    expect(actions).toEqual(['topics.move', 'topics.move', 'topics.move']);
  });

  it('soft-deletes and restores, keeping title and place', () => {
    const ws = new Workspace();
    const [a, b, c] = ['A', 'B', 'C'].map((t) => ws.topics.add(t));
    const actions = recordActions(ws);
    ws.topics.remove(b!);
    expect(titles(ws)).toEqual(['A', 'C']);
    expect(titles(ws, 'only')).toEqual(['B']);
    expect(titles(ws, 'include')).toEqual(['A', 'B', 'C']);
    expect(ws.topics.get(b!)!.deletedAt).toMatch(/Z$/);
    expect(ws.topics.has(b!)).toBe(true);
    // Still editable while deleted: a partner may be typing into it.
    ws.topics.title(b!)!.insert(1, '!');
    ws.topics.restore(b!);
    expect(titles(ws)).toEqual(['A', 'B!', 'C']);
    expect(ws.topics.get(b!)!.deletedAt).toBeNull();
    expect(actions).toEqual(['topics.remove', 'topics.title.edit', 'topics.restore']);
    expect([a, c].every((id) => ws.topics.get(id!)!.deletedAt === null)).toBe(true);
  });

  it('places a new topic among live topics only; a restored one that shares its key is ordered by id', () => {
    const ws = new Workspace();
    ws.topics.add('A', undefined, 'id-a');
    ws.topics.add('B', undefined, 'id-b');
    ws.topics.remove('id-b');
    ws.topics.add('C', undefined, 'id-c');
    expect(titles(ws)).toEqual(['A', 'C']);
    ws.topics.restore('id-b');
    // B and C were both placed right after A, so they share a key; the tie goes to the smaller id.
    expect(ws.topics.get('id-b')!.order).toBe(ws.topics.get('id-c')!.order);
    expect(titles(ws)).toEqual(['A', 'B', 'C']);
    // A later move between them still lands exactly there.
    ws.topics.move('id-a', 1);
    expect(titles(ws)).toEqual(['B', 'A', 'C']);
  });

  it('observe reports the ids of changed records and whether the change was local', () => {
    const ws = new Workspace();
    const seen: [string[], boolean][] = [];
    const stop = ws.topics.observe((ids, local) => seen.push([[...ids].sort(), local]));
    const a = ws.topics.add('A');
    const b = ws.topics.add('B');
    ws.topics.title(a)!.insert(1, 'x');
    ws.topics.move(a, 1);
    ws.topics.remove(b);

    const other = new Workspace();
    other.applyUpdate(ws.encodeState());
    const remoteSeen: [string[], boolean][] = [];
    other.topics.observe((ids, local) => remoteSeen.push([[...ids], local]));
    other.topics.title(b)!.insert(0, 'y');
    ws.applyUpdate(other.encodeState());
    stop();
    ws.topics.add('C');

    expect(seen).toEqual([
      [[a], true],
      [[b], true],
      [[a], true],
      [[a], true],
      [[b], true],
      [[b], false],
    ]);
    expect(remoteSeen).toEqual([[[b], true]]);
  });
});
