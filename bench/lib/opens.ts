// Opening a workspace, timed (docs/performance.md, figures 1, 2 and their growth at 5×): cold
// opens (a new browser process on the profile that holds it, the app and the floor page in
// turn), new peers (each a new browser opening the share link while A has the workspace open),
// and the raw-channel floor of a new peer.
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import type { Lab } from '../lab/lab';
import { blankPage, heapAfterGc, openBenchPage, type Browsers, type ProbeConfig } from './browser';
import { describePage, lab, probe, connectRaw, sleep, waitShown, withTimeout } from './pages';
import { BENCH_PREFIX } from './server';

/** What every stage of a run shares. */
export interface Run {
  browsers: Browsers;
  /** The bench server's address (the app at `/`, the bench's pages under BENCH_PREFIX); ends with `/`. */
  base: string;
  labUrl: string;
  relayUrl: string;
  log: (line: string) => void;
}

/** A workspace the bench stored in a profile: where it is, how to open it, how to join it. */
export interface StoredWorkspace {
  id: string;
  secret: string;
  name: string;
  dbName: string;
  /** `#/w/<id>/topics` */
  url: string;
  shareLink: string;
  profile: string;
  /** A's and B's probe settings: their profiles, and what the complete screen shows. */
  configA: ProbeConfig;
  configB: ProbeConfig;
}

export function newWorkspace(run: Run, name: string, shown: NonNullable<ProbeConfig['shown']>): StoredWorkspace {
  const id = randomBytes(12).toString('base64url');
  const secret = randomBytes(18).toString('base64url');
  return {
    id,
    secret,
    name,
    dbName: `tavola-ws-${id}`,
    url: `${run.base}#/w/${id}/topics`,
    shareLink: `${run.base}#/join/${id}/${secret}`,
    profile: run.browsers.newProfile(),
    configA: { profile: { name: 'Anna', organisation: 'Amsterdam', color: '#1f77b4' }, shown },
    configB: { profile: { name: 'Bruno', organisation: 'Lisbon', color: '#ff7f0e' }, shown },
  };
}

/** The app's list of workspaces in this browser, holding `workspace` (as opening its link would). */
export async function register(labPage: Page, workspace: StoredWorkspace): Promise<void> {
  const now = new Date().toISOString();
  await lab(labPage, 'setLocalStorage', {
    'tavola.workspaces.v1': JSON.stringify([{ id: workspace.id, name: workspace.name, createdAt: now, openedAt: now, secret: workspace.secret }]),
  });
}

export type Sample = Record<string, number>;

/** `count` cold opens of the app and of the floor page (open.html), in turn, each in a new browser process. */
export async function coldOpens(run: Run, workspace: StoredWorkspace, count: number, label = ''): Promise<{ app: Sample[]; floor: Sample[] }> {
  const app: Sample[] = [];
  const floor: Sample[] = [];
  for (let i = 0; i < count; i++) {
    {
      const context = await run.browsers.launch(workspace.configA, workspace.profile);
      const page = await blankPage(context);
      await page.goto(workspace.url, { waitUntil: 'commit' });
      const shown = await waitShown(page, 180_000);
      const marks = await probe(page, (bench, name) => {
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const opened = bench.idb.opens.find((entry: { name: string }) => entry.name === name);
        const read = bench.idb.getAll.find((entry: { store: string }) => entry.store === 'updates');
        // The app's last: dropEmptyUpdates, right after y-indexeddb applied the stored updates
        // (the first is public/read-early.js's, before the app's code ran).
        const cursor = bench.idb.cursors.filter((entry: { store: string }) => entry.store === 'updates').at(-1);
        return {
          openAt: opened?.at ?? NaN,
          loadedAt: cursor?.at ?? NaN,
          openedAt: cursor?.doneAt ?? NaN,
          responseEnd: navigation?.responseEnd ?? NaN,
          domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
          readStartAt: read?.at ?? NaN,
          readAt: read?.doneAt ?? NaN,
          updates: read?.count ?? NaN,
          fromServiceWorker: navigator.serviceWorker?.controller ? 1 : 0,
        };
      }, workspace.dbName);
      await sleep(500);
      const heap = await heapAfterGc(context, page);
      app.push({ ...marks, domAt: shown.domAt, paintAt: shown.paintAt, heap });
      await run.browsers.close(context);
    }
    {
      const context = await run.browsers.launch(workspace.configA, workspace.profile);
      const page = await openBenchPage(context, `${run.base}${BENCH_PREFIX.slice(1)}open.html?db=${workspace.dbName}`, await blankPage(context));
      const result = await withTimeout(
        page.evaluate(() => (window as unknown as { __floor: Promise<Record<string, number>> }).__floor),
        180_000,
        'the floor page to open the workspace',
      );
      const marks = await probe(page, (bench, name) => ({
        responseEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
        openAt: bench.idb.opens.find((entry: { name: string }) => entry.name === name)?.at ?? NaN,
      }), workspace.dbName);
      await sleep(500);
      const heap = await heapAfterGc(context, page);
      floor.push({ ...result, ...marks, heap });
      await run.browsers.close(context);
    }
    run.log(`cold open${label} ${i + 1}/${count}: app ${app.at(-1)!.paintAt!.toFixed(0)} ms, floor ${floor.at(-1)!.paintAt!.toFixed(0)} ms`);
  }
  return { app, floor };
}

/** A's browser on the workspace's profile, with the app open on the workspace, complete. */
export async function openA(run: Run, workspace: StoredWorkspace): Promise<{ contextA: BrowserContext; pageA: Page }> {
  const contextA = await run.browsers.launch(workspace.configA, workspace.profile);
  const pageA = await blankPage(contextA);
  await pageA.goto(workspace.url, { waitUntil: 'commit' });
  await waitShown(pageA, 180_000);
  return { contextA, pageA };
}

