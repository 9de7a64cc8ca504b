// Named versions between two partners, each in their own Chromium process: A saves the focus
// points as agreed, edits them, sees exactly those edits in the changes view, and restores the
// version; B, who joined through the share link, receives the restore as ordinary changes, and
// B's own edits afterwards still reach A. Screenshots of the versions list, a version read only
// and the changes view at 1280 wide go to test-results/screens/ for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { openSample } from './helpers';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers, type Person } from './peers-helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');
const VERSION = 'Focus points as agreed on 23 September';
const AS_AGREED = ['One', 'Two', 'Three', 'Four'];

async function screenshot(page: Page, name: string, widths: readonly number[] = [1280]): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    // The page fits the width: nothing pokes out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} at ${width}`).toBe(0);
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

function statuses(page: Page): Promise<string[]> {
  return page.getByTestId('focus-point').evaluateAll((els) => els.map((el) => el.getAttribute('data-status') ?? ''));
}

/** The rows of the changes view, as a person reads them. */
function changeRows(page: Page) {
  return page.getByTestId('change').evaluateAll((rows) =>
    rows.map((row) => {
      const text = (id: string) => row.querySelector(`[data-testid=${id}]`)?.textContent?.trim() ?? null;
      const badges = [...row.querySelectorAll('.status-badge')].map((badge) => badge.textContent?.trim());
      return { kind: row.getAttribute('data-kind'), text: text('change-text'), before: text('change-before'), after: text('change-after'), statuses: badges };
    }),
  );
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name, exact: true }).click();
}

