// Opening a topic of many focus points (docs/performance.md, figure 8): in the app, a click on the
// topic's link in the list until all its points are in the DOM and painted; the floor page
// (bench/lab/rows.tsx) does the same with Solid alone, from the same points as plain data.
import type { Page } from 'playwright-core';
import { probe, sleep, withTimeout } from './pages';

export interface OpenTimes {
  clickAt: number;
  domAt: number;
  paintAt: number;
}

/** Click the index-th topic link; resolves when the topic's `count` points, `firstId` first, are painted. */
export async function openTopic(page: Page, index: number, count: number, firstId: string): Promise<OpenTimes> {
  await page.bringToFront();
  await probe(page, (bench, want) => bench.rows.watch(want), { count, firstId });
  await page.getByTestId('topic-link').nth(index).click();
  const times = await withTimeout(probe<OpenTimes>(page, (bench) => bench.rows.pending), 60_000, `topic ${index + 1} with ${count} points`);
  // Anything the page does after painting (effects, idle work) is over before the next click.
  await sleep(300);
  return times;
}
