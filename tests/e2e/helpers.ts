// Helpers shared by the single-person e2e tests (workspace, sample, records, malformed, screens).
// Everything here drives the app through its UI, except the storage helpers at the end, which
// read or append y-indexeddb's stored updates the way y-indexeddb itself does.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { appUrl, expectNoPageProblems } from './harness/browser';

/**
 * Console errors that only say the signaling relay could not be reached. The app talks to a
 * relay for peer-to-peer sync; these tests are about one person, so a relay hiccup is not theirs.
 */
export const RELAY_NOISE: RegExp[] = [/WebSocket/];

/** No page error, crash or console error (relay connection noise aside). */
export function expectCleanPages(context: BrowserContext): void {
  expectNoPageProblems(context, RELAY_NOISE);
}

// ---------------------------------------------------------------- the sample fixture

export interface WorkingGroupFixture {
  workspace: { name: string; description: string; createdAt: string };
  members: { id: string; name: string; kind: string; country: string; lead?: boolean }[];
  topics: { id: string; title: string; focusPoints: string[] }[];
  meetings: { id: string; title: string; date: string; participants: string[]; agenda: string[]; notes: string }[];
  practices: { id: string; title: string; city: string; topics: string[]; status: string; sections: Record<string, string> }[];
}

/** tests/fixtures/working-group.json (a copy of the design's fixture), the data the sample working group is built from. */
export const FIXTURE: WorkingGroupFixture = JSON.parse(
  readFileSync(new URL('../fixtures/working-group.json', import.meta.url), 'utf8'),
);

// ---------------------------------------------------------------- navigation

/** The workspace id in the page's current hash route (`#/w/<id>/…`). */
export function workspaceIdOf(page: Page): string {
  const match = /#\/w\/([^/]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a workspace route: ${page.url()}`);
  return match[1];
}

/** Go to a hash route of the app (same document; the app's router follows the hash). */
export async function goTo(page: Page, hashRoute: string): Promise<void> {
  await page.goto(appUrl(`/#${hashRoute}`), { waitUntil: 'load' });
}

/** Create a workspace from the home screen; the app opens its topics. Returns its id. */
export async function createWorkspace(page: Page, name: string): Promise<string> {
  const form = page.getByTestId('create-workspace');
  await form.getByRole('textbox').fill(name);
  await form.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL(/#\/w\/[^/]+\/topics/);
  await workspaceNamed(page, name).waitFor();
  return workspaceIdOf(page);
}

/** Open the sample working group from the home screen. Returns its id. */
export async function openSample(page: Page): Promise<string> {
  await page.getByTestId('open-sample').click();
  await page.waitForURL(/#\/w\/[^/]+\/topics\/[^/]+/);
  await workspaceNamed(page, FIXTURE.workspace.name).waitFor();
  return workspaceIdOf(page);
}

/** The workspace's top bar title, when it reads exactly `name` (usable outside tests: no expect.poll). */
export function workspaceNamed(page: Page, name: string): Locator {
  return page.locator('[data-testid="workspace-name"]', { hasText: new RegExp(`^${escapeRegExp(name)}$`) });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------- topics and focus points

export async function addTopic(page: Page, title: string): Promise<void> {
  const form = page.getByTestId('add-topic');
  await form.getByRole('textbox').fill(title);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect.poll(() => page.getByTestId('topic-title').inputValue()).toBe(title);
}

export async function addPoint(page: Page, text: string): Promise<void> {
  const before = await page.getByTestId('focus-point').count();
  const form = page.getByTestId('add-focus-point');
  await form.getByRole('textbox').fill(text);
  await form.getByRole('button', { name: 'Add point' }).click();
  await expect.poll(() => pointTexts(page)).toHaveLength(before + 1);
  expect((await pointTexts(page)).at(-1)).toBe(text);
}

/** The texts of the focus points shown, in the order shown. */
export function pointTexts(page: Page): Promise<string[]> {
  return valuesOf(page.getByTestId('focus-point-text'));
}

/** Each sidebar topic with the focus point count it shows. */
export async function topicCounts(page: Page): Promise<{ title: string; count: string }[]> {
  return page.getByTestId('topic-link').evaluateAll((links) =>
    links.map((link) => ({
      title: link.querySelector('.topic-link-title')?.textContent ?? '',
      count: link.querySelector('.count')?.textContent ?? '',
    })),
  );
}

/** The focus point row whose text is exactly `text` (fails if none or several). */
export async function pointRow(page: Page, text: string): Promise<Locator> {
  const texts = await pointTexts(page);
  const index = texts.indexOf(text);
  expect(index, `a focus point "${text}" among ${JSON.stringify(texts)}`).toBeGreaterThanOrEqual(0);
  expect(texts.lastIndexOf(text)).toBe(index);
  return page.getByTestId('focus-point').nth(index);
}

/** Values of inputs or textareas, in document order. */
/**
 * A rich-text field's text (a practice section, meeting notes: ProseMirror's contenteditable),
 * one line per paragraph, heading or list item, as the model's plain text reads; partners'
 * carets, which sit in the text with their names, left out.
 */
export function richText(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('[data-testid=remote-caret]')) caret.remove();
    return [...copy.querySelectorAll('p, h4, h5')].map((block) => (block.textContent ?? '').replace(/\u2060/g, '')).join('\n');
  });
}

export function valuesOf(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((els) => els.map((el) => (el as HTMLInputElement | HTMLTextAreaElement).value));
}

// ---------------------------------------------------------------- storage

/** The IndexedDB database that holds a workspace (docs/document.md, "Stored in the browser"). */
export function databaseName(workspaceId: string): string {
  return `tavola-ws-${workspaceId}`;
}

/** Names of the IndexedDB databases of the page's origin. */
export function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));
}

/**
 * Wait until every write the app has queued on the workspace's database is committed.
 * IndexedDB runs a read-only transaction on a store only after every read-write transaction
 * created before it on that store has finished, whichever connection made them; so when a new
 * read-only transaction over 'updates' completes, all the app's earlier writes are on disk.
 * No sleeping, no polling. Used before a reload or closing the browser, where y-indexeddb can
 * lose a write still in flight (y-indexeddb #28).
 */
export async function flushStorage(page: Page, workspaceId: string): Promise<void> {
  await page.evaluate(async (name) => {
    const known = (await indexedDB.databases()).some((db) => db.name === name);
    if (!known) throw new Error(`no database ${name}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('updates', 'readonly');
        tx.objectStore('updates').count();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }, databaseName(workspaceId));
}

/** The updates y-indexeddb stored for a workspace, in key order, as arrays of bytes. */
export function readStoredUpdates(page: Page, workspaceId: string): Promise<number[][]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      // The database must exist already: never create it here.
      request.onupgradeneeded = () => request.transaction?.abort();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
    });
    try {
      return await new Promise<number[][]>((resolve, reject) => {
        const request = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        request.onsuccess = () => resolve((request.result as Uint8Array[]).map((update) => Array.from(update)));
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, databaseName(workspaceId));
}

/**
 * Append one Yjs update to a workspace's stored updates, as y-indexeddb's own writes do
 * (`idb.addAutoKey(updatesStore, update)`: a Uint8Array value under the next autoincrement key).
 */
export function appendStoredUpdate(page: Page, workspaceId: string, update: Uint8Array): Promise<void> {
  return page.evaluate(
    async ({ name, bytes }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array(bytes));
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { name: databaseName(workspaceId), bytes: Array.from(update) },
  );
}
