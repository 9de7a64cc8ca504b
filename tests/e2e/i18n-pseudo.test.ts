// No English left outside the dictionaries (issue 13): every screen of the sample working group
// rendered in the pseudo-language of src/i18n (English with every dictionary string marked ⟦…⟧).
// Any visible text, label, title or placeholder that is neither marked, nor the group's own words
// (the sample's names, titles, points and notes), nor a date or a country name written by Intl, is
// a string some screen still writes by itself, and is listed with the screen it is on.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './harness/browser';
import { expectCleanPages, FIXTURE, goTo, openSample } from './helpers';

/** The group's own words on the sample's screens: shown as written, never translated. */
function groupWords(): string[] {
  const f = FIXTURE as unknown as Record<string, any>;
  // Tavola's own name is not translated either.
  // Anna of Amsterdam is who this test says it is (her initials show once she has).
  const words = new Set<string>(['Tavola', f.workspace.name, f.workspace.description, 'Anna', 'Amsterdam', 'AN']);
  for (const m of f.members) words.add(m.name);
  for (const t of f.topics) {
    words.add(t.title);
    for (const p of t.focusPoints) words.add(p);
  }
  for (const m of f.meetings) {
    words.add(m.title);
    for (const line of String(m.notes).split('\n')) words.add(line.trim());
  }
  for (const p of f.practices) {
    words.add(p.title);
    words.add(p.city);
    for (const text of Object.values(p.sections as Record<string, string>)) for (const line of String(text).split('\n')) words.add(line.trim());
  }
  return [...words].filter((w) => w && w.length > 1).sort((a, b) => b.length - a.length);
}

/** Text on the page that did not come through a dictionary: each with where it is. */
function unmarked(page: Page, allowed: string[]): Promise<string[]> {
  return page.evaluate((allowed) => {
    const months = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/g;
    const countries = new Intl.DisplayNames(['en'], { type: 'region' });
    // Every region name Intl knows (the country pickers list them all), longest first.
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const countryNames = [...letters]
      .flatMap((a) => [...letters].map((b) => a + b))
      .map((code) => { try { const name = countries.of(code); return name && name !== code ? name : ''; } catch { return ''; } })
      .filter(Boolean)
      .sort((x, y) => y.length - x.length);
    const clean = (text: string) => {
      // Marked strings, innermost first (a translated string can hold another as a placeholder);
      // then what a marked string split around an element leaves in this node (its start or end).
      let rest = text;
      while (/⟦[^⟦⟧]*⟧/.test(rest)) rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
      rest = rest.replace(/⟦[^⟧]*$/, ' ').replace(/^[^⟦]*⟧/, ' ');
      for (const word of allowed) rest = rest.split(word).join(' ');
      for (const name of countryNames) rest = rest.split(name).join(' ');
      // What Intl writes in English dates and times ("1 December 2026 at 14:05"); addresses
      // (a relay's, as an example in a field); country codes ("Amsterdam (NL)").
      rest = rest.replace(months, ' ').replace(/\b(AM|PM|UTC|at)\b/g, ' ');
      rest = rest.replace(/\b[a-z]+:\/\/\S+/g, ' ').replace(/\([A-Z]{2}\)/g, ' ');
      return /\p{L}{2,}/u.test(rest) ? rest.replace(/\s+/g, ' ').trim() : '';
    };
    const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const skip = (el: Element | null) => !!el?.closest('[contenteditable], code, script, style, noscript, [data-user-text], .ProseMirror');
    const found: string[] = [];
    const where = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || skip(parent) || !visible(parent)) continue;
      const rest = clean(node.textContent ?? '');
      if (rest) found.push(`${where(parent)}: “${rest}”`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], option')) {
      if (skip(el)) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(attribute);
        const rest = value ? clean(value) : '';
        if (rest) found.push(`${where(el)} ${attribute}: “${rest}”`);
      }
      // A select's options are not laid out, so the walk above does not see their text.
      // (A language's own name, marked with its lang, is not translated.)
      if (el.tagName === 'OPTION' && !el.hasAttribute('lang')) {
        const rest = clean(el.textContent ?? '');
        if (rest) found.push(`${where(el)}: “${rest}”`);
      }
    }
    if (document.title && clean(document.title)) found.push(`title: “${clean(document.title)}”`);
    return [...new Set(found)];
  }, allowed);
}

