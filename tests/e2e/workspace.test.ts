// A workspace through its life on the home screen and the topics screen: create, fill, reorder,
// edit, delete and restore points, rename, delete; and what survives a reload and a restart.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp, profileDirOf } from './harness/browser';
import {
  addPoint,
  addTopic,
  createWorkspace,
  databaseName,
  databaseNames,
  expectCleanPages,
  flushStorage,
  goTo,
  pointRow,
  pointTexts,
  topicCounts,
  valuesOf,
} from './helpers';

const ordinals = (page: Page) => page.getByTestId('focus-point').locator('.point-number').allTextContents();

test('a new workspace keeps its topic and reordered focus points across a reload and a browser restart', async () => {
  const first = await launchBrowser();
  const profile = profileDirOf(first);
  const page = await openApp(first, '/');

  const name = 'Ports & “safety” — Rotterdam/Genova';
  const topic = 'Organised crime in European ports: façades, fronts 🚢';
  const [a, b, c] = [
    'Exchange practices with Latin-American ports <b>now</b>',
    'Coopération avec les villes portuaires — été 2024',
    'Partnership with a network of port cities (e.g. “PortNet”) & 50% more',
  ] as const;
  const id = await createWorkspace(page, name);
  await addTopic(page, topic);
  await addPoint(page, a);
  await addPoint(page, b);
  await addPoint(page, c);
  expect(await pointTexts(page)).toEqual([a, b, c]);

  // The first point cannot go up, the last cannot go down.
  expect(await page.getByTestId('focus-point').first().getByTestId('move-up').isDisabled()).toBe(true);
  expect(await page.getByTestId('focus-point').last().getByTestId('move-down').isDisabled()).toBe(true);

  await page.getByTestId('focus-point').nth(2).getByTestId('move-up').click();
  await expect.poll(() => pointTexts(page)).toEqual([a, c, b]);
  await page.getByTestId('focus-point').nth(1).getByTestId('move-up').click();
  await expect.poll(() => pointTexts(page)).toEqual([c, a, b]);
  await page.getByTestId('focus-point').nth(1).getByTestId('move-down').click();
  await expect.poll(() => pointTexts(page)).toEqual([c, b, a]);
  expect(await ordinals(page)).toEqual(['1', '2', '3']);
  const topicUrl = page.url();

  await flushStorage(page, id);
  await page.reload({ waitUntil: 'load' });
  await expect.poll(() => pointTexts(page)).toEqual([c, b, a]);
  expect(page.url()).toBe(topicUrl);
  expect(await page.getByTestId('topic-title').inputValue()).toBe(topic);
  expectCleanPages(first);

  // Close Chromium altogether, then start a new Chromium process on the same profile.
  await flushStorage(page, id);
  await closeBrowser(first);
  const second = await launchBrowser({ userDataDir: profile });
  const home = await openApp(second, '/');
  const row = home.locator(`[data-testid="workspace-row"][data-workspace-id="${id}"]`);
  await row.waitFor();
  expect(await home.getByTestId('workspace-row').count()).toBe(1);
  expect(await row.locator('.workspace-name').textContent()).toBe(name);

  await row.getByRole('link').click();
  await home.waitForURL(/#\/w\/[^/]+\/topics\/[^/]+/);
  await expect.poll(() => home.getByTestId('workspace-name').textContent()).toBe(name);
  await expect.poll(() => topicCounts(home)).toEqual([{ title: topic, count: '3' }]);
  await expect.poll(() => pointTexts(home)).toEqual([c, b, a]);
  expect(await home.getByTestId('topic-title').inputValue()).toBe(topic);
  expect(await ordinals(home)).toEqual(['1', '2', '3']);
  expectCleanPages(second);
});

describe('one browser for the rest', () => {
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openApp(browser, '/');
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test('typing into a point, its status, and a point deleted and restored all persist', async () => {
    await goTo(page, '/');
    const id = await createWorkspace(page, 'Editing points');
    await addTopic(page, 'Trafficking in human beings');
    const texts = ['Joint training for social workers', 'Shelters in every partner city', 'Data on victims', 'A hotline'];
    for (const text of texts) await addPoint(page, text);

    // Type into the second point, at the end and at the start, as a person would.
    const second = page.getByTestId('focus-point-text').nth(1);
    await second.click();
    await second.press('End');
    await second.pressSequentially(' — with NGOs', { delay: 5 });
    await second.press('Home');
    await second.pressSequentially('Safe ', { delay: 5 });
    const edited = 'Safe Shelters in every partner city — with NGOs';
    await expect.poll(() => second.inputValue()).toBe(edited);
    // And a Backspace at the end.
    await second.press('End');
    await second.press('Backspace');
    const editedFinal = 'Safe Shelters in every partner city — with NGO';
    await expect.poll(() => second.inputValue()).toBe(editedFinal);

    // Status of the first point.
    const firstRow = page.getByTestId('focus-point').first();
    expect(await firstRow.getAttribute('data-status')).toBe('proposed');
    await firstRow.getByTestId('status').selectOption('in-progress');
    await expect.poll(() => firstRow.getAttribute('data-status')).toBe('in-progress');

    // Delete the third point: it leaves the list and shows under "Deleted focus points".
    await (await pointRow(page, 'Data on victims')).getByTestId('delete-point').click();
    await expect.poll(() => pointTexts(page)).toEqual([texts[0], editedFinal, texts[3]]);
    const trash = page.getByTestId('deleted-points');
    expect(await trash.locator('summary').textContent()).toBe('Deleted focus points (1)');
    expect(await page.getByTestId('topic-link').locator('.count').textContent()).toBe('3');
    await trash.locator('summary').click();
    expect(await trash.locator('.deleted-text').allTextContents()).toEqual(['Data on victims']);
    await trash.getByTestId('restore-point').click();
    // Back in its old place; the deleted list goes away.
    await expect.poll(() => pointTexts(page)).toEqual([texts[0], editedFinal, 'Data on victims', texts[3]]);
    await expect.poll(() => trash.count()).toBe(0);

    // And one point that stays deleted.
    await (await pointRow(page, 'A hotline')).getByTestId('delete-point').click();
    await expect.poll(() => pointTexts(page)).toEqual([texts[0], editedFinal, 'Data on victims']);

    await flushStorage(page, id);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => pointTexts(page)).toEqual([texts[0], editedFinal, 'Data on victims']);
    expect(await page.getByTestId('focus-point').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual([
      'in-progress',
      'proposed',
      'proposed',
    ]);
    expect(await valuesOf(page.getByTestId('status'))).toEqual(['in-progress', 'proposed', 'proposed']);
    expect(await page.getByTestId('deleted-points').locator('summary').textContent()).toBe('Deleted focus points (1)');
    expect(await page.getByTestId('deleted-points').locator('.deleted-text').allTextContents()).toEqual(['A hotline']);
    expect(await topicCounts(page)).toEqual([{ title: 'Trafficking in human beings', count: '3' }]);
    expectCleanPages(browser);
  });

  test('home: rename a workspace; delete one after cancelling once, and its database is gone', async () => {
    await goTo(page, '/');
    const keepId = await createWorkspace(page, 'Kept workspace');
    await page.getByRole('link', { name: 'All workspaces' }).click();
    await page.getByTestId('workspace-list').waitFor();
    const doomedId = await createWorkspace(page, 'Doomed workspace');
    await addTopic(page, 'A topic that goes with it');
    await page.getByRole('link', { name: 'All workspaces' }).click();

    const rowOf = (id: string) => page.locator(`[data-testid="workspace-row"][data-workspace-id="${id}"]`);
    await rowOf(keepId).waitFor();

    // Rename from the home screen.
    await rowOf(keepId).getByRole('button', { name: 'Rename' }).click();
    const input = rowOf(keepId).getByRole('textbox', { name: 'New name' });
    await input.fill('Urban safety network — renamed');
    await rowOf(keepId).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => rowOf(keepId).locator('.workspace-name').textContent()).toBe('Urban safety network — renamed');
    await rowOf(keepId).getByRole('link').click();
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('Urban safety network — renamed');
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('settings-name').inputValue()).toBe('Urban safety network — renamed');
    await page.getByRole('link', { name: 'All workspaces' }).click();
    await rowOf(doomedId).waitFor();

    expect(await databaseNames(page)).toEqual(expect.arrayContaining([databaseName(keepId), databaseName(doomedId)]));

    // Cancel: the dialog closes and nothing is deleted.
    const dialog = page.locator('dialog[open]');
    await rowOf(doomedId).getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Delete “Doomed workspace”?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    expect(await rowOf(doomedId).count()).toBe(1);
    expect(await databaseNames(page)).toContain(databaseName(doomedId));

    // Escape is a cancel too.
    await rowOf(doomedId).getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    expect(await rowOf(doomedId).count()).toBe(1);

    // Confirm: the row goes, and so does the database.
    await rowOf(doomedId).getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor();
    await dialog.getByTestId('confirm').click();
    await expect.poll(() => rowOf(doomedId).count()).toBe(0);
    await expect.poll(() => databaseNames(page)).not.toContain(databaseName(doomedId));
    expect(await databaseNames(page)).toContain(databaseName(keepId));
    expect(await rowOf(keepId).locator('.workspace-name').textContent()).toBe('Urban safety network — renamed');

    // After a reload: still gone, the other still there.
    await page.reload({ waitUntil: 'load' });
    await rowOf(keepId).waitFor();
    expect(await rowOf(doomedId).count()).toBe(0);
    expect(await databaseNames(page)).not.toContain(databaseName(doomedId));
    // Its old address now says so rather than showing an empty workspace.
    await goTo(page, `/w/${doomedId}/topics`);
    await page.getByRole('heading', { name: 'This workspace is not in this browser' }).waitFor();
    // …and visiting it did not bring back an empty database.
    expect(await databaseNames(page)).not.toContain(databaseName(doomedId));
    expectCleanPages(browser);
  });
});
