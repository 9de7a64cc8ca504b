import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/model';
import { buildWorkingGroup } from '../../src/model/sample';

/** Everything the model shows of a workspace, deleted records included. */
function contents(ws: Workspace) {
  return {
    meta: ws.meta(),
    members: ws.members.list({ deleted: 'include' }),
    topics: ws.topics.list({ deleted: 'include' }),
    focusPoints: ws.focusPoints.list({ deleted: 'include' }),
    meetings: ws.meetings.list({ deleted: 'include' }),
    practices: ws.practices.list({ deleted: 'include' }),
  };
}

const open: IndexeddbPersistence[] = [];

/** A workspace on a fresh Y.Doc, loaded from (and saving to) the database `name`. */
async function load(name: string): Promise<{ ws: Workspace; persistence: IndexeddbPersistence }> {
  const ws = new Workspace(new Y.Doc());
  const persistence = new IndexeddbPersistence(name, ws.doc);
  open.push(persistence);
  await persistence.whenSynced;
  return { ws, persistence };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.destroy()));
});

describe('saving to IndexedDB with y-indexeddb', () => {
  it('a new Y.Doc loaded from the same database has the same records', async () => {
    const first = await load('tavola-test-sample');
    expect(first.ws.compatibility()).toEqual({ kind: 'empty' });
    buildWorkingGroup(first.ws);
    const saved = contents(first.ws);
    await first.persistence.destroy();

    const second = await load('tavola-test-sample');
    expect(contents(second.ws)).toEqual(saved);
    expect(second.ws.focusPoints.list()).toHaveLength(12);
    expect(second.ws.compatibility()).toEqual({ kind: 'ok' });
  });

  it('keeps edits made after loading, each saved as its own update', async () => {
    const first = await load('tavola-test-edits');
    buildWorkingGroup(first.ws);
    const topic = first.ws.topics.list()[0]!;
    const [a, b] = first.ws.focusPoints.ofTopic(topic.id);
    first.ws.focusPoints.textOf(a!.id)!.insert(0, 'Edited: ');
    first.ws.focusPoints.setStatus(b!.id, 'done');
    first.ws.focusPoints.move(a!.id, 2);
    first.ws.focusPoints.remove(b!.id);
    first.ws.rename('Renamed');
    first.ws.description()!.set('New description');
    const saved = contents(first.ws);
    // Closed straight after the last edit: the update was queued in IndexedDB synchronously.
    await first.persistence.destroy();

    const second = await load('tavola-test-edits');
    expect(contents(second.ws)).toEqual(saved);
    expect(second.ws.meta()).toMatchObject({ name: 'Renamed', description: 'New description' });
    expect(second.ws.focusPoints.get(a!.id)!.text.startsWith('Edited: ')).toBe(true);
    expect(second.ws.focusPoints.ofTopic(topic.id, 'only').map((p) => p.id)).toEqual([b!.id]);

    // And the reloaded copy keeps saving.
    second.ws.focusPoints.restore(b!.id);
    await second.persistence.destroy();
    const third = await load('tavola-test-edits');
    expect(third.ws.focusPoints.get(b!.id)).toMatchObject({ deletedAt: null, status: 'done' });
  });

  it('keeps workspaces in different databases apart', async () => {
    const one = await load('tavola-test-one');
    one.ws.initialise({ name: 'One' });
    one.ws.topics.add('Only in one');
    await one.persistence.destroy();
    const two = await load('tavola-test-two');
    expect(two.ws.compatibility()).toEqual({ kind: 'empty' });
    expect(two.ws.topics.list()).toEqual([]);
    const again = await load('tavola-test-one');
    expect(again.ws.topics.list().map((t) => t.title)).toEqual(['Only in one']);
  });
});
