// The sample working group at a laptop, a tablet and a phone width: every screen fits the
// window's width (no horizontal scrolling), and a screenshot of each is kept for a person to
// look at in test-results/screens/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { launchBrowser, openApp } from './harness/browser';
import { expectCleanPages, FIXTURE, goTo, openSample, pointTexts } from './helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** How far the document is wider than the window (0 when it fits), and the widest culprits. */
function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { excess: Math.max(0, root.scrollWidth - width), culprits };
  });
}

test('every screen of the sample fits a laptop, a tablet and a phone width; screenshots in test-results/screens/', async () => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const browser = await launchBrowser({ options: { viewport: { width: SIZES[0].width, height: SIZES[0].height } } });
  const page = await openApp(browser, '/');
  const id = await openSample(page);
  await expect.poll(() => pointTexts(page)).toEqual(FIXTURE.topics[0]!.focusPoints);
  await page.getByRole('link', { name: 'Meetings', exact: true }).click();
  await page.getByTestId('meeting-link').click();
  await page.waitForURL(/\/meetings\/[^/]+$/);
  const meetingRoute = new URL(page.url()).hash.slice(1);
  const topicRoute = `/w/${id}/topics`;

  const screens: { name: string; route: string; ready: () => Promise<void> }[] = [
    { name: 'home', route: '/', ready: () => page.getByTestId('workspace-list').waitFor() },
    {
      name: 'topics',
      route: topicRoute,
      ready: async () => {
        await page.getByTestId('topic-view').waitFor();
        await expect.poll(() => page.getByTestId('focus-point').count()).toBe(FIXTURE.topics[0]!.focusPoints.length);
      },
    },
    { name: 'members', route: `/w/${id}/members`, ready: () => page.getByTestId('members-table').waitFor() },
    { name: 'meeting', route: meetingRoute, ready: () => page.getByTestId('meeting-view').waitFor() },
    { name: 'practice', route: `/w/${id}/practices`, ready: () => page.getByTestId('practice-view').waitFor() },
    { name: 'settings', route: `/w/${id}/settings`, ready: () => page.getByTestId('settings').waitFor() },
  ];

  const tooWide: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const screen of screens) {
      await goTo(page, screen.route);
      await screen.ready();
      // No hover styling from the last click in the picture.
      await page.mouse.move(size.width - 1, size.height - 1);
      expect(await page.evaluate(() => window.innerWidth)).toBe(size.width);
      const file = path.join(SCREENS_DIR, `${size.name}-${size.width}x${size.height}-${screen.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const { excess, culprits } = await overflow(page);
      if (excess > 0) tooWide.push(`${size.name} ${screen.name}: ${excess}px too wide (${culprits.join(', ')})`);
    }
  }
  expect(tooWide).toEqual([]);
  expectCleanPages(browser);
});
