// The benchmarks (docs/performance.md): every figure about the browser measured on the BUILT app
// in Chromium, each beside its floor, the same work done by the bare libraries in the same run,
// on the same machine, and the ratio of the two. `npm run bench` runs FULL (bench/bench.test.ts);
// tests/e2e/bench-smoke.test.ts runs SMOKE inside `npm test` so that this never rots.
//
// The order of the run:
//  1. a relay, three production builds (the app, the lab pages, the bundle floor) and, meanwhile,
//     the workspace and its history (bench/generate.ts);
//  2. browser A: the history stored through y-indexeddb (lab page), stored bytes; the app opened
//     and reloaded `reloads` times, stored bytes again;
//  3. cold opens: a new Chromium process on A's profile for each sample, the app and the floor
//     page in turn; the JS heap of each after garbage collection;
//  4. new peers: A has the app open; each sample is a new browser B opening the share link; then
//     the floors between a lab page in A and one in the last B;
//  5. keystrokes: the floor (bare y-webrtc between the lab pages), then the app (A types, B shows);
//  6. the bundles, from the built files.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { startRelay, type Relay } from '../tests/support/relay';
import { FULL_SIZE, generateWorkspace, type GenerateOptions, type GeneratedWorkspace } from './generate';
import { blankPage, Browsers, heapAfterGc, openBenchPage, type ProbeConfig } from './lib/browser';
import { BENCH_PREFIX, startBenchServer, type BenchServer } from './lib/server';
import type { Lab } from './lab/lab';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** One frame at 60 Hz: the "one frame to paint" of the keystroke target. */
const FRAME_MS = 1000 / 60;
/** Unmeasured keystrokes typed before the measured ones, by the app and by the floor. */
const WARM_UP_KEYS = 10;

export interface BenchOptions {
  sizes: GenerateOptions;
  /** Keystrokes typed in A for the keystroke figure (and updates sent for its floor). */
  keystrokes: number;
  keyIntervalMs: number;
  coldOpens: number;
  newPeers: number;
  rawTransfers: number;
  bareJoins: number;
  reloads: number;
  /** A built app and the relay it was built for (the e2e build); built here when absent. */
  app?: { dir: string; relayUrl: string };
  /** Where the builds go; a temporary folder, removed afterwards, when absent. */
  outDir?: string;
  /** Write the results here (JSON). */
  resultsFile?: string;
  log?: (line: string) => void;
}

export const FULL: BenchOptions = {
  sizes: FULL_SIZE,
  keystrokes: 500,
  keyIntervalMs: 40,
  coldOpens: 5,
  newPeers: 3,
  rawTransfers: 5,
  bareJoins: 3,
  reloads: 30,
};

export const SMOKE: BenchOptions = {
  sizes: { topics: 2, pointsPerTopic: 20, practices: 4, sectionChars: 200, meetings: 3, members: 4, edits: 200, sessionUpdates: 100 },
  keystrokes: 20,
  keyIntervalMs: 40,
  coldOpens: 1,
  newPeers: 1,
  rawTransfers: 1,
  bareJoins: 1,
  reloads: 2,
};