describe('named versions between two partners', () => {
  let a: Person;
  let b: Person;

  beforeAll(async () => {
    [a, b] = await Promise.all([person('Anna', 'Amsterdam'), person('Bruno', 'Lisbon')]);
  });
  afterAll(async () => {
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('A saves the focus points as agreed; B, who joined by the link, sees the version too', async () => {
    await createWorkspace(a.page, 'Urban security working group');
    await addTopic(a.page, 'Organised crime in European ports');
    for (const text of AS_AGREED) await addPoint(a.page, text);
    await b.page.goto(await shareLink(a.page));
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await waitForPeers(b.page, 1);
    await expect.poll(() => pointTexts(b.page)).toEqual(AS_AGREED);

    await openTab(a.page, 'Versions');
    const name = a.page.getByTestId('version-name');
    expect(await name.inputValue()).toMatch(/^Focus points as of \d{1,2} [A-Z][a-z]+ \d{4}$/);
    await name.fill(VERSION);
    await a.page.getByRole('button', { name: 'Save version' }).click();
    await a.page.waitForURL(/#\/w\/[^/]+\/versions\/[^/?]+$/);
    await expect.poll(() => a.page.getByTestId('version-title').textContent()).toBe(`Version “${VERSION}” (read only)`);
    expect(await a.page.getByTestId('version-link').getByTestId('version-author').allTextContents()).toEqual(['Anna (Amsterdam)']);

    await openTab(b.page, 'Versions');
    await expect.poll(() => b.page.getByTestId('version-link').locator('.version-link-name').allTextContents()).toEqual([VERSION]);
    await screenshot(b.page, 'versions-list');
  });

  test('A edits: a point added, a text changed, a status changed, a point deleted; the changes view lists exactly those', async () => {
    await openTab(a.page, 'Topics');
    await addPoint(a.page, 'Five');
    const two = a.page.getByTestId('focus-point-text').nth(1);
    await two.click();
    await two.press('End');
    await two.pressSequentially(', revised', { delay: 10 });
    await a.page.getByTestId('focus-point').nth(2).getByTestId('status').selectOption('agreed');
    await a.page.getByTestId('focus-point').nth(0).getByTestId('delete-point').click();
    const edited = ['Two, revised', 'Three', 'Four', 'Five'];
    await expect.poll(() => pointTexts(a.page)).toEqual(edited);
    await openTab(b.page, 'Topics');
    await b.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(b.page)).toEqual(edited);

    await openTab(a.page, 'Versions');
    await a.page.getByTestId('version-link').first().click();
    // As saved: the points of 23 September, with their statuses, and nothing to type into.
    await expect.poll(() => a.page.getByTestId('version-point-text').allTextContents()).toEqual(AS_AGREED);
    expect(await a.page.getByTestId('version-point').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(['proposed', 'proposed', 'proposed', 'proposed']);
    expect(await a.page.getByTestId('version-view').locator('input, textarea, select, [contenteditable]').count()).toBe(0);
    await screenshot(a.page, 'versions-read-only');

    await a.page.getByTestId('show-changes').click();
    await expect.poll(() => changeRows(a.page)).toEqual([
      { kind: 'removed', text: 'One', before: null, after: null, statuses: ['Proposed'] },
      { kind: 'edited', text: null, before: 'Two', after: 'Two, revised', statuses: ['Proposed'] },
      { kind: 'status', text: 'Three', before: null, after: null, statuses: ['Proposed', 'Agreed'] },
      { kind: 'added', text: 'Five', before: null, after: null, statuses: ['Proposed'] },
    ]);
    expect(await a.page.getByTestId('changes-topic-title').allTextContents()).toEqual(['Organised crime in European ports']);
    expect(await a.page.getByTestId('show-changes').locator('.count').textContent()).toBe('4');
    await screenshot(a.page, 'versions-changes');
  });

  test('A restores the version; B receives it as ordinary changes, and B\'s own edit afterwards still reaches A', async () => {
    await a.page.getByTestId('restore-version').click();
    const dialog = a.page.getByRole('dialog', { name: 'Restore this version?' });
    await dialog.waitFor();
    const explanation = await dialog.getByTestId('restore-explanation').textContent();
    expect(explanation).toContain('Your partners will see the restore as new changes made by you');
    expect(explanation).toContain('undo');
    expect(explanation).toContain('1 focus point added since will be deleted');
    await screenshot(a.page, 'versions-restore-dialog');
    await dialog.getByTestId('confirm').click();
    await a.page.getByTestId('restore-done').waitFor();
    await expect.poll(() => a.page.getByTestId('change').count()).toBe(0);
    await screenshot(a.page, 'versions-restored');

    await openTab(a.page, 'Topics');
    await expect.poll(() => pointTexts(a.page)).toEqual(AS_AGREED);
    expect(await statuses(a.page)).toEqual(['proposed', 'proposed', 'proposed', 'proposed']);

    // B did nothing: the restore arrives like any partner's edit, and B's list is the version's.
    await expect.poll(() => pointTexts(b.page)).toEqual(AS_AGREED);
    await expect.poll(() => statuses(b.page)).toEqual(['proposed', 'proposed', 'proposed', 'proposed']);
    // The point added since is deleted, not gone: B can bring it back.
    expect(await b.page.getByTestId('deleted-points').locator('.deleted-text').allTextContents()).toEqual(['Five']);
    // It is A's change, not B's: B has nothing to undo.
    expect(await b.page.getByTestId('undo').isDisabled()).toBe(true);
    await openTab(b.page, 'Versions');
    await b.page.getByTestId('version-link').first().click();
    await expect.poll(() => b.page.getByTestId('version-point-text').allTextContents()).toEqual(AS_AGREED);
    await b.page.getByTestId('show-changes').click();
    await expect.poll(() => b.page.getByTestId('change').count()).toBe(0);

    // B goes on working; A receives it.
    await openTab(b.page, 'Topics');
    await b.page.getByTestId('topic-link').first().click();
    await addPoint(b.page, 'Six, by Bruno');
    await b.page.getByTestId('focus-point').nth(0).getByTestId('status').selectOption('agreed');
    await expect.poll(() => pointTexts(a.page)).toEqual([...AS_AGREED, 'Six, by Bruno']);
    await expect.poll(() => statuses(a.page)).toEqual(['agreed', 'proposed', 'proposed', 'proposed', 'proposed']);
  });

  test('A undoes the restore: A\'s edits come back for both, B\'s later edits stay', async () => {
    await a.page.getByTestId('undo').click();
    // Five (deleted by the restore) and Six (added after it, after the live points) got the same
    // order key; the tie-break by id decides which comes first, the same on both screens.
    const inAnyOrder = (texts: string[]) => [...texts.slice(0, 3), ...texts.slice(3).sort()];
    await expect.poll(async () => inAnyOrder(await pointTexts(a.page))).toEqual(['Two, revised', 'Three', 'Four', 'Five', 'Six, by Bruno']);
    await expect.poll(async () => (await pointTexts(b.page)).join('|')).toBe((await pointTexts(a.page)).join('|'));
    await expect.poll(() => statuses(b.page)).toEqual(['proposed', 'agreed', 'proposed', 'proposed', 'proposed']);
    expectNoPageProblems(a.context, [/WebSocket/]);
    expectNoPageProblems(b.context, [/WebSocket/]);
  });
});

describe('a version of the sample working group', () => {
  test('edits in three topics show per topic, with the changed part of a text marked', async () => {
    const anna = await person('Anna', 'Amsterdam');
    await openSample(anna.page);
    await openTab(anna.page, 'Versions');
    await anna.page.getByTestId('version-name').fill(VERSION);
    await anna.page.getByRole('button', { name: 'Save version' }).click();
    await anna.page.getByTestId('version-title').waitFor();
    expect(await anna.page.getByTestId('version-point').count()).toBe(12);

    await openTab(anna.page, 'Topics');
    const topic = (index: number) => anna.page.getByTestId('topic-link').nth(index).click();
    const row = (index: number) => anna.page.getByTestId('focus-point').nth(index);
    await topic(0);
    await row(0).getByTestId('status').selectOption('done');
    const third = anna.page.getByTestId('focus-point-text').nth(2);
    await third.fill((await third.inputValue()).replace('a network of port cities', 'the network of European port cities'));
    await topic(1);
    await row(1).getByTestId('status').selectOption('in-progress');
    await row(3).getByTestId('delete-point').click();
    await addPoint(anna.page, 'Map the trafficking routes between member cities.');
    await topic(2);
    await row(4).getByTestId('move-up').click();
    await row(0).getByTestId('status').selectOption('dropped');

    await openTab(anna.page, 'Versions');
    await anna.page.getByTestId('version-link').first().click();
    await screenshot(anna.page, 'versions-sample-read-only', [1280, 820]);
    await anna.page.getByTestId('show-changes').click();
    await expect
      .poll(() => anna.page.getByTestId('changes-topic').evaluateAll((topics) => topics.map((t) => [...t.querySelectorAll('[data-testid=change]')].map((c) => c.getAttribute('data-kind')))))
      .toEqual([['status', 'edited'], ['status', 'removed', 'added'], ['status', 'moved']]);
    expect(await anna.page.locator('.text-change del').allTextContents()).toEqual(['a network of']);
    expect(await anna.page.locator('.text-change ins').allTextContents()).toEqual(['the network of European']);
    expect(await anna.page.getByTestId('change-place').allTextContents()).toEqual(['Moved from 5th to 4th place in this topic']);
    await screenshot(anna.page, 'versions-sample-changes', [1280, 820]);
    expectNoPageProblems(anna.context, [/WebSocket/]);
  });
});
