import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { LocalAction, SCHEMA_VERSION, Workspace } from '../../src/model';
import { createPeers, recordActions } from './helpers';

describe('workspace meta', () => {
  it('starts empty, with readable fallbacks', () => {
    const ws = new Workspace();
    expect(ws.compatibility()).toEqual({ kind: 'empty' });
    expect(ws.meta()).toEqual({ schemaVersion: SCHEMA_VERSION, name: 'Untitled workspace', description: '', createdAt: '' });
    expect(ws.migrate()).toEqual([]);
    expect(ws.doc.getMap('meta').size).toBe(0);
  });

  it('initialises name, description, creation date and schema version in one transaction', () => {
    const ws = new Workspace();
    const actions = recordActions(ws);
    ws.initialise({ name: '  Local roots of organised crime ', description: 'Led by Amsterdam.', createdAt: '2019-12-01T00:00:00.000Z' });
    expect(ws.meta()).toEqual({ schemaVersion: SCHEMA_VERSION, name: 'Local roots of organised crime', description: 'Led by Amsterdam.', createdAt: '2019-12-01T00:00:00.000Z' });
    expect(ws.compatibility()).toEqual({ kind: 'ok' });
    expect(actions).toEqual(['workspace.create']);
    expect(ws.doc.getMap('meta').get('description')).toBeInstanceOf(Y.Text);
  });

  it('defaults the creation date to now and the description to empty', () => {
    const ws = new Workspace();
    const before = new Date().toISOString();
    ws.initialise({ name: 'WG' });
    const meta = ws.meta();
    expect(meta.description).toBe('');
    expect(meta.createdAt >= before && meta.createdAt <= new Date().toISOString()).toBe(true);
  });

  it('renames with a trimmed name', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'WG' });
    const actions = recordActions(ws);
    ws.rename('  Port cities ');
    expect(ws.meta().name).toBe('Port cities');
    expect(actions).toEqual(['workspace.rename']);
  });

  it('co-edits the description through CoText and observes meta changes', () => {
    const { peers } = createPeers(2, (ws) => ws.initialise({ name: 'WG', description: 'Cities working together.' }));
    const seen: string[] = [];
    const stop = peers.at(0).observeMeta(() => seen.push(peers.at(0).meta().description));
    const actions = recordActions(peers.at(0));
    peers.at(0).description()!.insert(0, 'European ');
    peers.at(1).description()!.set('Cities working together on ports.');
    peers.sync();
    for (const ws of peers.workspaces) expect(ws.meta().description).toBe('European Cities working together on ports.');
    expect(seen).toEqual(['European Cities working together.', 'European Cities working together on ports.']);
    expect(actions).toEqual(['workspace.description', 'remote-peer']);
    stop();
    peers.at(0).rename('x');
    expect(seen).toHaveLength(2);
  });

  it('reports a newer layout and leaves it alone', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'WG' });
    ws.doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expect(ws.compatibility()).toEqual({ kind: 'newer', schemaVersion: SCHEMA_VERSION + 1 });
    expect(ws.migrate()).toEqual([]);
    expect(ws.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION + 1);
  });

  it('migrates an older layout up to the current version in one transaction', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'WG' });
    ws.doc.getMap('meta').set('schemaVersion', 1);
    expect(ws.compatibility()).toEqual({ kind: 'ok' });
    const actions = recordActions(ws);
    expect(ws.migrate()).toEqual([`schemaVersion 1 → ${SCHEMA_VERSION}`]);
    expect(ws.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(actions).toEqual(['workspace.migrate']);
    // A second run has nothing to do.
    expect(ws.migrate()).toEqual([]);
  });

  it('reads a damaged meta map without throwing', () => {
    const ws = new Workspace();
    const meta = ws.doc.getMap('meta');
    meta.set('schemaVersion', 'one');
    meta.set('name', 42);
    meta.set('description', 'plain string');
    meta.set('createdAt', { not: 'a date' });
    // A malformed version is never obeyed: it reads as the oldest layout, and opening repairs it.
    expect(ws.meta()).toEqual({ schemaVersion: 1, name: 'Untitled workspace', description: 'plain string', createdAt: '' });
    expect(ws.compatibility()).toEqual({ kind: 'ok' });
    // Until migrated, the description is shown but not editable: nothing creates it lazily.
    expect(ws.description()).toBeUndefined();
    expect(ws.migrate()).toEqual(['description kept as a text', `malformed schemaVersion → ${SCHEMA_VERSION}`]);
    expect(ws.migrate()).toEqual([]);
    ws.description()!.insert(0, 'A ');
    expect(meta.get('description')).toBeInstanceOf(Y.Text);
    expect(ws.meta()).toMatchObject({ schemaVersion: SCHEMA_VERSION, description: 'A plain string' });
  });
});