export interface Figure {
  id: string;
  name: string;
  unit: 'ms' | 'KB' | 'MB';
  value: number;
  floor: number;
  floorName: string;
  ratio: number;
  /** The target, in words, and whether this run met it (null: no target, shown for information). */
  target: string;
  met: boolean | null;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; chromium: string; loadAverage: { start: number[]; end: number[] } };
  options: Omit<BenchOptions, 'log' | 'app'> & { prebuiltApp: boolean };
  workspace: GeneratedWorkspace['stats'] & { expected: GeneratedWorkspace['expected'] };
  figures: Figure[];
  details: Record<string, unknown>;
  phasesMs: Record<string, number>;
  durationMs: number;
  table: string;
  stagesTable: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string, explain?: () => Promise<string>): Promise<T> {
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

/** Call a method of the lab page (bench/lab/lab.ts). */
function lab<M extends keyof Lab>(page: Page, method: M, ...args: Parameters<Lab[M]>): Promise<Awaited<ReturnType<Lab[M]>>> {
  return page.evaluate(([m, a]) => (window as unknown as { __lab: Record<string, (...x: unknown[]) => unknown> }).__lab[m]!(...a), [method, args] as const) as Promise<
    Awaited<ReturnType<Lab[M]>>
  >;
}

/**
 * Call `fn(window.__bench, arg)` in a page (bench/lib/probe.js). Sent as an expression, which
 * Playwright evaluates through CDP: no `eval` in the page, so an app's Content-Security-Policy
 * cannot stop it. `fn` must be self-contained and `arg` JSON.
 */
function probe<T>(page: Page, fn: (bench: any, arg: any) => T | Promise<T>, arg?: unknown): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__bench, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`) as Promise<T>;
}

/** What the page shows, when a wait went wrong. */
async function describePage(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      `${location.hash}; ${document.querySelectorAll('[data-testid=topic-link]').length} topics, ${document.querySelectorAll('[data-testid=focus-point]').length} points; ` +
      `"${document.body.innerText.replace(/\s+/g, ' ').slice(0, 300)}"`,
  );
}

/** Resolves with the probe's "shown" times (ms since the page's navigation started). */
function waitShown(page: Page, ms: number): Promise<{ domAt: number; paintAt: number }> {
  return withTimeout(
    probe(page, (bench) => bench.shown.promise.then((s: { domAt: number; paintAt: number }) => ({ domAt: s.domAt, paintAt: s.paintAt }))),
    ms,
    'the workspace screen (every topic, the first topic\'s points)',
    () => describePage(page),
  );
}

/** A raw RTCDataChannel between two bench pages (in two browsers), signalled through here. */
async function connectRaw(a: Page, b: Page, label: string): Promise<void> {
  const offer = await probe(a, (bench, l) => bench.rtc.offer(l), label);
  const answer = await probe(b, (bench, x) => bench.rtc.answer(x.label, x.sdp), { label, sdp: offer });
  await probe(a, (bench, x) => bench.rtc.accept(x.label, x.sdp), { label, sdp: answer });
  await withTimeout(Promise.all([probe(a, (bench, l) => bench.rtc.opened(l), label), probe(b, (bench, l) => bench.rtc.opened(l), label)]), 20_000, `raw data channel ${label}`);
}

/** B's clock minus A's, measured over the raw channel `label`. */
async function clockOffset(a: Page, b: Page, label: string): Promise<{ offset: number; spread: number; rttMin: number; rttMedian: number }> {
  await probe(b, (bench, l) => bench.rtc.echo(l), label);
  return probe(a, (bench, l) => bench.rtc.calibrate(l, 200), label);
}

async function waitFor(condition: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

function buildPage(options: { root: string; outDir: string; base?: string; input?: Record<string, string>; env?: Record<string, string> }): Promise<void> {
  // Drop what vitest puts in the environment, so the child builds for production.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST')) continue;
    env[key] = value;
  }
  Object.assign(env, options.env);
  const args = JSON.stringify({ configFile: path.join(ROOT, 'vite.config.ts'), root: options.root, outDir: options.outDir, base: options.base, input: options.input });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/lib/build.mjs'), args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`build of ${path.relative(ROOT, options.root) || 'the app'} failed (exit ${code}):\n${output}`))));
  });
}

/** The JavaScript and CSS an HTML page loads before anything else, gzipped (zlib's default level). */
export function initialAssets(dir: string, html = 'index.html'): { files: { file: string; bytes: number; gzip: number }[]; bytes: number; gzip: number } {
  const text = readFileSync(path.join(dir, html), 'utf8');
  const urls = [
    ...text.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
    ...text.matchAll(/<link\b[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g),
  ].map((match) => match[1]!);
  const files = urls.map((url) => {
    const relative = url.startsWith(BENCH_PREFIX) ? url.slice(BENCH_PREFIX.length) : url.replace(/^\//, '');
    const content = readFileSync(path.join(dir, relative));
    return { file: relative, bytes: content.byteLength, gzip: gzipSync(content).byteLength };
  });
  return { files, bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
}

function pack(updates: Uint8Array[]): string {
  const buffer = Buffer.alloc(updates.reduce((n, u) => n + 4 + u.byteLength, 0));
  let at = 0;
  for (const update of updates) {
    buffer.writeUInt32BE(update.byteLength, at);
    buffer.set(update, at + 4);
    at += 4 + update.byteLength;
  }
  return buffer.toString('base64');
}

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop() ?? '';
  } catch {
    return 'unknown';
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.log(`[bench] ${line}`));
  const started = performance.now();
  const loadAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const phases: Record<string, number> = {};
  let phaseStart = started;
  const loads: Record<string, number> = {};
  const phase = (name: string) => {
    const at = performance.now();
    phases[name] = Math.round(at - phaseStart);
    loads[name] = Math.round(os.loadavg()[0]! * 100) / 100;
    phaseStart = at;
    log(`${name}: ${((at - started) / 1000).toFixed(1)} s into the run`);
  };
  const outDir = options.outDir ? path.resolve(ROOT, options.outDir) : mkdtempSync(path.join(os.tmpdir(), 'tavola-bench-build-'));
  mkdirSync(outDir, { recursive: true });
  const browsers = new Browsers();
  let relay: Relay | null = null;
  let server: BenchServer | null = null;
  const details: Record<string, unknown> = {};

  try {
    // 1. Relay, builds (child processes) and, meanwhile, the workspace.
    if (!options.app) relay = await startRelay();
    const relayUrl = options.app?.relayUrl ?? relay!.url;
    const appDir = options.app?.dir ?? path.join(outDir, 'app');
    const labDir = path.join(outDir, 'lab');
    const floorDir = path.join(outDir, 'bundle-floor');
    log(`building${options.app ? ' the lab pages and the bundle floor' : ' the app, the lab pages and the bundle floor'} (relay ${relayUrl})`);
    const builds = Promise.all([
      options.app ? Promise.resolve() : buildPage({ root: ROOT, outDir: appDir, env: { VITE_TAVOLA_RELAYS: relayUrl } }),
      buildPage({
        root: path.join(ROOT, 'bench/lab'),
        outDir: labDir,
        base: BENCH_PREFIX,
        input: { lab: path.join(ROOT, 'bench/lab/index.html'), open: path.join(ROOT, 'bench/lab/open.html') },
      }),
      buildPage({ root: path.join(ROOT, 'bench/bundle-floor'), outDir: floorDir, base: BENCH_PREFIX }),
    ]);
    // Rejections are collected below; until then the event loop is busy generating.
    builds.catch(() => undefined);
    log('generating the workspace and its history');
    const generated = generateWorkspace(options.sizes);
    const { expected, stats } = generated;
    log(
      `workspace: ${expected.topics} topics, ${expected.livePoints} focus points, ${stats.creations} records created, ` +
        `${Object.values(stats.edits).reduce((a, b) => a + b, 0)} edits; ${stats.updates} updates in ${stats.sessions} sessions; ` +
        `state ${(stats.stateBytes / 1e6).toFixed(2)} MB; generated in ${(stats.generateMs / 1000).toFixed(1)} s`,
    );
    await builds;
    phase('build and generate');

    const appBundle = initialAssets(appDir);
    const floorBundle = initialAssets(floorDir);
    server = await startBenchServer(appDir, labDir);
    const base = server.url;
    const labUrl = `${base}${BENCH_PREFIX.slice(1)}index.html`;
    const workspaceId = randomBytes(12).toString('base64url');
    const secret = randomBytes(18).toString('base64url');
    const dbName = `tavola-ws-${workspaceId}`;
    const workspaceUrl = `${base}#/w/${workspaceId}/topics`;
    const shareLink = `${base}#/join/${workspaceId}/${secret}`;
    const shownConfig = { topics: expected.topics, firstTopicPoints: expected.firstTopicPoints, livePoints: expected.livePoints, firstPointId: expected.firstPointId };
    const configA: ProbeConfig = { profile: { name: 'Anna', organisation: 'Amsterdam', color: '#1f77b4' }, shown: shownConfig };
    const configB: ProbeConfig = { profile: { name: 'Bruno', organisation: 'Lisbon', color: '#ff7f0e' }, shown: shownConfig };
    const profileA = browsers.newProfile();

    // 2. The history into A's IndexedDB, through y-indexeddb; stored bytes; the app opened and reloaded.
    let contextA = await browsers.launch(configA, profileA);
    const seedPage = await openBenchPage(contextA, labUrl, await blankPage(contextA));
    const now = new Date().toISOString();
    await lab(seedPage, 'setLocalStorage', {
      'tavola.workspaces.v1': JSON.stringify([{ id: workspaceId, name: expected.name, createdAt: now, openedAt: now, secret }]),
    });
    let trims = 0;
    let seedMs = 0;
    for (const [index, session] of generated.sessions.entries()) {
      const result = await lab(seedPage, 'seedSession', dbName, pack(session.updates), session.pausesAfter);
      trims += result.trims;
      seedMs += result.ms;
      if ((index + 1) % 10 === 0 || index === generated.sessions.length - 1) log(`stored session ${index + 1} of ${generated.sessions.length} (${trims} trims so far)`);
    }
    const storedAfterEdits = await lab(seedPage, 'stored', dbName);
    details.storedAfterEdits = { ...storedAfterEdits, trims, seedMs: Math.round(seedMs) };
    log(`stored after the edits: ${storedAfterEdits.count} updates, ${storedAfterEdits.bytes} bytes; encoded state ${storedAfterEdits.stateBytes} bytes`);
    phase('store the history');

    const appPage = await contextA.newPage();
    await appPage.goto(workspaceUrl, { waitUntil: 'commit' });
    await waitShown(appPage, 120_000);
    // The offline shell's service worker is installed on this first visit, as for a person.
    await withTimeout(appPage.evaluate(() => navigator.serviceWorker.ready.then(() => true)), 30_000, 'the service worker');
    const reloadMs: number[] = [];
    for (let i = 0; i < options.reloads; i++) {
      await appPage.reload({ waitUntil: 'commit' });
      reloadMs.push((await waitShown(appPage, 120_000)).paintAt);
    }
    // Anything the app writes after showing the workspace has time to land.
    await sleep(1_000);
    const storedAfterReloads = await lab(seedPage, 'stored', dbName);
    details.storedAfterReloads = storedAfterReloads;
    details.reloadMs = { median: median(reloadMs), all: reloadMs.map(Math.round) };
    log(`stored after ${options.reloads} reloads: ${storedAfterReloads.count} updates, ${storedAfterReloads.bytes} bytes`);
    await browsers.close(contextA);
    phase('reloads');

    // 3. Cold opens: a new browser process on A's profile for each sample; app and floor in turn.
    const coldApp: Record<string, number>[] = [];
    const coldFloor: Record<string, number>[] = [];
    for (let i = 0; i < options.coldOpens; i++) {
      {
        const context = await browsers.launch(configA, profileA);
        const page = await blankPage(context);
        await page.goto(workspaceUrl, { waitUntil: 'commit' });
        const shown = await waitShown(page, 120_000);
        const marks = await probe(page, (bench, name) => {
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          const opened = bench.idb.opens.find((entry: { name: string }) => entry.name === name);
          const read = bench.idb.getAll.find((entry: { store: string }) => entry.store === 'updates');
          const cursor = bench.idb.cursors.find((entry: { store: string }) => entry.store === 'updates');
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
        }, dbName);
        await sleep(500);
        const heap = await heapAfterGc(context, page);
        coldApp.push({ ...marks, domAt: shown.domAt, paintAt: shown.paintAt, heap });
        await browsers.close(context);
      }
      {
        const context = await browsers.launch(configA, profileA);
        const page = await openBenchPage(context, `${base}${BENCH_PREFIX.slice(1)}open.html?db=${dbName}`, await blankPage(context));
        const floor = await withTimeout(
          page.evaluate(() => (window as unknown as { __floor: Promise<Record<string, number>> }).__floor),
          120_000,
          'the floor page to open the workspace',
        );
        const marks = await probe(page, (bench, name) => ({
          responseEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
          openAt: bench.idb.opens.find((entry: { name: string }) => entry.name === name)?.at ?? NaN,
        }), dbName);
        await sleep(500);
        const heap = await heapAfterGc(context, page);
        coldFloor.push({ ...floor, ...marks, heap });
        await browsers.close(context);
      }
      log(`cold open ${i + 1}/${options.coldOpens}: app ${coldApp.at(-1)!.paintAt!.toFixed(0)} ms, floor ${coldFloor.at(-1)!.paintAt!.toFixed(0)} ms`);
    }
    details.coldOpen = { app: coldApp, floor: coldFloor };
    phase('cold opens');

    // 4. New peers: A has the workspace open; each B is a new browser opening the share link.
    contextA = await browsers.launch(configA, profileA);
    const pageA = await blankPage(contextA);
    await pageA.goto(workspaceUrl, { waitUntil: 'commit' });
    await waitShown(pageA, 120_000);
    const newPeer: Record<string, number>[] = [];
    let contextB: BrowserContext | null = null;
    let pageB: Page | null = null;
    for (let i = 0; i < options.newPeers; i++) {
      if (contextB) {
        await browsers.close(contextB);
        // A notices that B left before the next one comes.
        await sleep(1_000);
      }
      contextB = await browsers.launch(configB);
      pageB = await blankPage(contextB);
      await pageB.goto(shareLink, { waitUntil: 'commit' });
      // TAVOLA_BENCH_DEBUG=1: say what B shows every 2 s while it waits (when a new peer hangs).
      const watching = pageB;
      const debug = process.env.TAVOLA_BENCH_DEBUG ? setInterval(() => void describePage(watching).then((d) => log(`B: ${d}`)).catch(() => undefined), 2000) : undefined;
      const shown = await waitShown(pageB, 180_000).finally(() => clearInterval(debug));
      const tap = await probe(pageB, (bench) => ({ ...bench.rtcTap }));
      newPeer.push({
        linkToShown: shown.paintAt,
        openAt: tap.openAt,
        connectionToShown: shown.paintAt - tap.openAt,
        // Null when the state fitted in one message (no frames: a small workspace).
        stateFirstFrameAt: tap.frames.firstAt ?? NaN,
        stateLastFrameAt: tap.frames.lastAt ?? NaN,
        stateBytes: tap.frames.total,
        domAt: shown.domAt,
        lastMessageAt: tap.lastMessageAt,
        bytesIn: tap.bytesIn,
      });
      log(`new peer ${i + 1}/${options.newPeers}: link → shown ${shown.paintAt.toFixed(0)} ms, connection → shown ${(shown.paintAt - tap.openAt).toFixed(0)} ms, ${tap.bytesIn} bytes in`);
    }
    details.newPeer = newPeer;
    phase('new peers');

    // Floors between a lab page in A and one in B (the same two browser processes).
    const labA = await openBenchPage(contextA, labUrl);
    const labB = await openBenchPage(contextB!, labUrl);
    const loaded = await lab(labA, 'load', dbName);
    await connectRaw(labA, labB, 'raw');
    await lab(labA, 'serveState', 'raw');
    const raw: Awaited<ReturnType<Lab['pullState']>>[] = [];
    for (let i = 0; i < options.rawTransfers; i++) raw.push(await lab(labB, 'pullState', 'raw'));
    // Bare y-webrtc: each sample a new page in B joining a new room that A's lab page hosts.
    const joins: Awaited<ReturnType<Lab['join']>>[] = [];
    const password = randomBytes(18).toString('base64url');
    let joinPage: Page | null = null;
    let joinRoom = '';
    for (let i = 0; i < options.bareJoins; i++) {
      const room = `tavola-bench-${randomBytes(8).toString('hex')}`;
      await lab(labA, 'host', room, relayUrl, password);
      const target = await lab(labA, 'stateVector');
      const query = new URLSearchParams({ join: room, relay: relayUrl, password, target });
      const page = await openBenchPage(contextB!, `${labUrl}?${query}`);
      joins.push(
        await withTimeout(
          page.evaluate(() => (window as unknown as { __joined: ReturnType<Lab['join']> }).__joined),
          180_000,
          'a bare y-webrtc peer to receive the workspace',
        ),
      );
      if (joinPage) {
        await joinPage.close();
        await lab(labA, 'leave', joinRoom);
      }
      joinPage = page;
      joinRoom = room;
    }
    details.rawTransfer = { stateBytes: loaded.bytes, samples: raw };
    details.bareJoin = joins;
    log(`floors: raw channel ${median(raw.map((r) => r.paintMs)).toFixed(0)} ms, bare y-webrtc join ${median(joins.map((j) => j.paintMs)).toFixed(0)} ms`);
    phase('new peer floors');

    // 5. Keystrokes. The floor first: bare y-webrtc between the lab pages' documents.
    const chars = 'port cities act together at eu level ';
    // B's side is the page that joined last: its document came over bare y-webrtc from A's.
    await labB.close();
    const floorB = joinPage!;
    await connectRaw(labA, floorB, 'clock');
    const labClock = await clockOffset(labA, floorB, 'clock');
    // A few unmeasured keystrokes first, so that neither side's first, unoptimised run of its
    // code counts (the same for the app below).
    await lab(labA, 'typeInto', expected.firstPointId, WARM_UP_KEYS, options.keyIntervalMs, chars);
    await sleep(500);
    const floorBase = await lab(floorB, 'watchText', expected.firstPointId);
    const floorSent = await lab(labA, 'typeInto', expected.firstPointId, options.keystrokes, options.keyIntervalMs, chars);
    await waitFor(async () => ((await lab(floorB, 'seenText')).at(-1)?.length ?? 0) >= floorBase + options.keystrokes, 30_000, 'the floor\'s last update');
    const floorSeen = await lab(floorB, 'seenText');
    const floorDelays = floorSent.map((sentAt, i) => {
      const arrived = floorSeen.find((entry) => entry.length >= floorBase + i + 1);
      return arrived ? arrived.at - labClock.offset - sentAt : NaN;
    });
    await labA.close();
    await floorB.close();

    // Then the app: A types into the first focus point; B shows it.
    await connectRaw(pageA, pageB!, 'clock');
    const appClock = await clockOffset(pageA, pageB!, 'clock');
    const field = pageA.getByTestId('focus-point-text').first();
    await field.click();
    await field.press('End');
    for (let i = 0; i < WARM_UP_KEYS; i++) {
      await pageA.keyboard.press(chars[i % chars.length] === ' ' ? 'Space' : chars[i % chars.length]!);
      await sleep(options.keyIntervalMs);
    }
    const warmedLength = await field.evaluate((el: HTMLTextAreaElement) => el.value.length);
    await waitFor(
      async () => (await pageB!.getByTestId('focus-point-text').first().evaluate((el: HTMLTextAreaElement) => el.value.length)) === warmedLength,
      30_000,
      'B to show the warm-up keystrokes',
    );
    const appBase = await probe(pageB!, (bench) => bench.keys.watchField(0));
    await probe(pageA, (bench) => bench.keys.recordKeydowns());
    for (const page of [pageA, pageB!]) await probe(page, (bench) => Object.assign(bench.rtcTap, { recording: true, sent: [], received: [] }));
    let due = performance.now();
    for (let i = 0; i < options.keystrokes; i++) {
      const char = chars[i % chars.length]!;
      await pageA.keyboard.press(char === ' ' ? 'Space' : char);
      due += options.keyIntervalMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await waitFor(
      async () => (await probe(pageB!, (bench) => bench.keys.seen.at(-1)?.length ?? 0)) >= appBase + options.keystrokes,
      30_000,
      'the last keystroke in B',
    );
    await sleep(200);
    const appSent = await probe<number[]>(pageA, (bench) => bench.keys.sent);
    const appSeen = await probe<{ length: number; domAt: number; paintAt: number | null }[]>(pageB!, (bench) => bench.keys.seen);
    if (appSent.length !== options.keystrokes) throw new Error(`A recorded ${appSent.length} keystrokes, not ${options.keystrokes}`);
    // Where the time goes: A's work until its data channel sends, the wire (and B's event loop)
    // until B's channel delivers the message, B's work until the field shows the text.
    const aSends = await probe<number[]>(pageA, (bench) => bench.rtcTap.sent);
    const bReceived = await probe<number[]>(pageB!, (bench) => bench.rtcTap.received);
    const firstAfter = (times: number[], at: number) => times.find((t) => t >= at) ?? NaN;
    const appDom: number[] = [];
    const appPaint: number[] = [];
    const stages = { a: [] as number[], wire: [] as number[], b: [] as number[] };
    appSent.forEach((sentAt, i) => {
      const arrived = appSeen.find((entry) => entry.length >= appBase + i + 1);
      appDom.push(arrived ? arrived.domAt - appClock.offset - sentAt : NaN);
      appPaint.push(arrived?.paintAt ? arrived.paintAt - appClock.offset - sentAt : NaN);
      const sendAt = firstAfter(aSends, sentAt);
      const receivedAt = firstAfter(bReceived, sendAt + appClock.offset) - appClock.offset;
      stages.a.push(sendAt - sentAt);
      stages.wire.push(receivedAt - sendAt);
      stages.b.push(arrived ? arrived.domAt - appClock.offset - receivedAt : NaN);
    });
    details.keystrokes = {
      clockOffset: { app: appClock, lab: labClock },
      floor: { median: median(floorDelays), p99: percentile(floorDelays, 0.99), max: Math.max(...floorDelays), delays: floorDelays.map((d) => Math.round(d * 100) / 100) },
      appDom: { median: median(appDom), p99: percentile(appDom, 0.99), max: Math.max(...appDom), delays: appDom.map((d) => Math.round(d * 100) / 100) },
      appPaint: { median: median(appPaint), p99: percentile(appPaint, 0.99), max: Math.max(...appPaint), delays: appPaint.map((d) => Math.round(d * 100) / 100) },
      paintAfterDom: { median: median(appPaint.map((p, i) => p - appDom[i]!)), p99: percentile(appPaint.map((p, i) => p - appDom[i]!), 0.99) },
      appStages: Object.fromEntries(
        Object.entries(stages).map(([stage, values]) => [stage, { median: median(values), p99: percentile(values, 0.99), values: values.map((d) => Math.round(d * 100) / 100) }]),
      ),
    };
    phase('keystrokes');

    // The figures.
    const figures: Figure[] = [];
    const add = (f: Omit<Figure, 'ratio' | 'met'> & { met?: boolean | null; targetRatio?: number }) => {
      const ratio = f.value / f.floor;
      const { targetRatio, ...rest } = f;
      figures.push({ ...rest, ratio, met: f.met !== undefined ? f.met : targetRatio !== undefined ? ratio <= targetRatio : null });
    };
    add({
      id: 'coldOpen',
      name: `Cold open, IndexedDB → workspace painted (median of ${options.coldOpens})`,
      unit: 'ms',
      value: median(coldApp.map((s) => s.paintAt!)),
      floor: median(coldFloor.map((s) => s.paintAt!)),
      floorName: 'blank page: IndexedDB getAll + Y.applyUpdate + paint',
      target: '≤ 1.3×',
      targetRatio: 1.3,
    });
    add({
      id: 'newPeerConnection',
      name: `New peer, connection → workspace painted (median of ${options.newPeers})`,
      unit: 'ms',
      value: median(newPeer.map((s) => s.connectionToShown!)),
      floor: median(raw.map((r) => r.paintMs)),
      floorName: 'raw RTCDataChannel: encode + send + Y.applyUpdate + paint',
      target: '≤ 2×',
      targetRatio: 2,
    });
    add({
      id: 'newPeerLink',
      name: `New peer, share link opened → workspace painted (median of ${options.newPeers})`,
      unit: 'ms',
      value: median(newPeer.map((s) => s.linkToShown!)),
      floor: median(joins.map((j) => j.paintSinceNavigationMs)),
      floorName: 'new page with bare y-webrtc (+ chunking): navigation → doc complete + paint',
      target: '(information)',
    });
    const floorMedian = median(floorDelays);
    const floorP99 = percentile(floorDelays, 0.99);
    add({
      id: 'keystrokeMedian',
      name: `Keystroke in A → text in B's page, median of ${options.keystrokes}`,
      unit: 'ms',
      value: median(appDom),
      floor: floorMedian,
      floorName: 'bare y-webrtc doc → doc (Y.Text insert → observe)',
      target: '≤ 1.5×',
      targetRatio: 1.5,
    });
    add({
      id: 'keystrokeP99',
      name: `Keystroke in A → text in B's page, p99 of ${options.keystrokes}`,
      unit: 'ms',
      value: percentile(appDom, 0.99),
      floor: floorP99,
      floorName: 'bare y-webrtc doc → doc, p99',
      target: '≤ 1.5×',
      targetRatio: 1.5,
    });
    add({
      id: 'keystrokePaintMedian',
      name: `Keystroke in A → painted in B, median of ${options.keystrokes}`,
      unit: 'ms',
      value: median(appPaint),
      floor: floorMedian,
      floorName: 'bare y-webrtc doc → doc',
      target: '≤ 1.5× floor + 1 frame',
      met: median(appPaint) <= 1.5 * floorMedian + FRAME_MS,
    });
    add({
      id: 'keystrokePaintP99',
      name: `Keystroke in A → painted in B, p99 of ${options.keystrokes}`,
      unit: 'ms',
      value: percentile(appPaint, 0.99),
      floor: floorP99,
      floorName: 'bare y-webrtc doc → doc, p99',
      target: '≤ 1.5× floor + 1 frame',
      met: percentile(appPaint, 0.99) <= 1.5 * floorP99 + FRAME_MS,
    });
    add({
      id: 'bundle',
      name: 'Initial JavaScript + CSS, gzip',
      unit: 'KB',
      value: appBundle.gzip / 1000,
      floor: floorBundle.gzip / 1000,
      floorName: 'solid-js render, yjs Doc, y-indexeddb, y-webrtc, zod/mini, same Vite config',
      target: '≤ 150 KB',
      met: appBundle.gzip / 1000 <= 150,
    });
    add({
      id: 'heap',
      name: `JS heap after opening the workspace, after GC (median of ${options.coldOpens})`,
      unit: 'MB',
      value: median(coldApp.map((s) => s.heap!)) / 1e6,
      floor: median(coldFloor.map((s) => s.heap!)) / 1e6,
      floorName: 'blank page holding the Y.Doc alone',
      target: '≤ 3×',
      targetRatio: 3,
    });
    const editsDone = Object.values(stats.edits).reduce((a, b) => a + b, 0);
    add({
      id: 'storedAfterEdits',
      name: `Stored bytes after ${editsDone.toLocaleString('en-GB')} edits`,
      unit: 'MB',
      value: storedAfterEdits.bytes / 1e6,
      floor: storedAfterEdits.stateBytes / 1e6,
      floorName: 'Y.encodeStateAsUpdate of the same document',
      target: '≤ 2×',
      targetRatio: 2,
    });
    add({
      id: 'storedAfterReloads',
      name: `Stored bytes after ${options.reloads} reloads`,
      unit: 'MB',
      value: storedAfterReloads.bytes / 1e6,
      floor: storedAfterReloads.stateBytes / 1e6,
      floorName: 'Y.encodeStateAsUpdate of the same document',
      target: '≤ 2×',
      targetRatio: 2,
    });

    details.bundle = { app: appBundle, floor: floorBundle };
    // The machine's 1-minute load average at the end of each phase: other work on the machine
    // shows here (the bench alone keeps it near 1 to 2).
    details.loadAverageAfterPhase = loads;
    details.workspaceUrl = workspaceUrl.replace(base, '/');
    const durationMs = performance.now() - started;
    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium: chromiumVersion(), loadAverage: { start: loadAtStart, end: os.loadavg().map((n) => Math.round(n * 100) / 100) } },
      options: { ...Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'log' && key !== 'app')), prebuiltApp: !!options.app } as BenchResults['options'],
      workspace: { ...stats, expected },
      figures,
      details,
      phasesMs: phases,
      durationMs,
      table: '',
      stagesTable: '',
    };
    results.table = formatTable(results);
    results.stagesTable = formatStages(results);
    if (options.resultsFile) writeFileSync(path.resolve(ROOT, options.resultsFile), `${JSON.stringify(results, null, 2)}\n`);
    return results;
  } finally {
    await browsers.closeAll();
    await server?.stop();
    await relay?.stop();
    if (!options.outDir) rmSync(outDir, { recursive: true, force: true });
  }
}

