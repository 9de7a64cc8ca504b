// The home screen in German (issue 13): the language stored before the app loads; the page's
// words, a workspace's last opening as a German date, a refused backup file and the delete
// question in German, on a page whose `lang` is `de`; then the members' summary with German
// plurals. Screenshots at 1280 and 390 wide go to test-results/screens/ for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { expectCleanPages, FIXTURE, goTo, openSample } from './helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');
const GERMAN_DATE = /\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}/;
const ENGLISH_MONTH = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/;

describe('the home screen in German', () => {
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    await browser.addInitScript(() => localStorage.setItem('tavola.locale.v1', 'de'));
    page = await openApp(browser, '/');
    await page.getByTestId('open-sample').waitFor();
  });

  afterAll(async () => {
    expectCleanPages(browser);
    await closeBrowser(browser);
  });

  test('speaks German on the home screen and the members screen, with German dates and plurals', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.locator('main.home > section > h2').allTextContents()).toEqual(['Arbeitsbereich anlegen', 'Ihre Arbeitsbereiche', 'Aus einer Sicherungsdatei wiederherstellen']);
    expect(await page.locator('.empty-title').textContent()).toBe('Noch keine Arbeitsbereiche in diesem Browser');
    expect(await page.getByTestId('create-workspace').getByRole('button').textContent()).toBe('Arbeitsbereich anlegen');
    expect(await page.getByTestId('open-sample').textContent()).toBe('öffnen Sie die Beispiel-Arbeitsgruppe,');
    // The language picker is on the home screen, showing the language in use.
    expect(await page.getByTestId('language-picker').inputValue()).toBe('de');
    expect(await page.getByTestId('language-picker').getAttribute('aria-label')).toBe('Sprache von Tavola');

    // A file that is not a backup: refused in German, from the reader's code.
    await page.getByTestId('restore-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
    await page.getByTestId('backup-error').waitFor();
    expect(await page.getByTestId('backup-error').textContent()).toBe(
      'Dies ist keine Tavola-Sicherung. Wählen Sie eine Datei mit der Endung „.tavola.json“, die mit „Sicherung exportieren“ in den Einstellungen eines Arbeitsbereichs erstellt wurde.',
    );

    const id = await openSample(page);
    await goTo(page, '/');
    const row = page.getByTestId('workspace-row');
    await row.waitFor();
    const opened = (await row.locator('.workspace-link .quiet').textContent()) ?? '';
    expect(opened).toMatch(new RegExp(`^Zuletzt geöffnet am ${GERMAN_DATE.source}$`));
    expect(opened).not.toMatch(ENGLISH_MONTH);
    expect(await row.getByRole('button').allTextContents()).toEqual(['Umbenennen', 'Löschen']);
    expect(await page.getByTestId('storage-notice').count()).toBe(1);
    expect(await page.getByTestId('storage-notice').textContent()).not.toMatch(/browser (has not|cannot)|Stored permanently/);

    await screenshots('i18n-home-de');

    await row.getByRole('button', { name: 'Löschen' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe(`„${FIXTURE.workspace.name}“ löschen?`);
    expect(await dialog.getByTestId('confirm').textContent()).toBe('Aus diesem Browser löschen');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await goTo(page, `/w/${id}/members`);
    await page.getByTestId('members-summary').waitFor();
    expect(await page.locator('#members-title').textContent()).toBe('Mitglieder');
    expect(await page.getByTestId('members-summary').textContent()).toMatch(/^\d+ Mitglieder aus \d+ Ländern · \d+ federführende$/);
    expect(await page.getByTestId('add-member-submit').textContent()).toBe('Mitglied hinzufügen');
    expect(await page.getByTestId('delete-member').first().getAttribute('title')).toBe('Mitglied löschen');
  });

  async function screenshots(name: string): Promise<void> {
    mkdirSync(SCREENS_DIR, { recursive: true });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${width}.png`), fullPage: true });
      // Nothing pokes out sideways, even with the longer German words (else: what does).
      const wider = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} “${(el.textContent ?? '').slice(0, 40)}”`),
      );
      expect(wider, `${name} at ${width}`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});
