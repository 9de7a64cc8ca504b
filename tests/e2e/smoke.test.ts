import { expect, test } from 'vitest';
import { launchBrowser, openApp, pageProblems } from './harness/browser';

test('the built app opens: it has a title and a #root element', async () => {
  const browser = await launchBrowser();
  const page = await openApp(browser, '/');

  expect((await page.title()).trim()).not.toBe('');
  expect(await page.locator('#root').count()).toBe(1);

  // Not asserted here (the smoke test checks only that the site is served and
  // loads); shown so a broken app is visible in the output.
  const problems = pageProblems(browser);
  if (problems.length > 0) console.warn('[smoke] page problems:', problems);
});
