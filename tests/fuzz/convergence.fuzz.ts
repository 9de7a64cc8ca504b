import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeFailure, runMany, summaryLine } from './harness';

/**
 * The full-size fuzz: `npm run fuzz -- --runs N --seed S` (scripts/fuzz.mjs) runs this file in
 * vitest's 'fuzz' project with FUZZ_RUNS, FUZZ_SEED and FUZZ_REPORT (where to write the summary)
 * set, and FUZZ_TRACE=1 to print every operation. `npm test` runs 300 seeds of the same harness
 * from tests/unit/fuzz.test.ts instead.
 */

const runs = Number(process.env.FUZZ_RUNS || 1000);
const seed = Number(process.env.FUZZ_SEED || 1);
const trace = process.env.FUZZ_TRACE === '1';

// The 'fuzz' project exists only when the script sets FUZZ_RUNS (vite.config.ts).
it(`converges: ${runs} seeded runs from seed ${seed}`, () => {
  const summary = runMany(runs, seed, { trace });
  const failures = summary.failures.map((f) => ({ ...f, trace: [], text: describeFailure(f) }));
  if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ ...summary, failures }));
  if (trace) for (const run of summary.traces) console.log(`seed ${run.seed}\n${run.trace.join('\n')}`);
  console.log(summaryLine(summary));
  expect(failures.map((f) => f.text).join('\n\n')).toBe('');
}, 3_600_000);
