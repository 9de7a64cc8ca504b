// Search through the UI: Ctrl+K, accent-insensitive results labelled by kind with a marked
// snippet, the keyboard (arrows, Enter, Escape) and the mouse, and the index following edits.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { addPoint, expectCleanPages, FIXTURE, openSample, pointRow, workspaceIdOf } from './helpers';
import * as peers from './peers-helpers';

describe('search', () => {
  let browser: BrowserContext;
  let page: Page;

  const box = () => page.getByTestId('search-input');
  const hits = () => page.getByTestId('search-hit');
  /** Each result shown as "kind | heading | where the match is | context", the parts it has. */
  const shown = () =>
    hits().evaluateAll((items) =>
      items.map((item) =>
          ['kind', 'heading', 'where', 'context']
            .map((part) => item.querySelector(`[data-testid=search-hit-${part}]`)?.textContent ?? '')
            .filter(Boolean)
            .join(' | '),
        ),
    );
  const marks = () => page.getByTestId('search-results').locator('mark').allTextContents();
  const search = async (query: string) => {
    await page.keyboard.press('Control+K');
    await expect.poll(() => box().evaluate((el) => el === document.activeElement)).toBe(true);
    await box().fill(query);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openApp(browser, '/');
  });
  afterAll(async () => {
    expectCleanPages(browser);
    await closeBrowser(browser);
  });

  test('Ctrl+K from a focus point, a query without accents finds the accented word; the result opens the point', async () => {
    await openSample(page);
    const topicUrl = page.url();
    await addPoint(page, 'Coopération avec Düsseldorf sur la prévention');
    // Ctrl+K works from anywhere: here from inside a focus point's text.
    await page.getByTestId('focus-point-text').first().click();
    await search('dusseldorf');
    await expect.poll(shown).toEqual([`Focus point | Coopération avec Düsseldorf sur la prévention | in ${FIXTURE.topics[0]!.title}`]);
    expect(await box().getAttribute('aria-expanded')).toBe('true');
    expect(await marks()).toEqual(['Düsseldorf']);
    // The active result is the box's active descendant, selected in the list box.
    const activeId = await box().getAttribute('aria-activedescendant');
    expect(await hits().first().getAttribute('id')).toBe(activeId);
    expect(await hits().first().getAttribute('aria-selected')).toBe('true');

    // Uppercase, accented differently: the same result.
    await box().fill('COOPERATION prevention');
    await expect.poll(shown).toHaveLength(1);
    expect(await marks()).toEqual(['Coopération', 'prévention']);

    // Opened by a click: the list closes, the point's text has the focus.
    await page.goto(page.url().replace(/topics\/.*/, 'members'));
    await search('dusseldorf');
    await hits().first().click();
    await page.waitForURL(topicUrl);
    const row = await pointRow(page, 'Coopération avec Düsseldorf sur la prévention');
    await expect.poll(() => row.getByTestId('focus-point-text').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box().getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('search-popup').count()).toBe(0);
  });

  test('every kind is labelled; the match outside the title says which field; arrows and Enter open a practice sheet', async () => {
    await search('amsterdam');
    await expect.poll(async () => (await shown()).some((line) => line.startsWith('Member | Amsterdam'))).toBe(true);

    await search('car washes');
    await expect.poll(shown).toEqual([expect.stringMatching(/^Practice sheet \| Administrative approach to keep organised crime out of local licences \| Context: .*car washes/)]);
    expect(await marks()).toEqual(['car', 'washes']);

    await search('pandemic reduced');
    await expect.poll(shown).toEqual([expect.stringMatching(/^Meeting \| Working session on countering expanding criminal networks locally \| Notes: .*pandemic.*reduced.* \| \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/)]);

    await search('organised crime');
    await expect.poll(async () => (await hits().count()) > 2).toBe(true);
    const kinds = await page.getByTestId('search-hit-kind').allTextContents();
    expect(kinds).toEqual(expect.arrayContaining(['Topic', 'Meeting', 'Practice sheet']));
    // Down to the practice sheet, then Enter.
    const target = kinds.indexOf('Practice sheet');
    for (let i = 0; i < target; i++) await box().press('ArrowDown');
    expect(await hits().nth(target).getAttribute('aria-selected')).toBe('true');
    expect(await box().getAttribute('aria-activedescendant')).toBe(await hits().nth(target).getAttribute('id'));
    const practiceId = await hits().nth(target).getAttribute('data-record-id');
    await box().press('Enter');
    await page.waitForURL(new RegExp(`/practices/${practiceId}$`));
    await page.getByTestId('practice-view').waitFor();
  });

  test('Escape closes the list and keeps the words; a click outside closes it', async () => {
    await search('crime');
    await expect.poll(() => hits().count()).toBeGreaterThan(0);
    await box().press('Escape');
    expect(await page.getByTestId('search-popup').count()).toBe(0);
    expect(await box().getAttribute('aria-expanded')).toBe('false');
    expect(await box().inputValue()).toBe('crime');
    await box().press('ArrowDown');
    await expect.poll(() => hits().count()).toBeGreaterThan(0);
    await page.getByTestId('workspace-name').click();
    await expect.poll(() => page.getByTestId('search-popup').count()).toBe(0);
    // Nothing found says so.
    await search('xylophone');
    await expect.poll(() => page.getByTestId('search-nothing').textContent()).toBe('Nothing found for “xylophone”.');
    // No list box then: the box is not expanded, and the live region says so.
    expect(await box().getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('search').getByRole('status').textContent()).toBe('No results');
  });

  test('the index follows edits: a word typed into a point is found, a deleted point is not', async () => {
    const id = workspaceIdOf(page);
    await page.goto(page.url().replace(/#.*/, `#/w/${id}/topics`));
    await page.waitForURL(/topics\/[^/]+$/);
    const row = await pointRow(page, 'Coopération avec Düsseldorf sur la prévention');
    const text = row.getByTestId('focus-point-text');
    await text.click();
    await text.press('End');
    await text.pressSequentially(' und Zusammenarbeit', { delay: 5 });
    await search('zusammenarb');
    await expect.poll(shown).toEqual([`Focus point | Coopération avec Düsseldorf sur la prévention und Zusammenarbeit | in ${FIXTURE.topics[0]!.title}`]);
    expect(await marks()).toEqual(['Zusammenarbeit']);
    await box().press('Escape');

    await row.getByTestId('delete-point').click();
    await search('zusammenarbeit');
    await expect.poll(() => page.getByTestId('search-nothing').count()).toBe(1);
    expect(await hits().count()).toBe(0);
  });
});

describe("search follows a partner's edits", () => {
  let a: peers.Person;
  let b: peers.Person;

  beforeAll(async () => {
    [a, b] = await Promise.all([peers.person('Anna', 'Amsterdam'), peers.person('Bruno', 'Lisbon')]);
  });
  afterAll(async () => {
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test("A's open result list shows the point B has just written the word into", async () => {
    await peers.createWorkspace(a.page, 'Search together');
    await peers.addTopic(a.page, 'Ports');
    await peers.addPoint(a.page, 'Meet the port authority');
    await b.page.goto(await peers.shareLink(a.page));
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await peers.waitForPeers(b.page, 1);
    await expect.poll(() => peers.pointTexts(b.page)).toEqual(['Meet the port authority']);

    // A searches for a word nobody has written yet; the list stays open.
    await a.page.keyboard.press('Control+K');
    const box = a.page.getByTestId('search-input');
    await box.fill('geneve');
    await expect.poll(() => a.page.getByTestId('search-nothing').count()).toBe(1);

    const text = b.page.getByTestId('focus-point-text').first();
    await text.click();
    await text.press('End');
    await text.pressSequentially(' in Genève', { delay: 10 });
    await expect.poll(() => a.page.getByTestId('search-hit-heading').allTextContents(), { timeout: 20_000 }).toEqual(['Meet the port authority in Genève']);
    expect(await a.page.getByTestId('search-results').locator('mark').allTextContents()).toEqual(['Genève']);
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);

    // B deletes it: it leaves A's results.
    await b.page.getByTestId('delete-point').first().click();
    await expect.poll(() => a.page.getByTestId('search-nothing').count(), { timeout: 20_000 }).toBe(1);
  });
});
