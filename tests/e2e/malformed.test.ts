// A workspace whose stored document holds records another program wrote badly still opens:
// crafted Yjs updates go straight into the workspace's IndexedDB database, as y-indexeddb stores
// them, while the app is not running; then the app reopens the workspace.
import { generateKeyBetween } from 'fractional-indexing';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { launchBrowser, openApp } from './harness/browser';
import {
  addPoint,
  appendStoredUpdate,
  expectCleanPages,
  FIXTURE,
  flushStorage,
  goTo,
  openSample,
  pointTexts,
  readStoredUpdates,
  topicCounts,
  valuesOf,
} from './helpers';

/** The workspace's document as stored, rebuilt in Node from the page's IndexedDB. */
async function storedDoc(page: Parameters<typeof readStoredUpdates>[0], workspaceId: string): Promise<Y.Doc> {
  const updates = await readStoredUpdates(page, workspaceId);
  expect(updates.length).toBeGreaterThan(0);
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
  return doc;
}

function textOf(record: unknown, field: string): string {
  if (!(record instanceof Y.Map)) return '';
  const value = record.get(field);
  return value instanceof Y.Text ? value.toString() : String(value);
}

test('a malformed record in storage does not break the page; the rest is shown and still editable', async () => {
  const browser = await launchBrowser();
  const page = await openApp(browser, '/');
  const id = await openSample(page);
  const [ports, thb] = FIXTURE.topics as [(typeof FIXTURE.topics)[0], (typeof FIXTURE.topics)[0]];
  const damagedText = thb.focusPoints[0]!;

  // Close the workspace: a fresh load of the home screen, which opens no workspace database.
  await flushStorage(page, id);
  await goTo(page, '/');
  await page.reload({ waitUntil: 'load' });
  const row = page.locator(`[data-testid="workspace-row"][data-workspace-id="${id}"]`);
  await row.waitFor();

  const doc = await storedDoc(page, id);
  const topics = doc.getMap<unknown>('topics');
  const points = doc.getMap<unknown>('focusPoints');
  expect(topics.size).toBe(3);
  expect(points.size).toBe(12);
  const stateBefore = Y.encodeStateVector(doc);

  const damaged = [...points.values()].find((p) => textOf(p, 'text') === damagedText);
  if (!(damaged instanceof Y.Map)) throw new Error('the point to damage is not in the stored document');
  const topicOrders = [...topics.values()].map((t) => (t instanceof Y.Map ? String(t.get('order')) : '')).sort();
  doc.transact(() => {
    // Not a record at all.
    points.set('garbage', 42);
    // A record with a status and an order key this version does not know.
    damaged.set('status', 'exploded');
    damaged.set('place', { ...(damaged.get('place') as object), order: 'not a key!' });
    // A topic whose title is a number instead of a text.
    const topic = new Y.Map<unknown>();
    topics.set('numericTitleTopic', topic);
    topic.set('id', 'numericTitleTopic');
    topic.set('order', generateKeyBetween(topicOrders.at(-1) ?? null, null));
    topic.set('createdAt', '2024-01-01T00:00:00.000Z');
    topic.set('deletedAt', null);
    topic.set('title', 12345);
  }, 'another program');
  await appendStoredUpdate(page, id, Y.encodeStateAsUpdate(doc, stateBefore));

  // Reopen the workspace from the home screen.
  await row.getByRole('link').click();
  await page.waitForURL(/#\/w\/[^/]+\/topics\/[^/]+/);
  const notice = page.getByTestId('problems-notice');
  await notice.waitFor();
  expect(await notice.textContent()).toContain('One entry in this workspace could not be read');

  // Every topic is listed, the numbered one as untitled; the point counts leave out the garbage.
  await expect.poll(() => topicCounts(page)).toEqual([
    ...FIXTURE.topics.map((t) => ({ title: t.title, count: String(t.focusPoints.length) })),
    { title: 'Untitled topic', count: '0' },
  ]);
  await expect.poll(() => pointTexts(page)).toEqual(ports.focusPoints);

  // The damaged point is still there: its bad order key sorts it last, its status reads as proposed.
  await page.getByTestId('topic-link').nth(1).click();
  await expect.poll(() => page.getByTestId('topic-title').inputValue()).toBe(thb.title);
  const expectedThb = [...thb.focusPoints.slice(1), damagedText];
  await expect.poll(() => pointTexts(page)).toEqual(expectedThb);
  const statuses = () => page.getByTestId('focus-point').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  expect(await statuses()).toEqual(['agreed', 'agreed', 'agreed', 'proposed']);
  expect(await valuesOf(page.getByTestId('status'))).toEqual(['agreed', 'agreed', 'agreed', 'proposed']);

  // The app still takes a new point, after the damaged one.
  await addPoint(page, 'Added after the damage');
  expect(await pointTexts(page)).toEqual([...expectedThb, 'Added after the damage']);
  // And the untitled topic can be given a title.
  await page.getByTestId('topic-link').nth(3).click();
  await expect.poll(() => page.getByTestId('topic-title').inputValue()).toBe('');
  await page.getByTestId('topic-title').pressSequentially('Topic that had a number');
  await expect.poll(() => topicCounts(page).then((c) => c[3])).toEqual({ title: 'Topic that had a number', count: '0' });

  // All of it is saved; the unreadable entry is reported again and left as it was.
  await flushStorage(page, id);
  await page.reload({ waitUntil: 'load' });
  await notice.waitFor();
  await expect.poll(() => topicCounts(page).then((c) => c.map((t) => t.title))).toEqual([...FIXTURE.topics.map((t) => t.title), 'Topic that had a number']);
  await page.getByTestId('topic-link').nth(1).click();
  await expect.poll(() => pointTexts(page)).toEqual([...expectedThb, 'Added after the damage']);
  await flushStorage(page, id);
  const after = await storedDoc(page, id);
  expect(after.getMap('focusPoints').get('garbage')).toBe(42);

  expectCleanPages(browser);
});