describe('every screen in the pseudo-language: no text outside the dictionaries', () => {
  let page: Page;
  let id: string;
  const allowed = groupWords();
  const left: Record<string, string[]> = {};

  beforeAll(async () => {
    const browser = await launchBrowser({ options: { viewport: { width: 1280, height: 900 } } });
    await browser.addInitScript(() => localStorage.setItem('tavola.locale.v1', 'x-pseudo'));
    page = await openApp(browser, '/');
    await page.getByTestId('open-sample').waitFor();
    id = await openSample(page);
  });

  afterAll(() => {
    expectCleanPages(page.context());
  });

  async function check(screen: string): Promise<void> {
    await page.mouse.move(1, 1);
    left[screen] = await unmarked(page, allowed);
    expect.soft(left[screen], screen).toEqual([]);
  }

  test('the pseudo-language marks the dictionary strings', async () => {
    await goTo(page, '/');
    await page.getByTestId('open-sample').waitFor();
    expect(await page.evaluate(() => document.body.innerText)).toContain('⟦');
  });

  test('home', async () => {
    await goTo(page, '/');
    await page.getByTestId('workspace-list').waitFor();
    await check('home');
  });

  test('topics', async () => {
    await goTo(page, `/w/${id}/topics`);
    await page.getByTestId('topic-view').waitFor();
    await expect.poll(() => page.getByTestId('focus-point').count()).toBe(FIXTURE.topics[0]!.focusPoints.length);
    await check('topics');
    await page.getByTestId('owners').first().locator('summary').click();
    await check('topics, owners picker');
    await page.keyboard.press('Escape');
  });

  test('members', async () => {
    await goTo(page, `/w/${id}/members`);
    await page.getByTestId('members').or(page.locator('main')).first().waitFor();
    await page.waitForTimeout(300);
    await check('members');
  });

  test('meetings, a meeting, its minutes', async () => {
    await goTo(page, `/w/${id}/meetings`);
    await page.getByTestId('meeting-list').waitFor();
    await check('meetings');
    await page.getByTestId('meeting-link').first().click();
    await page.getByTestId('meeting-view').waitFor();
    await check('a meeting');
    const meetingRoute = new URL(page.url()).hash.slice(1);
    await goTo(page, `${meetingRoute}/minutes`);
    await page.waitForTimeout(500);
    await check('minutes');
    // The live meeting, with its notes' editor (its toolbar's words are the editor area's).
    await goTo(page, meetingRoute);
    await page.getByTestId('profile-name').fill('Anna');
    await page.getByTestId('profile-organisation').fill('Amsterdam');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('live-meeting').waitFor();
    await page.getByTestId('live-notes').waitFor();
    await page.waitForTimeout(500);
    await check('live meeting');
  });

  test('practice sheets and a sheet', async () => {
    await goTo(page, `/w/${id}/practices`);
    await page.waitForTimeout(500);
    await check('practice sheets');
    const first = page.getByTestId('practice-link').first();
    if (await first.count()) {
      await first.click();
      await page.waitForTimeout(800);
      await check('a practice sheet');
    }
  });

  test('versions', async () => {
    await goTo(page, `/w/${id}/versions`);
    await page.waitForTimeout(500);
    await check('versions');
  });

  test('settings', async () => {
    await goTo(page, `/w/${id}/settings`);
    await page.getByTestId('settings').waitFor();
    await check('settings');
  });

  test('share dialog', async () => {
    await goTo(page, `/w/${id}/topics`);
    await page.getByTestId('share').click();
    await page.locator('dialog[open]').first().waitFor();
    await check('share dialog');
    await page.keyboard.press('Escape');
  });

  test('a broken link, and an address that leads nowhere', async () => {
    await goTo(page, '/join/abc');
    await page.getByTestId('link-error').waitFor();
    await check('broken link');
    await goTo(page, '/nowhere/at/all');
    await page.locator('h1').waitFor();
    await check('not found');
  });
});
