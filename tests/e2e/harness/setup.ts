// setupFiles of the e2e project: after each test file, close every browser it
// launched and remove the temp profiles, even when a test failed half-way; and fail the file
// if any page it loaded broke the site's Content Security Policy.
import { afterAll, expect } from 'vitest';
import { closeAllBrowsers, cspViolationsSoFar } from './browser';

afterAll(async () => {
  await closeAllBrowsers();
  expect(cspViolationsSoFar().map((v) => `${v.text} [at ${v.url}]`), 'Content Security Policy violations').toEqual([]);
});
