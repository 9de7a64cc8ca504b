// The practice sheets screen in French: the screen's own words, the editor's toolbar, the header,
// the print view (the export's words) and a date as French writes it, with lang="fr" on the page.
// Screenshots at 1280 and 390 px go to test-results/screens/ for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { expectCleanPages, goTo, openSample } from './helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');
const FRENCH_MONTHS = /\b\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\b/;

describe('the practice sheets in French', () => {
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    browser = await launchBrowser();
    await browser.addInitScript(() => localStorage.setItem('tavola.locale.v1', 'fr'));
    page = await openApp(browser, '/');
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test('the sheet, its header, its toolbar and its print view speak French, dates too', async () => {
    const id = await openSample(page);
    await goTo(page, `/w/${id}/practices`);
    await page.getByTestId('practice-view').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    await expect.poll(() => page.locator('.sidebar-title').textContent()).toBe('Fiches de pratique');
    expect(await page.getByTestId('download-practice-markdown').textContent()).toBe('Télécharger en Markdown');
    expect(await page.getByTestId('print-practice').textContent()).toBe('Imprimer / PDF');
    expect(await page.getByTestId('delete-practice').textContent()).toBe('Supprimer la fiche');
    expect(await page.getByTestId('section-context').locator('.practice-section-title').textContent()).toContain('Contexte');
    expect(await page.getByTestId('section-budget').locator('.practice-section-hint').textContent()).toBe(
      'Ce qu’elle coûte, comment elle est financée et le personnel qu’elle mobilise.',
    );
    // The summary: "Ajoutée le 3 décembre 2026 · 3 rubriques rédigées sur 5".
    const summary = (await page.getByTestId('practice-summary').textContent()) ?? '';
    expect(summary).toMatch(/^Ajoutée le /);
    expect(summary).toMatch(FRENCH_MONTHS);
    expect(summary).toMatch(/\d rubriques? rédigées? sur 5$/);

    const header = page.getByTestId('practice-header');
    expect(await header.getAttribute('aria-label')).toBe('Résumé');
    expect(await header.locator('.sheet-header-label').allTextContents()).toEqual(['Ville', 'Période', 'Partenaires', 'Contact', 'Thèmes', 'Statut']);
    const statuses = await page.getByTestId('practice-status').locator('option').allTextContents();
    expect(statuses).toEqual(['Brouillon', 'En relecture', 'Définitive']);

    const bold = page.getByTestId('section-context-text-bold');
    expect(await bold.getAttribute('aria-label')).toBe('Gras');
    expect(await bold.getAttribute('title')).toBe('Gras (Ctrl+B)');
    expect(await page.getByTestId('section-context-text-editor').getByRole('toolbar').getAttribute('aria-label')).toBe('Contexte : mise en forme');

    // The print view is the export: its words in French, the group's texts as written.
    const print = page.getByTestId('practice-print');
    const printed = (await print.textContent()) ?? '';
    expect(printed).toContain('Fiche de pratique · ');
    expect(printed).toContain('1. Contexte');
    expect(await print.locator('dt').allTextContents()).toContain('Statut');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-practices-fr-1280.png'), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-practices-fr-390.png'), fullPage: true });
    expectCleanPages(browser);
  });
});
