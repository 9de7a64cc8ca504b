// setupFiles of the e2e project: after each test file, close every browser it
// launched and remove the temp profiles, even when a test failed half-way; fail the file
// if any page it loaded broke the site's Content Security Policy; after a failed test, print
// the WebRTC diagnostics of the browsers still open; and write every WebRTC diagnostics line of
// the file to test-results/webrtc/<file>.log (and to the output, when a silent link was made again).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, expect } from 'vitest';
import { closeAllBrowsers, cspViolationsSoFar, dumpConnectionDiagnostics, noteFile, noteTest, takeFileConnectionLog } from './browser';

// This module runs again before each test file, before the file's own hooks.
const fileName = path.basename(expect.getState().testPath ?? 'unknown.test.ts');
noteFile(fileName);

// A failed test prints what each live browser's WebRTC connections did and where they are.
beforeEach(({ task, onTestFailed }) => {
  noteTest(task.name);
  onTestFailed(async () => {
    const dump = await dumpConnectionDiagnostics();
    if (dump) console.error(`WebRTC diagnostics after "${task.name}" failed:\n${dump}`);
  });
});

afterAll(async () => {
  await closeAllBrowsers();
  // Every connection event of this file, also when every test passed (a slow join is read here).
  const lines = takeFileConnectionLog(fileName);
  if (lines.length > 0) {
    mkdirSync('test-results/webrtc', { recursive: true });
    writeFileSync(path.join('test-results/webrtc', `${fileName.replace(/\.test\.ts$/, '')}.log`), `${lines.join('\n')}\n`);
  }
  // A link that broke one way is made again and its test passes (docs/sync.md, SILENT_LINK_MS):
  // its story goes to the run's output too, as CI keeps nothing else of a fresh clone.
  const silent = lines.findIndex((line) => line.includes('Tavola closes a connection on which the partner answered nothing'));
  if (silent >= 0) {
    const test = lines[silent]!.split(' | ')[1];
    const story = lines.slice(0, silent + 1).filter((line) => line.split(' | ')[1] === test).slice(-80);
    console.log(`[webrtc] ${fileName}: a link on which the partner answered nothing was made again, in "${test}":\n${story.join('\n')}`);
  }
  expect(cspViolationsSoFar().map((v) => `${v.text} [at ${v.url}]`), 'Content Security Policy violations').toEqual([]);
});
