// `npm run bench`: the benchmarks, in a vitest configuration of their own so that `npm test`
// (vite.config.ts's projects) never runs them and their output never touches
// test-results/results.json. vitest is used only to run TypeScript (the model, the generator)
// in Node; every figure about the browser is measured in Chromium (bench/run.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['bench/bench.test.ts'],
    environment: 'node',
    // One long test; the bench prints its own progress and table.
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
    disableConsoleIntercept: true,
    reporters: ['default'],
  },
});
