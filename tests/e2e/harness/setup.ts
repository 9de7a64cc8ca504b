// setupFiles of the e2e project: after each test file, close every browser it
// launched and remove the temp profiles, even when a test failed half-way; fail the file
// if any page it loaded broke the site's Content Security Policy; and after a failed test, print
// the WebRTC diagnostics of the browsers still open.
import { afterAll, beforeEach, expect } from 'vitest';
import { closeAllBrowsers, cspViolationsSoFar, dumpConnectionDiagnostics } from './browser';

// A failed test prints what each live browser's WebRTC connections did and where they are.
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const dump = await dumpConnectionDiagnostics();
    if (dump) console.error(`WebRTC diagnostics after "${task.name}" failed:\n${dump}`);
  });
});

afterAll(async () => {
  await closeAllBrowsers();
  expect(cspViolationsSoFar().map((v) => `${v.text} [at ${v.url}]`), 'Content Security Policy violations').toEqual([]);
});