/**
 * `count` new peers: A has the workspace open; each sample is a new browser B opening the share
 * link. The last B stays open. With `whole` (A's snapshot, lab.snapshot), each B's stored
 * document must come to equal A's.
 */
export async function newPeers(
  run: Run,
  workspace: StoredWorkspace,
  count: number,
  options: { label?: string; whole?: string } = {},
): Promise<{ samples: Sample[]; contextB: BrowserContext; pageB: Page }> {
  const samples: Sample[] = [];
  let contextB: BrowserContext | null = null;
  let pageB: Page | null = null;
  for (let i = 0; i < count; i++) {
    if (contextB) {
      await run.browsers.close(contextB);
      // A notices that B left before the next one comes.
      await sleep(1_000);
    }
    contextB = await run.browsers.launch(workspace.configB);
    pageB = await blankPage(contextB);
    await pageB.goto(workspace.shareLink, { waitUntil: 'commit' });
    // TAVOLA_BENCH_DEBUG=1: say what B shows every 2 s while it waits (when a new peer hangs).
    const watching = pageB;
    const debug = process.env.TAVOLA_BENCH_DEBUG ? setInterval(() => void describePage(watching).then((d) => run.log(`B: ${d}`)).catch(() => undefined), 2000) : undefined;
    const shown = await waitShown(pageB, 240_000).finally(() => clearInterval(debug));
    const tap = await probe(pageB, (bench) => ({ ...bench.rtcTap }));
    const sample: Sample = {
      linkToShown: shown.paintAt,
      openAt: tap.openAt,
      connectionToShown: shown.paintAt - tap.openAt,
      // NaN when the state fitted in one message (no frames: a small workspace).
      stateFirstFrameAt: tap.frames.firstAt ?? NaN,
      stateLastFrameAt: tap.frames.lastAt ?? NaN,
      stateBytes: tap.frames.total,
      domAt: shown.domAt,
      lastMessageAt: tap.lastMessageAt,
      bytesIn: tap.bytesIn,
    };
    if (options.whole) Object.assign(sample, await wholeInB(contextB, run.labUrl, workspace.dbName, options.whole));
    samples.push(sample);
    run.log(
      `new peer${options.label ?? ''} ${i + 1}/${count}: link → shown ${shown.paintAt.toFixed(0)} ms, connection → shown ${(shown.paintAt - tap.openAt).toFixed(0)} ms, ${tap.bytesIn} bytes in` +
        (options.whole ? `; B's stored document equals A's (${sample.wholeStateBytes} bytes)` : ''),
    );
  }
  return { samples, contextB: contextB!, pageB: pageB! };
}

/** Waits until B's stored document equals A's snapshot; fails if it does not within a minute. */
async function wholeInB(contextB: BrowserContext, labUrl: string, dbName: string, snapshot: string): Promise<Sample> {
  const labB = await openBenchPage(contextB, labUrl);
  const started = performance.now();
  try {
    for (;;) {
      const same = await lab(labB, 'sameAs', dbName, snapshot);
      if (same.equal) return { wholeStateBytes: same.stateBytes, wholeCheckMs: performance.now() - started };
      if (performance.now() - started > 60_000) {
        throw new Error(`the new peer's document is not A's a minute after its screen was complete: B's database holds ${same.stateBytes} bytes of state`);
      }
      await sleep(1_000);
    }
  } finally {
    await labB.close();
  }
}

type RawSample = Awaited<ReturnType<Lab['pullState']>>;

/**
 * The raw-channel floor of a new peer: a lab page in A's browser sends the stored state to one in
 * a new browser B, `count` times, each B new as each of the app's new peers is (a page that has
 * pulled before applies the next state with Yjs's code optimised and the channel's congestion
 * window open: 345–464 ms to apply where its first pull took 826 ms, docs/performance.md). With
 * `warm`, also `warm` pulls in one page of `contextB` one after the other, as the floor was taken
 * until 2026-12-07 (shown for information).
 */
export async function rawTransfers(
  run: Run,
  contextA: BrowserContext,
  workspace: StoredWorkspace,
  count: number,
  warm?: { contextB: BrowserContext; count: number },
): Promise<{ labA: Page; stateBytes: number; samples: RawSample[]; warmSamples: RawSample[] }> {
  const labA = await openBenchPage(contextA, run.labUrl);
  const loaded = await lab(labA, 'load', workspace.dbName);
  const samples: RawSample[] = [];
  for (let i = 0; i < count; i++) {
    const contextB = await run.browsers.launch(workspace.configB);
    const label = `raw-${i}`;
    try {
      const labB = await openBenchPage(contextB, run.labUrl);
      await connectRaw(labA, labB, label);
      await lab(labA, 'serveState', label);
      samples.push(await lab(labB, 'pullState', label));
    } finally {
      await run.browsers.close(contextB);
      await probe(labA, (bench, l) => bench.rtc.close(l), label);
    }
  }
  const warmSamples: RawSample[] = [];
  if (warm) {
    const labB = await openBenchPage(warm.contextB, run.labUrl);
    await connectRaw(labA, labB, 'raw-warm');
    await lab(labA, 'serveState', 'raw-warm');
    for (let i = 0; i < warm.count; i++) warmSamples.push(await lab(labB, 'pullState', 'raw-warm'));
    await labB.close();
    await probe(labA, (bench, l) => bench.rtc.close(l), 'raw-warm');
  }
  return { labA, stateBytes: loaded.bytes, samples, warmSamples };
}
