// Small helpers of the bench (bench/run.ts and its stages): statistics, waiting, and driving the
// pages of a bench browser: the probe (bench/lib/probe.js) and the lab page (bench/lab/lab.ts).
import type { Page } from 'playwright-core';
import type { Lab } from '../lab/lab';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
};
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (d: number) => Math.round(d * 100) / 100;

/** Median, p99 and max of a list of delays, and the delays themselves (results.json keeps them). */
export function summary(delays: number[]): { median: number; p99: number; max: number; delays: number[] } {
  return { median: median(delays), p99: percentile(delays, 0.99), max: Math.max(...delays), delays: delays.map(round2) };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string, explain?: () => Promise<string>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void (explain?.() ?? Promise.resolve(''))
        .catch(() => '')
        .then((why) => reject(new Error(`Timed out after ${ms} ms waiting for ${what}${why ? `: ${why}` : ''}`)));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function waitFor(condition: () => Promise<boolean>, ms: number, what: string, interval = 50): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await sleep(interval);
  }
}

/** Call a method of the lab page (bench/lab/lab.ts). */
export function lab<M extends keyof Lab>(page: Page, method: M, ...args: Parameters<Lab[M]>): Promise<Awaited<ReturnType<Lab[M]>>> {
  return page.evaluate(([m, a]) => (window as unknown as { __lab: Record<string, (...x: unknown[]) => unknown> }).__lab[m]!(...a), [method, args] as const) as Promise<
    Awaited<ReturnType<Lab[M]>>
  >;
}

/**
 * Call `fn(window.__bench, arg)` in a page (bench/lib/probe.js). Sent as an expression, which
 * Playwright evaluates through CDP: no `eval` in the page, so an app's Content-Security-Policy
 * cannot stop it. `fn` must be self-contained and `arg` JSON.
 */
export function probe<T>(page: Page, fn: (bench: any, arg: any) => T | Promise<T>, arg?: unknown): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__bench, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`) as Promise<T>;
}

/** What the page shows, when a wait went wrong. */
export async function describePage(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      `${location.hash}; ${document.querySelectorAll('[data-testid=topic-link]').length} topics, ${document.querySelectorAll('[data-testid=focus-point]').length} points; ` +
      `"${document.body.innerText.replace(/\s+/g, ' ').slice(0, 300)}"`,
  );
}

/** Resolves with the probe's "shown" times (ms since the page's navigation started). */
export function waitShown(page: Page, ms: number): Promise<{ domAt: number; paintAt: number }> {
  return withTimeout(
    probe(page, (bench) => bench.shown.promise.then((s: { domAt: number; paintAt: number }) => ({ domAt: s.domAt, paintAt: s.paintAt }))),
    ms,
    'the workspace screen (every topic, the first topic\'s points)',
    () => describePage(page),
  );
}

/** A raw RTCDataChannel between two bench pages (in two browsers), signalled through here. */
export async function connectRaw(a: Page, b: Page, label: string): Promise<void> {
  const offer = await probe(a, (bench, l) => bench.rtc.offer(l), label);
  const answer = await probe(b, (bench, x) => bench.rtc.answer(x.label, x.sdp), { label, sdp: offer });
  await probe(a, (bench, x) => bench.rtc.accept(x.label, x.sdp), { label, sdp: answer });
  await withTimeout(Promise.all([probe(a, (bench, l) => bench.rtc.opened(l), label), probe(b, (bench, l) => bench.rtc.opened(l), label)]), 20_000, `raw data channel ${label}`);
}

export interface ClockOffset {
  offset: number;
  spread: number;
  rttMin: number;
  rttMedian: number;
}

/** B's clock minus A's, measured over a new raw channel `label` between the two pages. */
export async function clockOffset(a: Page, b: Page, label: string): Promise<ClockOffset> {
  await connectRaw(a, b, label);
  await probe(b, (bench, l) => bench.rtc.echo(l), label);
  return probe(a, (bench, l) => bench.rtc.calibrate(l, 200), label);
}

/** Updates as one string for the lab page: each a uint32 length (big-endian) and its bytes, base64. */
export function pack(updates: Uint8Array[]): string {
  return packBytes(updates).toString('base64');
}

/** The same, as bytes (for a file the lab page fetches). */
export function packBytes(updates: Uint8Array[]): Buffer {
  const buffer = Buffer.alloc(updates.reduce((n, u) => n + 4 + u.byteLength, 0));
  let at = 0;
  for (const update of updates) {
    buffer.writeUInt32BE(update.byteLength, at);
    buffer.set(update, at + 4);
    at += 4 + update.byteLength;
  }
  return buffer;
}
