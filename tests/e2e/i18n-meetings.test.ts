// The meetings screens in German: a meeting of the sample working group (its participants,
// agenda and live bar), the live meeting screen and the draft minutes, with dates and times as
// German writes them and lang="de" on the page; the group's titles stay as written.
// Screenshots at 1280 and 390 px go to test-results/screens/ for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { expectCleanPages, FIXTURE, goTo, openSample } from './helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');
const GERMAN_DATE = /^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/;

describe('the meetings in German', () => {
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    browser = await launchBrowser();
    await browser.addInitScript(() => localStorage.setItem('tavola.locale.v1', 'de'));
    page = await openApp(browser, '/');
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test('a meeting, its live screen and its minutes speak German, dates and times too', async () => {
    const id = await openSample(page);
    const meeting = FIXTURE.meetings[0]!;
    await goTo(page, `/w/${id}/meetings`);
    await page.getByTestId('meeting-link').filter({ hasText: meeting.title }).click();
    await page.getByTestId('meeting-view').waitFor();
    const meetingId = (await page.getByTestId('meeting-view').getAttribute('data-meeting-id'))!;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

    await expect.poll(() => page.locator('.sidebar-title').textContent()).toBe('Sitzungen');
    expect(await page.locator('#new-meeting-title').textContent()).toBe('Neue Sitzung');
    expect(await page.getByTestId('add-meeting-submit').textContent()).toBe('Anlegen');
    expect(await page.getByTestId('delete-meeting').textContent()).toBe('Sitzung löschen');
    expect(await page.getByTestId('start-meeting').textContent()).toBe('Sitzung eröffnen');
    expect(await page.locator('#participants-title').textContent()).toMatch(/^Teilnehmende \d+von \d+ Mitgliedern$/);
    expect(await page.locator('#agenda-title').textContent()).toMatch(/^Tagesordnung \d+$/);
    expect(await page.getByTestId('agenda-move-down').first().getAttribute('title')).toBe('Nach unten');
    expect(await page.locator('#raised-title').textContent()).toMatch(/^In dieser Sitzung eingebrachte Schwerpunkte \d+$/);
    // The date as German writes it; the sidebar's dates too. The group's title stays as written.
    expect(await page.locator('.meeting-date-long').textContent()).toMatch(GERMAN_DATE);
    expect(await page.getByTestId('meeting-link').first().locator('time').textContent()).toMatch(GERMAN_DATE);
    expect(await page.getByTestId('meeting-link').filter({ hasText: meeting.title }).count()).toBe(1);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-meetings-de-1280.png'), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    // Nothing pokes out sideways on a phone with the longer German words.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-meetings-de-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The live screen: started now, its time as German writes it (24 hours).
    await page.getByTestId('start-meeting').click();
    await page.getByTestId('live-meeting').waitFor();
    expect(await page.locator('.live-pill').textContent()).toBe('Live');
    expect(await page.locator('.live-kicker').textContent()).toMatch(/\d{4} · eröffnet um \d{2}:\d{2}$/);
    expect(await page.locator('.live-side').getAttribute('aria-label')).toBe('Tagesordnung und Anwesende');
    expect(await page.locator('.live-attendance').textContent()).toMatch(/^Alle, die hier sind, werden im Protokoll als anwesend geführt \(bisher \d+\)\.$/);
    expect(await page.getByTestId('live-agenda-item').first().locator('.live-agenda-meta').textContent()).toMatch(/^\d+ Punkte?( · \d+ neu)?$/);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-meetings-live-de-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The minutes while the meeting runs: a draft, with the German words of the screen.
    await goTo(page, `/w/${id}/meetings/${meetingId}/minutes`);
    await page.getByTestId('minutes').waitFor();
    // The banner of the meeting in progress (area live, with the page), outside the live screen.
    expect(await page.getByTestId('live-banner').locator('.live-banner-text').textContent()).toBe(`Sitzung läuft: ${meeting.title}`);
    expect(await page.getByTestId('join-meeting').textContent()).toBe('Teilnehmen');
    expect(await page.getByTestId('minutes-draft').textContent()).toBe('Die Sitzung läuft noch: Dieses Protokoll ist ein Entwurf.');
    expect(await page.getByTestId('download-minutes').textContent()).toBe('Als Markdown herunterladen');
    expect(await page.getByTestId('print-minutes').textContent()).toBe('Drucken');
    expect(await page.getByTestId('minutes-date').textContent()).toMatch(GERMAN_DATE);
    expect(await page.locator('.minutes-kicker').textContent()).toBe(`Protokoll · ${FIXTURE.workspace.name}`);
    expect(await page.locator('#minutes-attendees').textContent()).toMatch(/^Anwesende \d+$/);
    // The toolbar's longer German buttons wrap on a phone; nothing pokes out sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: path.join(SCREENS_DIR, 'i18n-meetings-minutes-de-390.png'), fullPage: false });
    expectCleanPages(browser);
  });
});
