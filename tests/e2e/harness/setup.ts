// setupFiles of the e2e project: after each test file, close every browser it
// launched and remove the temp profiles, even when a test failed half-way.
import { afterAll } from 'vitest';
import { closeAllBrowsers } from './browser';

afterAll(async () => {
  await closeAllBrowsers();
});
