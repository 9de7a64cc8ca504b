// The topics screen, the workspace's frame and search in French (issue 13): the language chosen
// in this browser (localStorage 'tavola.locale.v1') before the app loads.
import { afterAll, expect, test } from 'vitest';
import { closeAllBrowsers, launchBrowser, openApp } from './harness/browser';
import { FIXTURE, expectCleanPages, openSample } from './helpers';

afterAll(() => closeAllBrowsers());

test('in French: the topics screen, its tabs, statuses, search and a meeting date speak French; the page says lang="fr"', async () => {
  const context = await launchBrowser();
  await context.addInitScript(() => localStorage.setItem('tavola.locale.v1', 'fr'));
  const page = await openApp(context, '/');
  await openSample(page);

  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  // The sidebar, the tabs, the frame.
  await expect.poll(() => page.locator('.sidebar-title').textContent()).toBe('Thèmes');
  const tabs = await page.locator('nav.tabs a').allTextContents();
  expect(tabs.map((tab) => tab.trim())).toEqual(['Thèmes', 'Membres', 'Réunions', 'Fiches de pratique', 'Versions', 'Paramètres']);
  expect((await page.getByTestId('share').textContent())?.trim()).toBe('Partager');
  expect((await page.getByTestId('undo').textContent())?.trim()).toBe('Annuler');
  expect(await page.getByTestId('search-input').getAttribute('placeholder')).toBe('Rechercher');
  // The focus points: heading, status labels, add form.
  expect(await page.locator('.points-header .section-title').textContent()).toMatch(/^Points d’attention \d+$/);
  const statuses = await page.getByTestId('filter-status').locator('option').allTextContents();
  expect(statuses).toEqual(['Tous les statuts', 'Proposé', 'Convenu', 'En cours', 'Fait', 'Abandonné']);
  // Each point's own status select (its options cloned from one set per language) says it too,
  // and shows the point's status.
  const rowStatus = page.getByTestId('status').first();
  expect(await rowStatus.locator('option').allTextContents()).toEqual(['Proposé', 'Convenu', 'En cours', 'Fait', 'Abandonné']);
  // (The sample's points are all agreed.)
  expect(await rowStatus.evaluate((select: HTMLSelectElement) => [select.value, select.selectedOptions[0]?.text])).toEqual(['agreed', 'Convenu']);
  expect(await page.getByTestId('add-focus-point').getByRole('button').textContent()).toBe('Ajouter le point');
  expect(await page.getByTestId('focus-point-text').first().getAttribute('aria-label')).toBe('Point d’attention 1');
  // The group's own words stay as written.
  await expect.poll(() => page.getByTestId('topic-title').inputValue()).toBe(FIXTURE.topics[0]!.title);

  await page.screenshot({ path: 'test-results/screens/i18n-topics-fr-1280.png', fullPage: false });

  // Search: a meeting, its kind and its date in French (the record's own date kept for machines).
  const meeting = FIXTURE.meetings[0]!;
  const frenchDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${meeting.date}T12:00:00Z`));
  expect(frenchDate).toMatch(/^\d{1,2} [a-zéû]+ \d{4}$/);
  await page.getByTestId('search-input').fill(meeting.title);
  const hit = page.locator('[data-testid="search-hit"][data-kind="meeting"]').first();
  await hit.waitFor();
  expect(await hit.getByTestId('search-hit-kind').textContent()).toBe('Réunion');
  expect(await hit.getByTestId('search-hit-date').textContent()).toBe(frenchDate);
  expect(await hit.getByTestId('search-hit-date').getAttribute('datetime')).toBe(meeting.date);
  expect(await page.locator('.search-hint').textContent()).toBe('↑ ↓ pour naviguer, Entrée pour ouvrir, Échap pour fermer');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screens/i18n-topics-fr-390.png', fullPage: false });
  // Nothing is wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  expectCleanPages(context);
}, 120_000);