/** Where the time goes: the stages of each timed figure, medians, beside the floor's. */
export function formatStages(results: Pick<BenchResults, 'details'>): string {
  const d = results.details as any;
  const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)}` : '–');
  const med = (list: Record<string, number>[], f: (s: Record<string, number>) => number) => ms(median(list.map(f)));
  const rows: string[][] = [];
  const app = d.coldOpen.app as Record<string, number>[];
  const floor = d.coldOpen.floor as Record<string, number>[];
  rows.push(['**Cold open**, ms since navigation started', '', '']);
  rows.push(['page loaded, the workspace\'s database opened (indexedDB.open)', med(app, (s) => s.openAt!), med(floor, (s) => s.openAt!)]);
  rows.push(['stored updates read (getAll)', med(app, (s) => s.readAt!), med(floor, (s) => s.readAt!)]);
  rows.push(['applied to the Y.Doc (app: y-indexeddb synced)', med(app, (s) => s.loadedAt!), med(floor, (s) => s.appliedAt!)]);
  rows.push(['workspace screen complete in the DOM', med(app, (s) => s.domAt!), med(floor, (s) => s.domAt!)]);
  rows.push(['painted', med(app, (s) => s.paintAt!), med(floor, (s) => s.paintAt!)]);
  const peer = d.newPeer as Record<string, number>[];
  const raw = d.rawTransfer.samples as Record<string, number>[];
  const join = d.bareJoin as Record<string, number>[];
  rows.push(['**New peer**, ms since B\'s data channel opened (raw floor: since B asked; bare y-webrtc in brackets)', '', '']);
  rows.push(['first frame of the state arrives', med(peer, (s) => s.stateFirstFrameAt! - s.openAt!), `${med(raw, (s) => s.firstByteMs!)} (${med(join, (s) => s.firstFrameMs! - s.openMs!)})`]);
  rows.push(['last frame arrives', med(peer, (s) => s.stateLastFrameAt! - s.openAt!), `${med(raw, (s) => s.receivedMs!)} (${med(join, (s) => s.framesMs! - s.openMs!)})`]);
  rows.push(['applied to the Y.Doc', '–', `${med(raw, (s) => s.appliedMs!)} (${med(join, (s) => s.completeMs! - s.openMs!)})`]);
  rows.push(['workspace screen complete in the DOM', med(peer, (s) => s.domAt! - s.openAt!), '–']);
  rows.push(['painted', med(peer, (s) => s.connectionToShown!), `${med(raw, (s) => s.paintMs!)} (${med(join, (s) => s.paintMs! - s.openMs!)})`]);
  const k = d.keystrokes;
  rows.push(['**Keystroke**, median (p99) ms', '', '']);
  rows.push(['A: key down → update sent on the data channel', `${ms(k.appStages.a.median)} (${ms(k.appStages.a.p99)})`, '']);
  rows.push(['wire and B\'s event loop: sent → received', `${ms(k.appStages.wire.median)} (${ms(k.appStages.wire.p99)})`, '']);
  rows.push(['B: received → text in the field', `${ms(k.appStages.b.median)} (${ms(k.appStages.b.p99)})`, '']);
  rows.push(['key down → text in B\'s field (total)', `${ms(k.appDom.median)} (${ms(k.appDom.p99)})`, `${ms(k.floor.median)} (${ms(k.floor.p99)}) doc → doc`]);
  rows.push(['B: text in the field → painted', `${ms(k.paintAfterDom.median)} (${ms(k.paintAfterDom.p99)})`, '']);
  const header = ['Stage', 'Tavola', 'Floor'];
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function formatValue(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-GB')} ms`;
  if (unit === 'KB') return `${value.toFixed(1)} KB`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} MB`;
}

/** The results as a Markdown table (printed, and pasted into docs/performance.md). */
export function formatTable(results: Pick<BenchResults, 'figures'>): string {
  const rows = results.figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    `${formatValue(f.floor, f.unit)} (${f.floorName})`,
    `${f.ratio.toFixed(2)}×`,
    f.target,
    f.met === null ? '–' : f.met ? 'yes' : '**no**',
  ]);
  const header = ['Figure', 'Tavola', 'Floor', 'Ratio', 'Target', 'Met'];
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
