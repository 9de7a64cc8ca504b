// The benchmarks (`npm run bench`, docs/performance.md) at small sizes, so they never rot: the
// same code as the full run (bench/run.ts), on the app this e2e run built, with its relay. It
// checks only that every figure was produced, never how fast anything was.
import { expect, inject, test } from 'vitest';
import { runBench, SMOKE } from '../../bench/run';
import { baseUrl } from './harness/browser';

test('the benchmarks run at small sizes and produce every figure, each beside its floor', async () => {
  // Fails with the build's own error when the e2e setup could not build or serve the app.
  baseUrl();
  const results = await runBench({ ...SMOKE, app: { dir: inject('e2eOutDir'), relayUrl: inject('e2eRelayUrl') }, log: () => undefined });
  expect(results.figures.map((figure) => figure.id)).toEqual([
    'coldOpen',
    'coldOpenLarge',
    'newPeerConnection',
    'newPeerConnectionWarmFloor',
    'newPeerConnectionLarge',
    'newPeerLink',
    'keystrokeMedian',
    'keystrokeP99',
    'keystrokeTypedMedian',
    'keystrokeTypedP99',
    'keystrokePaintMedian',
    'keystrokePaintP99',
    'callPaintMedian',
    'callPaintP99',
    'topicOpen',
    'search',
    'bundle',
    'routeChunk',
    'docxChunk',
    'heap',
    'storedAfterEdits',
    'storedAfterReloads',
    'keeperReceive',
    'keeperFanout',
    'keeperFanoutRedis',
  ]);
  for (const figure of results.figures) {
    for (const [what, value] of [['value', figure.value], ['floor', figure.floor], ['ratio', figure.ratio]] as const) {
      expect(Number.isFinite(value) && value > 0, `${figure.id} ${what}: ${value}`).toBe(true);
    }
  }
  expect(results.table.split('\n')).toHaveLength(results.figures.length + 2);
}, 360_000);
