import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Workspace, WorkspaceNotReceived } from '../../src/model';
import { buildWorkingGroup } from '../../src/model/sample';
import { databaseName, openStoredWorkspace, PARTNERS_STORE_DELAY_MS, type StoredWorkspace } from '../../src/sync/persistence';
import { markPartnersOrigin } from '../../src/sync/origins';

// openStoredWorkspace starts the journal (sync/journal.ts), which needs these of a browser.
beforeAll(() => {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  });
  const target = { addEventListener() {}, removeEventListener() {} };
  vi.stubGlobal('window', target);
  vi.stubGlobal('document', { ...target, visibilityState: 'visible' });
});
afterAll(() => vi.unstubAllGlobals());

const open: StoredWorkspace[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((stored) => stored.close()));
});

async function openStored(id: string): Promise<Workspace> {
  const stored = await openStoredWorkspace(id);
  open.push(stored);
  return stored.workspace;
}

async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((stored) => stored.close()));
}

/** Store the sample working group in the workspace's database, as an earlier session would have. */
async function storeSample(id: string): Promise<Workspace> {
  const earlier = new Workspace(new Y.Doc());
  const persistence = new IndexeddbPersistence(databaseName(id), earlier.doc);
  await persistence.whenSynced;
  buildWorkingGroup(earlier);
  await persistence.destroy();
  return earlier;
}

/** The update events Y.Doc emits from now on, by whether y-indexeddb's load made them. */
function updateEvents() {
  const emit = vi.spyOn(Y.Doc.prototype, 'emit');
  const events = () => {
    const counts = { load: 0, other: 0 };
    for (const [name, args] of emit.mock.calls as unknown as [string, unknown[]][]) if (name === 'update') counts[args[1] instanceof IndexeddbPersistence ? 'load' : 'other']++;
    return counts;
  };
  return { events, restore: () => emit.mockRestore() };
}

describe('opening a stored workspace (openStoredWorkspace)', () => {
  it('loads it without encoding the loaded state again as an update', async () => {
    const earlier = await storeSample('stored-no-load-update');
    const spy = updateEvents();
    try {
      const ws = await openStored('stored-no-load-update');
      expect(ws.focusPoints.list()).toEqual(earlier.focusPoints.list());
      expect(spy.events()).toEqual({ load: 0, other: 0 });
      ws.rename('After the load');
      expect(spy.events()).toEqual({ load: 0, other: 1 });
    } finally {
      spy.restore();
    }
  });

  it('stores what is written once it has opened, from the first edit on', async () => {
    await storeSample('stored-edits');
    const ws = await openStored('stored-edits');
    const topic = ws.topics.list()[0]!;
    const point = ws.focusPoints.ofTopic(topic.id)[0]!;
    ws.focusPoints.textOf(point.id)!.insert(0, 'First: ');
    ws.focusPoints.setStatus(point.id, 'done');
    const added = ws.topics.add('Added after opening');
    await closeAll();

    const again = await openStored('stored-edits');
    expect(again.focusPoints.get(point.id)).toMatchObject({ text: `First: ${point.text}`, status: 'done' });
    expect(again.topics.get(added)?.title).toBe('Added after opening');
  });

  it('a new workspace created in an empty database is stored', async () => {
    const ws = await openStored('stored-new');
    expect(ws.compatibility()).toEqual({ kind: 'empty' });
    expect(() => ws.topics.add('Before the workspace exists')).toThrow(WorkspaceNotReceived);
    ws.initialise({ name: 'New group' });
    ws.topics.add('First topic');
    await closeAll();

    const again = await openStored('stored-new');
    expect(again.meta().name).toBe('New group');
    expect(again.topics.list().map((t) => t.title)).toEqual(['First topic']);
  });

  it('stores partners\' changes together after a moment, and this copy\'s own at once, after what waited', async () => {
    const earlier = await storeSample('stored-batched');
    const ws = await openStored('stored-batched');
    // A partner types ten characters into the first point, one update each.
    const partner = new Workspace(new Y.Doc());
    partner.applyUpdate(Y.encodeStateAsUpdate(earlier.doc));
    const point = partner.focusPoints.ofTopic(partner.topics.list()[0]!.id)[0]!;
    const typed: Uint8Array[] = [];
    partner.doc.on('update', (update: Uint8Array) => typed.push(update));
    for (const char of 'Partner: ') partner.focusPoints.textOf(point.id)!.insert(0, char);
    // As a WebRTC room applies them (peers.ts marks its room a partners' origin).
    const room = {};
    markPartnersOrigin(room);
    const before = await storedCount('stored-batched');
    for (const update of typed) ws.applyUpdate(update, room);
    expect(await storedCount('stored-batched')).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, PARTNERS_STORE_DELAY_MS + 50));
    expect(await storedCount('stored-batched')).toBe(before + 1);
    // Another partner's change waits; this copy's own edit is stored at once, and what waited with it.
    const renamed = new Workspace(new Y.Doc());
    renamed.applyUpdate(Y.encodeStateAsUpdate(partner.doc));
    const later: Uint8Array[] = [];
    renamed.doc.on('update', (update: Uint8Array) => later.push(update));
    renamed.topics.add('A partner\'s topic');
    for (const update of later) ws.applyUpdate(update, room);
    ws.focusPoints.setStatus(point.id, 'done');
    expect(await storedCount('stored-batched')).toBe(before + 3);
    // A partner's change that waits when the workspace closes is stored too.
    const last: Uint8Array[] = [];
    renamed.doc.on('update', (update: Uint8Array) => last.push(update));
    renamed.rename('Named by a partner');
    for (const update of last) ws.applyUpdate(update, room);
    await closeAll();
    const again = await openStored('stored-batched');
    expect(again.focusPoints.get(point.id)).toMatchObject({ text: `${[...'Partner: '].reverse().join('')}${point.text}`, status: 'done' });
    expect(again.topics.list().map((topic) => topic.title)).toContain('A partner\'s topic');
    expect(again.meta().name).toBe('Named by a partner');
    // Applied with any other origin (a backup, the journal): stored at once.
    const count = await storedCount('stored-batched');
    const more: Uint8Array[] = [];
    renamed.doc.on('update', (update: Uint8Array) => more.push(update));
    renamed.topics.add('From a backup file');
    again.applyUpdate(more[0]!, 'backup');
    expect(await storedCount('stored-batched')).toBe(count + 1);
  });
});

/** How many updates the workspace's database holds (y-indexeddb's store). */
async function storedCount(id: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(databaseName(id));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      const request = db.transaction('updates').objectStore('updates').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}
