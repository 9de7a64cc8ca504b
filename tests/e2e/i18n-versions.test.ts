// The versions screen in French (issue 13): the sample working group with the language stored
// before the app loads; a version saved, opened read only, its changes and the restore dialog,
// in French words, with French dates, on a page whose `lang` is `fr`. Screenshots at 1280 and
// 390 wide go to test-results/screens/ for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { expectCleanPages, goTo, openSample } from './helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');
const FRENCH_DATE = /\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/;
const ENGLISH_MONTH = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/;

describe('the versions screen in French', () => {
  let browser: BrowserContext;
  let page: Page;
  let id: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    await browser.addInitScript(() => localStorage.setItem('tavola.locale.v1', 'fr'));
    page = await openApp(browser, '/');
    await page.getByTestId('open-sample').waitFor();
    id = await openSample(page);
  });

  afterAll(async () => {
    expectCleanPages(browser);
    await closeBrowser(browser);
  });

  test('saves, shows and compares a version in French, with French dates', async () => {
    await goTo(page, `/w/${id}/versions`);
    const form = page.getByTestId('save-version');
    await form.waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.locator('.save-version-title').textContent()).toBe('Enregistrer une version');
    expect(await page.locator('.sidebar-empty').textContent()).toBe('Aucune version enregistrée pour l’instant.');
    expect(await form.locator('label').textContent()).toBe('Nom de la version');
    // The sample has 3 topics: “thèmes”, with the French plural.
    expect(await form.locator('.save-version-count').textContent()).toMatch(/^Elle conservera 3 thèmes et \d+ points d’attention : /);
    const name = await page.getByTestId('version-name').inputValue();
    expect(name).toMatch(new RegExp(`^Points d’attention au ${FRENCH_DATE.source}$`));

    await form.getByRole('button', { name: 'Enregistrer la version' }).click();
    await page.getByTestId('version-title').waitFor();
    expect(await page.getByTestId('version-title').textContent()).toBe(`Version « ${name} » (lecture seule)`);
    const meta = (await page.locator('.version-meta').textContent()) ?? '';
    expect(meta).toMatch(new RegExp(`^Enregistrée le ${FRENCH_DATE.source} à \\d{2}:\\d{2} · 3 thèmes, \\d+ points d’attention$`));
    expect(meta).not.toMatch(ENGLISH_MONTH);
    expect(await page.getByTestId('version-link').locator('time').textContent()).toMatch(FRENCH_DATE);
    expect(await page.getByTestId('restore-version').textContent()).toBe('Rétablir cette version');
    expect(await page.getByTestId('show-version').textContent()).toBe('Telle qu’enregistrée');
    // Statuses from the shared vocabulary.
    expect(await page.locator('.version-point .status-badge').allTextContents()).toContain('Convenu');

    await screenshots('i18n-versions-fr');

    await page.getByTestId('show-changes').click();
    await page.getByTestId('version-changes').waitFor();
    expect(await page.getByTestId('show-changes').textContent()).toBe('Modifications depuis 0');
    expect(await page.getByTestId('version-changes').textContent()).toContain('Aucune modification');
    expect(await page.getByTestId('practice-changes-none').textContent()).toBe('Aucune fiche de pratique n’a changé.');

    await page.getByTestId('restore-version').click();
    const explanation = page.getByTestId('restore-explanation');
    await explanation.waitFor();
    const said = (await explanation.textContent()) ?? '';
    expect(said).toContain(`redeviendront tels qu’ils étaient dans « ${name} », enregistrée le `);
    expect(said).toMatch(FRENCH_DATE);
    expect(said).toContain('Rien n’a changé depuis : rien ne sera modifié.');
    expect(said).toContain('Vos partenaires verront ce rétablissement comme de nouvelles modifications faites par vous, dès qu’ils seront connectés.');
    expect(await page.getByRole('button', { name: 'Rétablir la version' }).count()).toBe(1);
  });

  async function screenshots(name: string): Promise<void> {
    mkdirSync(SCREENS_DIR, { recursive: true });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${width}.png`), fullPage: true });
      // Nothing pokes out sideways, even with the longer French words (else: what does).
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
