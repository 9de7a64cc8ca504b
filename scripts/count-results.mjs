#!/usr/bin/env node
// Reads vitest's JSON report and prints its counts, the last line exactly
// `N passed, N failed`. Exits 1 when the report is missing or unreadable, when a
// test or a test file failed, or when no test ran at all.
//
// Usage: node scripts/count-results.mjs [test-results/results.json]
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/results.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`count-results: cannot read ${file}: ${err.message}`);
  process.exit(1);
}

const num = (key) => (Number.isInteger(report[key]) ? report[key] : 0);
const passed = num('numPassedTests');
const failed = num('numFailedTests');
const skipped = num('numPendingTests') + num('numTodoTests');
const failedFiles = num('numFailedTestSuites');

let ok = true;
if (skipped > 0) console.log(`(${skipped} skipped or todo)`);
if (failedFiles > 0) {
  // A file that fails to load or whose hooks throw counts no failed test, only a failed suite.
  console.log(`(${failedFiles} test file(s) or suite(s) failed)`);
  ok = false;
}
if (passed + failed === 0) {
  console.log('(no test ran)');
  ok = false;
}
if (failed > 0 || report.success === false) ok = false;

console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
