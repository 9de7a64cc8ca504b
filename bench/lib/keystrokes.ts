// Keystrokes from A to B, timed across the two browser processes (docs/performance.md, figures
// 3 and 7): the app's (A types with CDP input events, B's field shows the text, then paints) and
// the floor's (bare y-webrtc between two lab pages: Y.Text.insert in A → observe in B).
import type { Page } from 'playwright-core';
import { lab, probe, sleep, waitFor, type ClockOffset } from './pages';

/** Unmeasured keystrokes typed before the measured ones, by the app and by the floor. */
export const WARM_UP_KEYS = 10;
export const CHARS = 'port cities act together at eu level ';

export interface KeystrokeOptions {
  keystrokes: number;
  keyIntervalMs: number;
  /** Where the typing is, for a timeout's message (bench/lib/call.ts): set before each step that waits on a page. */
  progress?: { step: string };
}

/** The floor: `keystrokes` updates into the point's text in A's lab page; each one's delay until B's document has it. */
export async function typeInLab(labA: Page, labB: Page, pointId: string, clock: ClockOffset, options: KeystrokeOptions): Promise<number[]> {
  // A few unmeasured keystrokes first, so that neither side's first, unoptimised run of its
  // code counts (the same for the app below).
  await lab(labA, 'typeInto', pointId, WARM_UP_KEYS, options.keyIntervalMs, CHARS);
  const [typed] = await lab(labA, 'textLengths', [pointId]);
  await waitFor(async () => (await lab(labB, 'textLengths', [pointId]))[0] === typed, 30_000, 'B\'s lab page to have the warm-up updates');
  await sleep(200);
  const base = await lab(labB, 'watchText', pointId);
  const sent = await lab(labA, 'typeInto', pointId, options.keystrokes, options.keyIntervalMs, CHARS);
  await waitFor(async () => ((await lab(labB, 'seenText')).at(-1)?.length ?? 0) >= base + options.keystrokes, 30_000, 'the floor\'s last update');
  const seen = await lab(labB, 'seenText');
  return sent.map((sentAt, i) => {
    const arrived = seen.find((entry) => entry.length >= base + i + 1);
    return arrived ? arrived.at - clock.offset - sentAt : NaN;
  });
}

/**
 * The typed floor (for information): the same bare y-webrtc pages, but A's keys are typed (CDP
 * input events, as for the app) into a plain `<textarea>` whose input listener inserts each
 * character into the point's Y.Text; key down in A → observe in B. What the app adds to a
 * keystroke is what it takes beyond this.
 */