describe('workspace', () => {
  it('wraps a given Y.Doc and keeps its collections in the documented top-level maps', () => {
    const doc = new Y.Doc();
    const ws = new Workspace(doc);
    expect(ws.doc).toBe(doc);
    const topic = ws.topics.add('Ports');
    ws.focusPoints.add({ topicId: topic, text: 'x' });
    ws.members.add({ name: 'A' });
    ws.meetings.add({ title: 'M', date: '2020-01-01' });
    ws.practices.add({ title: 'P' });
    for (const name of ['topics', 'focusPoints', 'members', 'meetings', 'practices']) expect(doc.getMap(name).size, name).toBe(1);
    expect([ws.members, ws.topics, ws.focusPoints, ws.meetings, ws.practices].map((c) => c.name)).toEqual(['members', 'topics', 'focusPoints', 'meetings', 'practices']);
  });

  it('joins nested transactions into the outer one, named by the outer action', () => {
    const ws = new Workspace();
    const actions = recordActions(ws);
    const origins: unknown[] = [];
    ws.doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    ws.transact('import', () => {
      const topic = ws.topics.add('Ports');
      ws.focusPoints.add({ topicId: topic, text: 'x' });
      ws.rename('Imported');
    });
    expect(actions).toEqual(['import']);
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBeInstanceOf(LocalAction);
  });

  it('lets an UndoManager tracking LocalAction undo local changes but not remote ones', () => {
    const { peers, seed: topic } = createPeers(2, (ws) => ws.topics.add('Ports'));
    const ws = peers.at(0);
    const undo = new Y.UndoManager([ws.doc.getMap('topics'), ws.doc.getMap('focusPoints')], { trackedOrigins: new Set([LocalAction]), captureTimeout: 0 });
    const mine = ws.focusPoints.add({ topicId: topic, text: 'mine' });
    peers.at(1).focusPoints.add({ topicId: topic, text: 'theirs' });
    peers.sync();
    expect(ws.focusPoints.ofTopic(topic).map((p) => p.text).sort()).toEqual(['mine', 'theirs']);
    undo.undo();
    expect(ws.focusPoints.ofTopic(topic).map((p) => p.text)).toEqual(['theirs']);
    expect(ws.focusPoints.has(mine)).toBe(false);
  });

  it('round-trips the whole document through encodeState and applyUpdate', () => {
    const ws = new Workspace();
    ws.initialise({ name: 'WG' });
    const topic = ws.topics.add('Ports');
    ws.focusPoints.add({ topicId: topic, text: 'x', status: 'done' });
    const copy = new Workspace();
    const origins: unknown[] = [];
    copy.doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    copy.applyUpdate(ws.encodeState());
    copy.applyUpdate(ws.encodeState(), 'backup');
    expect(origins).toEqual(['remote', 'backup']);
    expect(copy.meta().name).toBe('WG');
    expect(copy.focusPoints.ofTopic(topic)).toEqual(ws.focusPoints.ofTopic(topic));
    copy.destroy();
  });

  it('lists problems from every collection, naming the collection', () => {
    const ws = new Workspace();
    ws.topics.add('Fine');
    ws.doc.getMap('topics').set('t-bad', 3);
    ws.doc.getMap('members').set('m-bad', 'Amsterdam');
    ws.doc.getMap('meetings').set('x-bad', null);
    ws.doc.getMap('practices').set('p-bad', new Y.Text('not a map'));
    ws.doc.getMap('focusPoints').set('f-bad', new Y.Array());
    expect(ws.problems()).toEqual([
      { collection: 'members', id: 'm-bad', problem: 'stored as a string instead of a record' },
      { collection: 'topics', id: 't-bad', problem: 'stored as a number instead of a record' },
      { collection: 'focusPoints', id: 'f-bad', problem: 'stored as a list instead of a record' },
      { collection: 'meetings', id: 'x-bad', problem: 'stored as null instead of a record' },
      { collection: 'practices', id: 'p-bad', problem: 'stored as a text instead of a record' },
    ]);
    expect(ws.topics.list().map((t) => t.title)).toEqual(['Fine']);
  });
});
