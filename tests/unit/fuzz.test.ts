import { expect, it } from 'vitest';
import { describeFailure, runMany, summaryLine } from '../fuzz/harness';

/**
 * 300 seeds of the convergence fuzz (tests/fuzz/harness.ts) in every `npm test`; `npm run fuzz --
 * --runs 10000` runs the same harness at full size. A failure names each failing seed and the
 * command that replays it.
 */
it('300 seeded fuzz runs converge, with nothing duplicated or lost', () => {
  const summary = runMany(300, 1);
  console.log(`${summaryLine(summary)} (${(summary.ms / 1000).toFixed(1)} s)`);
  expect(summary.failures.map(describeFailure).join('\n\n')).toBe('');
}, 120_000);
