// The stored changes read while the app's code loads (public/read-early.js, src/sync/early-read.ts,
// docs/performance.md): a reload shows the workspace from them; y-indexeddb then reads only what
// was stored after them, so a change another tab stored in between is there too, and nothing is
// stored twice; a stored update that is not one is told, not applied in part; an address of a
// workspace this browser does not hold creates no database.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { Workspace } from '../../src/model';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { addPoint, addTopic, appendStoredUpdate, createWorkspace, databaseName, databaseNames, expectCleanPages, flushStorage, goTo, pointTexts, readStoredUpdates, topicCounts } from './helpers';
import { readStoredState } from './idb';

/** The keys of a workspace's stored updates, in order. */
function storedKeys(page: Page, workspaceId: string): Promise<number[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.transaction?.abort();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<number[]>((resolve, reject) => {
        const request = db.transaction('updates', 'readonly').objectStore('updates').getAllKeys();
        request.onsuccess = () => resolve(request.result as number[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, databaseName(workspaceId));
}

/** In every page of the context: each getAll on the updates store, with the lower bound it read from (null: every key). */
async function recordReads(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const reads: (number | null)[] = [];
    (window as unknown as { __updatesReads: (number | null)[] }).__updatesReads = reads;
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, query?: IDBValidKey | IDBKeyRange | null, count?: number) {
      if (this.name === 'updates') reads.push(query instanceof IDBKeyRange ? (query.lower as number) : ((query as number | null | undefined) ?? null));
      return getAll.call(this, query, count);
    };
  });
}

const storedBytes = async (page: Page, id: string) => (await readStoredUpdates(page, id)).reduce((sum, update) => sum + update.length, 0);

describe('the stored changes read while the app loads', () => {
  let browser: BrowserContext;
  let page: Page;
  let id: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    await recordReads(browser);
    page = await openApp(browser, '/');
    await goTo(page, '/');
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test('a reload shows the workspace from the early read; y-indexeddb reads only what came after it; nothing is stored twice', async () => {
    id = await createWorkspace(page, 'Early read');
    await addTopic(page, 'Harbour logistics');
    for (const text of ['Shore power', 'Night deliveries', 'Cargo bikes']) await addPoint(page, text);
    await flushStorage(page, id);
    const keys = await storedKeys(page, id);
    const bytesBefore = await storedBytes(page, id);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => pointTexts(page)).toEqual(['Shore power', 'Night deliveries', 'Cargo bikes']);
    // The early script read every stored update; y-indexeddb, from the key after the newest.
    expect(await page.evaluate(() => (window as unknown as { __updatesReads: (number | null)[] }).__updatesReads)).toEqual([null, keys.at(-1)! + 1]);
    // Taken by the app, once.
    expect(await page.evaluate(() => '__tavolaEarlyRead' in window)).toBe(false);
    await flushStorage(page, id);
    // The workspace was not stored again (y-indexeddb stores the document as it was before its
    // read: empty, since the early read is applied after it; the app drops that empty update).
    expect(await storedBytes(page, id)).toBe(bytesBefore);

    // Changes made after it are stored as ever.
    await addPoint(page, 'Low-emission zone');
    await flushStorage(page, id);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => pointTexts(page)).toEqual(['Shore power', 'Night deliveries', 'Cargo bikes', 'Low-emission zone']);
    expectCleanPages(browser);
  });

  test('a change another tab stores after the early read, before the app reads, is shown too', async () => {
    // What another tab of this browser adds: a topic, as its own stored update.
    const doc = new Y.Doc();
    for (const update of await readStoredState(page, id)) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    new Workspace(doc).topics.add('Added in another tab');
    const update = Y.encodeStateAsUpdate(doc, before);
    const other = await browser.newPage();
    // In this page, the early read's result reaches the app only once that update is stored.
    await other.addInitScript((bytes: number[]) => {
      let handle: { name: string; read: Promise<unknown> } | undefined;
      Object.defineProperty(window, '__tavolaEarlyRead', {
        configurable: true,
        get: () => handle,
        set: (value: { name: string; read: Promise<unknown> }) => {
          const stored = () =>
            new Promise<void>((resolve, reject) => {
              const request = indexedDB.open(value.name);
              request.onerror = () => reject(request.error);
              request.onsuccess = () => {
                const db = request.result;
                const transaction = db.transaction('updates', 'readwrite');
                transaction.objectStore('updates').add(new Uint8Array(bytes));
                transaction.oncomplete = () => (db.close(), resolve());
                transaction.onerror = () => reject(transaction.error);
              };
            });
          handle = { name: value.name, read: value.read.then(async (result) => (await stored(), result)) };
        },
      });
    }, Array.from(update));
    await other.goto(page.url().replace(/#.*$/, `#/w/${id}/topics`), { waitUntil: 'load' });
    await expect.poll(() => topicCounts(other)).toEqual([
      { title: 'Harbour logistics', count: '4' },
      { title: 'Added in another tab', count: '0' },
    ]);
    await other.close();
    expectCleanPages(browser);
  });

  test('a stored update that is not one says the workspace could not be opened, and loses nothing stored', async () => {
    const stored = await readStoredUpdates(page, id);
    await appendStoredUpdate(page, id, new Uint8Array([0xff, 0xff, 0xff, 0x7f]));
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('heading', { name: 'The workspace could not be opened' }).waitFor();
    // In plain words: not Yjs's own ("Unexpected end of array").
    await page.getByText('Its stored changes are damaged, so this browser cannot read them. Nothing was deleted. A backup of the workspace can be restored as a separate copy from the home screen.', { exact: true }).waitFor();
    expect(await page.getByText(/Unexpected end/).count()).toBe(0);
    // Nothing removed or changed; y-indexeddb's own empty update of the load is all that was added.
    const after = await readStoredUpdates(page, id);
    expect(after.slice(0, stored.length + 1)).toEqual([...stored, [0xff, 0xff, 0xff, 0x7f]]);
    expect(after.slice(stored.length + 1)).toEqual([[0, 0]]);
    expectCleanPages(browser);
  });

  test('the address of a workspace this browser does not hold creates no database', async () => {
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
    await page.goto(page.url().replace(/#.*$/, `#/w/${unknown}/topics`), { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('heading', { name: 'This workspace is not in this browser' }).waitFor();
    expect(await databaseNames(page)).not.toContain(databaseName(unknown));
    expectCleanPages(browser);
  });
});
