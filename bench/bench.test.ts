// `npm run bench` (bench/vitest.config.ts): the full benchmark, its table printed and written
// with every measurement to bench/results.json. TAVOLA_BENCH=smoke runs the small sizes instead
// (what tests/e2e/bench-smoke.test.ts runs inside `npm test`), without writing results.json.
// TAVOLA_BENCH_LARGE_SCALE sets the scale of the large workspace (figures 9).
// TAVOLA_BENCH_ONLY=keeper runs the keeper's figures alone (with the builds they need), writing
// bench/dist/keeper-results.json (bench/dist/smoke-keeper-results.json with TAVOLA_BENCH=smoke).
import { test } from 'vitest';
import { FULL, SMOKE, runBench, runKeeperBench } from './run';

test('benchmarks', async () => {
  const smoke = process.env.TAVOLA_BENCH === 'smoke';
  const options = smoke ? SMOKE : FULL;
  // TAVOLA_BENCH_LARGE_SCALE=8: the large workspace at 8× (about 50 MB) instead of 5×.
  const scale = Number(process.env.TAVOLA_BENCH_LARGE_SCALE ?? options.large.scale);
  if (!(Number.isInteger(scale) && scale >= 1)) throw new Error(`TAVOLA_BENCH_LARGE_SCALE must be a whole number ≥ 1, not ${process.env.TAVOLA_BENCH_LARGE_SCALE}`);
  const only = process.env.TAVOLA_BENCH_ONLY;
  if (only !== undefined && only !== 'keeper') throw new Error(`TAVOLA_BENCH_ONLY can only be keeper, not ${only}`);
  const results = only === 'keeper'
    ? await runKeeperBench({ ...options, outDir: 'bench/dist/keeper-only', resultsFile: `bench/dist/${smoke ? 'smoke-' : ''}keeper-results.json` })
    : await runBench({
        ...options,
        large: { ...options.large, scale },
        outDir: 'bench/dist',
        resultsFile: smoke ? 'bench/dist/smoke-results.json' : 'bench/results.json',
      });
  console.log(`\n${results.table}\n\nWhere the time goes:\n\n${results.stagesTable}\n`);
  console.log(`Workspace: ${results.workspace.expected.topics} topics, ${results.workspace.expected.livePoints} focus points, ${results.workspace.updates} stored updates in ${results.workspace.sessions} sessions.`);
  console.log(`Run time ${(results.durationMs / 1000).toFixed(0)} s (${Object.entries(results.phasesMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`).join(', ')}).`);
  if (!smoke) console.log(`Every measurement: ${only === 'keeper' ? 'bench/dist/keeper-results.json' : 'bench/results.json'}`);
});
