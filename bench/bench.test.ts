// `npm run bench` (bench/vitest.config.ts): the full benchmark, its table printed and written
// with every measurement to bench/results.json. TAVOLA_BENCH=smoke runs the small sizes instead
// (what tests/e2e/bench-smoke.test.ts runs inside `npm test`), without writing results.json.
import { test } from 'vitest';
import { FULL, SMOKE, runBench } from './run';

test('benchmarks', async () => {
  const smoke = process.env.TAVOLA_BENCH === 'smoke';
  const results = await runBench({
    ...(smoke ? SMOKE : FULL),
    outDir: 'bench/dist',
    resultsFile: smoke ? 'bench/dist/smoke-results.json' : 'bench/results.json',
  });
  console.log(`\n${results.table}\n\nWhere the time goes:\n\n${results.stagesTable}\n`);
  console.log(`Workspace: ${results.workspace.expected.topics} topics, ${results.workspace.expected.livePoints} focus points, ${results.workspace.updates} stored updates in ${results.workspace.sessions} sessions.`);
  console.log(`Run time ${(results.durationMs / 1000).toFixed(0)} s (${Object.entries(results.phasesMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`).join(', ')}).`);
  if (!smoke) console.log('Every measurement: bench/results.json');
});