export async function typeInLabField(labA: Page, labB: Page, pointId: string, clock: ClockOffset, options: KeystrokeOptions): Promise<{ delays: number[]; browser: number[] }> {
  await lab(labA, 'typedField', pointId);
  const field = labA.locator('#typed');
  await field.click();
  await field.press('End');
  const press = (i: number) => labA.keyboard.press(CHARS[i % CHARS.length] === ' ' ? 'Space' : CHARS[i % CHARS.length]!);
  for (let i = 0; i < WARM_UP_KEYS; i++) {
    await press(i);
    await sleep(options.keyIntervalMs);
  }
  const [typed] = await lab(labA, 'textLengths', [pointId]);
  await waitFor(async () => (await lab(labB, 'textLengths', [pointId]))[0] === typed, 30_000, 'B\'s lab page to have the typed warm-up');
  await sleep(200);
  const base = await lab(labB, 'watchText', pointId);
  await probe(labA, (bench) => bench.keys.recordKeydowns());
  let due = performance.now();
  for (let i = 0; i < options.keystrokes; i++) {
    await press(i);
    due += options.keyIntervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await waitFor(async () => ((await lab(labB, 'seenText')).at(-1)?.length ?? 0) >= base + options.keystrokes, 30_000, 'the typed floor\'s last keystroke');
  const sent = await probe<number[]>(labA, (bench) => bench.keys.sent);
  if (sent.length !== options.keystrokes) throw new Error(`A's lab page recorded ${sent.length} keystrokes, not ${options.keystrokes}`);
  const seen = await lab(labB, 'seenText');
  const inputs = await probe<number[]>(labA, (bench) => bench.keys.inputs);
  return {
    delays: sent.map((sentAt, i) => {
      const arrived = seen.find((entry) => entry.length >= base + i + 1);
      return arrived ? arrived.at - clock.offset - sentAt : NaN;
    }),
    // The browser's own part, as for the app: key down → the input event.
    browser: sent.map((sentAt) => (inputs.find((t) => t >= sentAt) ?? NaN) - sentAt),
  };
}

export interface AppKeystrokes {
  /** Key down in A → the text set in B's field, ms, one per keystroke. */
  dom: number[];
  /** Key down in A → the next frame painted in B. */
  paint: number[];
  /** Where the time goes: A until its data channel's next send; the wire until B's channel delivers; B until the field. */
  stages: { a: number[]; wire: number[]; b: number[]; aBrowser: number[]; aApp: number[] };
}

/** The app: A types into its first focus point; B's first focus point field shows each key. */
export async function typeInApp(pageA: Page, pageB: Page, clock: ClockOffset, options: KeystrokeOptions): Promise<AppKeystrokes> {
  const step = (what: string) => {
    if (options.progress) options.progress.step = what;
  };
  const field = pageA.getByTestId('focus-point-text').first();
  step('clicking A\'s field');
  await field.click();
  await field.press('End');
  const press = (i: number) => pageA.keyboard.press(CHARS[i % CHARS.length] === ' ' ? 'Space' : CHARS[i % CHARS.length]!);
  for (let i = 0; i < WARM_UP_KEYS; i++) {
    step(`pressing warm-up key ${i + 1} of ${WARM_UP_KEYS} in A`);
    await press(i);
    await sleep(options.keyIntervalMs);
  }
  step('reading A\'s field after the warm-up');
  const warmedLength = await field.evaluate((el: HTMLTextAreaElement) => el.value.length);
  step('waiting for B to show the warm-up');
  await waitFor(
    async () => (await pageB.getByTestId('focus-point-text').first().evaluate((el: HTMLTextAreaElement) => el.value.length)) === warmedLength,
    30_000,
    'B to show the warm-up keystrokes',
  );
  step('setting up the probes');
  const base = await probe<number>(pageB, (bench) => bench.keys.watchField(0));
  await probe(pageA, (bench) => bench.keys.recordKeydowns());
  for (const page of [pageA, pageB]) await probe(page, (bench) => Object.assign(bench.rtcTap, { recording: true, sent: [], received: [] }));
  let due = performance.now();
  for (let i = 0; i < options.keystrokes; i++) {
    step(`pressing key ${i + 1} of ${options.keystrokes} in A`);
    await press(i);
    due += options.keyIntervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  step('waiting for the last keystroke in B');
  await waitFor(
    async () => (await probe(pageB, (bench) => bench.keys.seen.at(-1)?.length ?? 0)) >= base + options.keystrokes,
    30_000,
    'the last keystroke in B',
  );
  await sleep(200);
  step('reading the probes');
  for (const page of [pageA, pageB]) await probe(page, (bench) => Object.assign(bench.rtcTap, { recording: false }));
  const sent = await probe<number[]>(pageA, (bench) => bench.keys.sent);
  const seen = await probe<{ length: number; domAt: number; paintAt: number | null }[]>(pageB, (bench) => bench.keys.seen);
  if (sent.length !== options.keystrokes) throw new Error(`A recorded ${sent.length} keystrokes, not ${options.keystrokes}`);
  const aSends = await probe<number[]>(pageA, (bench) => bench.rtcTap.sent);
  const bReceived = await probe<number[]>(pageB, (bench) => bench.rtcTap.received);
  const firstAfter = (times: number[], at: number) => times.find((t) => t >= at) ?? NaN;
  const inputs = await probe<number[]>(pageA, (bench) => bench.keys.inputs);
  const result: AppKeystrokes = { dom: [], paint: [], stages: { a: [], wire: [], b: [], aBrowser: [], aApp: [] } };
  sent.forEach((sentAt, i) => {
    const arrived = seen.find((entry) => entry.length >= base + i + 1);
    result.dom.push(arrived ? arrived.domAt - clock.offset - sentAt : NaN);
    result.paint.push(arrived?.paintAt ? arrived.paintAt - clock.offset - sentAt : NaN);
    const sendAt = firstAfter(aSends, sentAt);
    const receivedAt = firstAfter(bReceived, sendAt + clock.offset) - clock.offset;
    result.stages.a.push(sendAt - sentAt);
    // A's stage in two: the browser's own work until the input event, then the app's until the send.
    const inputAt = firstAfter(inputs, sentAt);
    result.stages.aBrowser.push(inputAt - sentAt);
    result.stages.aApp.push(sendAt - inputAt);
    result.stages.wire.push(receivedAt - sendAt);
    result.stages.b.push(arrived ? arrived.domAt - clock.offset - receivedAt : NaN);
  });
  return result;
}
