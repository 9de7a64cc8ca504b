// The keeper's figures (docs/performance.md, "The keeper"):
//  - receiving: a Node member A seals a workspace into a real keeper process and goes offline;
//    each sample is a new browser B opening the share link that names the keeper, timed from the
//    navigation until the workspace screen is complete and painted. Floor: a new page that gets
//    the same workspace's encoded state over a bare WebSocket from a tiny `ws` server here,
//    applies it to a plain Y.Doc and renders the same rows from plain data (bench/lab/keeper.ts);
//  - fan-out: one edit reaching N Node clients (the app's own KeeperConnection, `ws` for
//    WebSocket) of one keeper process, and of two keeper processes on one Redis. Floor: plain
//    Hocuspocus servers (bench/peer/plain-hocuspocus.mjs) and N plain HocuspocusProviders on
//    plain Y.Docs, a Y.Text edited the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { Workspace } from '../../src/model';
import { KeeperConnection, type KeeperSettings } from '../../src/sync/keeper/connection';
import { newSecret } from '../../src/sync/link';
import { startKeeperProcess, startRedis, type KeeperProcess } from '../../tests/support/keeper';
import { blankPage, type ProbeConfig } from './browser';
import type { Run, Sample } from './opens';
import { median, percentile, probe, sleep, waitShown, withTimeout } from './pages';
import { BENCH_PREFIX } from './server';

const PLAIN_SCRIPT = fileURLToPath(new URL('../peer/plain-hocuspocus.mjs', import.meta.url));

export interface KeeperBenchOptions {
  /** New browsers B receiving the workspace from the keeper (and as many floor pages). */
  receives: number;
  /** Node clients receiving each edit (half on each keeper with Redis). */
  clients: number;
  /** Measured edits per fan-out figure (after two unmeasured ones). */
  edits: number;
}

/** Edits made before the measured ones (connections warm, first-time code paths run). */
const WARMUP_EDITS = 2;
/** The pause between one edit reaching everyone and the next edit. */
const EDIT_GAP_MS = 300;

function waitUntil(condition: () => boolean, ms: number, what: string, explain?: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`Timed out after ${ms} ms waiting for ${what}${explain ? `: ${explain()}` : ''}`));
      setTimeout(check, 20);
    };
    check();
  });
}

/** A keeper process on a temporary data folder, removed when it stops. */
async function keeperProcess(options: { redis?: string; id?: string } = {}): Promise<KeeperProcess> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'tavola-bench-keeper-'));
  const keeper = await startKeeperProcess({ ...options, data });
  return {
    ...keeper,
    stop: async () => {
      await keeper.stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Receiving a workspace from the keeper.

export interface KeeperReceiveResult {
  /** B's samples, ms since B's navigation started. */
  app: Sample[];
  /** The floor page's samples, ms since its navigation started. */
  floor: Sample[];
  /** The workspace's encoded state (what the floor sends). */
  stateBytes: number;
  /** A: from its KeeperConnection's start until the keeper acknowledged the compacted log. */
  sealMs: number;
  /** A's log when it left: entries, and the sealed snapshot's size. */
  log: { entries: number; sealed: number; compactions: number };
}

export async function keeperReceives(run: Run, state: Uint8Array, shown: NonNullable<ProbeConfig['shown']>, count: number): Promise<KeeperReceiveResult> {
  const keeper = await keeperProcess();
  const floorServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  floorServer.on('connection', (socket) => socket.send(state));
  try {
    await new Promise<void>((resolve, reject) => {
      floorServer.once('listening', () => resolve());
      floorServer.once('error', reject);
    });
    const floorUrl = `ws://127.0.0.1:${(floorServer.address() as { port: number }).port}`;
    const secret = newSecret();
    const workspaceId = randomBytes(12).toString('base64url');

    // A: the workspace as its browser would have it stored; its first check against the new
    // keeper seals all of it, then it compacts at once into one snapshot (compactBytes 0, no
    // jitter), as a long-lived log mostly is; then A goes offline.
    const sealStarted = performance.now();
    const workspaceA = new Workspace();
    workspaceA.applyUpdate(state, 'storage');
    const a = new KeeperConnection(workspaceA, { secret, keepers: [keeper.url], workspaceId, persist: false, store: null, WebSocketPolyfill: WebSocket, tuning: { compactBytes: 0, compactJitterMs: 0 } });
    await a.start();
    await waitUntil(() => (a.snapshot().stats?.compactions ?? 0) >= 1, 180_000, "A's log compacted into one snapshot", () => JSON.stringify(a.snapshot()));
    await withTimeout(a.whenSent(), 180_000, "the keeper to acknowledge A's snapshot");
    const sealMs = performance.now() - sealStarted;
    const stats = a.snapshot().stats!;
    await a.destroy();
    workspaceA.destroy();
    // The keeper stores the log and unloads it once A has gone: B's keeper reads it from its disk.
    await sleep(3_000);
    run.log(`keeper: A sealed ${(state.byteLength / 1e6).toFixed(2)} MB and left (${Math.round(sealMs)} ms; log of ${stats.entries} entry)`);

    const config: ProbeConfig = { profile: { name: 'Bruno', organisation: 'Lisbon', color: '#ff7f0e' }, shown };
    const link = `${run.base}#/join/${workspaceId}/${secret}?keeper=${encodeURIComponent(keeper.url)}`;
    const floorPage = `${run.base}${BENCH_PREFIX.slice(1)}keeper.html?ws=${encodeURIComponent(floorUrl)}`;
    const app: Sample[] = [];
    const floor: Sample[] = [];
    for (let i = 0; i < count; i++) {
      {
        const context = await run.browsers.launch(config);
        const page = await blankPage(context);
        await page.goto(link, { waitUntil: 'commit' });
        const painted = await waitShown(page, 240_000);
        const marks = await probe(
          page,
          (bench, keeperUrl: string) => {
            const socket = bench.ws.find((entry: { url: string }) => entry.url.startsWith(keeperUrl));
            const decrypt = bench.decrypts.reduce((max: { bytes: number } | null, entry: { bytes: number }) => (entry.bytes > (max?.bytes ?? -1) ? entry : max), null);
            const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
            return {
              responseEnd: navigation?.responseEnd ?? NaN,
              domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
              socketAt: socket?.createdAt ?? NaN,
              openAt: socket?.openAt ?? NaN,
              stateAt: socket?.largest.at ?? NaN,
              stateBytes: socket?.largest.bytes ?? NaN,
              bytesIn: socket?.bytesIn ?? NaN,
              unsealAt: decrypt?.at ?? NaN,
              unsealedAt: decrypt?.doneAt ?? NaN,
              unsealBytes: decrypt?.bytes ?? NaN,
            };
          },
          keeper.url,
        );
        app.push({ ...marks, domAt: painted.domAt, paintAt: painted.paintAt });
        await run.browsers.close(context);
      }
      // The keeper notices that B left and unloads the log again.
      await sleep(1_000);
      {
        const context = await run.browsers.launch(config);
        const page = await blankPage(context);
        await page.goto(floorPage, { waitUntil: 'commit' });
        const painted = await waitShown(page, 240_000);
        const marks = await withTimeout(page.evaluate(() => (window as unknown as { __keeperFloor: Promise<Record<string, number>> }).__keeperFloor), 60_000, 'the keeper floor page');
        const navigation = await page.evaluate(() => {
          const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return { responseEnd: entry?.responseEnd ?? NaN, domContentLoaded: entry?.domContentLoadedEventEnd ?? NaN };
        });
        floor.push({ ...navigation, ...marks, domAt: painted.domAt, paintAt: painted.paintAt });
        await run.browsers.close(context);
      }
      run.log(`keeper receive ${i + 1}/${count}: app ${app.at(-1)!.paintAt!.toFixed(0)} ms, floor ${floor.at(-1)!.paintAt!.toFixed(0)} ms`);
    }
    return { app, floor, stateBytes: state.byteLength, sealMs, log: { entries: stats.entries, sealed: app[0]?.stateBytes ?? NaN, compactions: stats.compactions } };
  } finally {
    await new Promise<void>((resolve) => floorServer.close(() => resolve()));
    await keeper.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// One edit reaching many clients.

/** `ws`'s WebSocket, noting when each message is sent and each arrives (before the provider's own listener). */
function tappedWebSocket(sent: number[] | null, received: number[] | null): typeof WebSocket {
  class TappedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[], options?: WebSocket.ClientOptions) {
      super(address, protocols, options);
      if (received) this.addEventListener('message', () => void received.push(performance.now()));
      if (sent) {
        const send = this.send.bind(this) as (...rest: unknown[]) => void;
        (this as unknown as { send: (...rest: unknown[]) => void }).send = (...rest) => {
          sent.push(performance.now());
          send(...rest);
        };
      }
    }
  }
  // (ws's constructor is overloaded; the providers call it with an address, and protocols at most.)
  return TappedWebSocket as unknown as typeof WebSocket;
}

interface Receiver {
  length(): number;
  /** Call `listener` after each change of the text; returns the way to stop. */
  watch(listener: () => void): () => void;
  /** When messages arrived on its socket (cleared before each edit). */
  received: number[];
}

/** Both sides of a fan-out figure: the editor, its receivers, and how to close them all. */
interface Side {
  length(): number;
  edit(): void;
  editorSent: number[];
  receivers: Receiver[];
  connectMs: number;
  close(): Promise<void>;
}

export interface FanoutSamples {
  /** Edit → the last of the clients has it. */
  delays: number[];
  /** Edit → the editor's socket sends it. */
  sent: number[];
  /** Edit → the last client's socket received it. */
  received: number[];
  connectMs: number;
}

const INITIAL_TEXT = 'Edited by one, read by all: ';

function textReceiver(text: Y.Text, received: number[]): Receiver {
  return {
    length: () => text.length,
    watch(listener) {
      text.observe(listener);
      return () => text.unobserve(listener);
    },
    received,
  };
}

/** Editor and clients of the app's KeeperConnection, with the app's tuning, on `urls` (editor on the first). */
async function keeperSide(urls: string[], clients: number): Promise<Side> {
  const started = performance.now();
  const secret = newSecret();
  const workspaceId = randomBytes(12).toString('base64url');
  const settings = (url: string, polyfill: typeof WebSocket): KeeperSettings => ({ secret, keepers: [url], workspaceId, persist: false, store: null, WebSocketPolyfill: polyfill });
  const connections: KeeperConnection[] = [];
  const workspaces: Workspace[] = [];
  const close = async () => {
    await Promise.allSettled(connections.map((connection) => connection.destroy()));
    for (const workspace of workspaces) workspace.destroy();
  };
  try {
    const editorWorkspace = new Workspace();
    workspaces.push(editorWorkspace);
    editorWorkspace.initialise({ name: 'Conference session' });
    const topicId = editorWorkspace.topics.add('Questions from the floor');
    const pointId = editorWorkspace.focusPoints.add({ topicId, text: INITIAL_TEXT });
    const editorSent: number[] = [];
    const editor = new KeeperConnection(editorWorkspace, settings(urls[0]!, tappedWebSocket(editorSent, null)));
    connections.push(editor);
    await editor.start();
    await withTimeout(editor.whenSent(), 60_000, 'the editor to reach the keeper');
    const receivers: Receiver[] = [];
    const pending: { workspace: Workspace; received: number[] }[] = [];
    for (let i = 0; i < clients; i++) {
      const workspace = new Workspace();
      workspaces.push(workspace);
      const received: number[] = [];
      const connection = new KeeperConnection(workspace, settings(urls[i % urls.length]!, tappedWebSocket(null, received)));
      connections.push(connection);
      await connection.start();
      pending.push({ workspace, received });
    }
    const textOf = (workspace: Workspace) => ((workspace.doc.getMap('focusPoints').get(pointId) as Y.Map<unknown> | undefined)?.get('text') as Y.Text | undefined);
    await waitUntil(() => pending.every(({ workspace }) => textOf(workspace)?.toString() === INITIAL_TEXT), 180_000, `all ${clients} keeper clients to have the workspace`, () =>
      `${pending.filter(({ workspace }) => textOf(workspace)?.toString() === INITIAL_TEXT).length} have it`,
    );
    for (const { workspace, received } of pending) receivers.push(textReceiver(textOf(workspace)!, received));
    const text = editorWorkspace.focusPoints.textOf(pointId)!;
    return { length: () => text.length, edit: () => text.insert(text.length, 'x'), editorSent, receivers, connectMs: performance.now() - started, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The floor: plain HocuspocusProviders on plain Y.Docs, one Y.Text, on `urls` (editor on the first). */
async function plainSide(urls: string[], clients: number): Promise<Side> {
  const started = performance.now();
  const name = `bench-plain-${randomBytes(6).toString('hex')}`;
  const links: { doc: Y.Doc; socket: HocuspocusProviderWebsocket; provider: HocuspocusProvider }[] = [];
  const connect = (url: string, doc: Y.Doc, polyfill: typeof WebSocket) => {
    const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: polyfill });
    // No awareness, as the keeper's clients have none.
    const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, awareness: null });
    provider.attach();
    links.push({ doc, socket, provider });
    return provider;
  };
  const close = async () => {
    for (const { doc, socket, provider } of links) {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    }
  };
  try {
    const editorDoc = new Y.Doc();
    const text = editorDoc.getText('text');
    text.insert(0, INITIAL_TEXT);
    const editorSent: number[] = [];
    const editor = connect(urls[0]!, editorDoc, tappedWebSocket(editorSent, null));
    await waitUntil(() => editor.isSynced && !editor.hasUnsyncedChanges, 60_000, 'the plain editor to reach its server');
    const receivers: Receiver[] = [];
    const docs: Y.Doc[] = [];
    for (let i = 0; i < clients; i++) {
      const doc = new Y.Doc();
      const received: number[] = [];
      connect(urls[i % urls.length]!, doc, tappedWebSocket(null, received));
      docs.push(doc);
      receivers.push(textReceiver(doc.getText('text'), received));
    }
    await waitUntil(() => docs.every((doc) => doc.getText('text').toString() === INITIAL_TEXT), 180_000, `all ${clients} plain clients to have the text`, () =>
      `${docs.filter((doc) => doc.getText('text').toString() === INITIAL_TEXT).length} have it`,
    );
    return { length: () => text.length, edit: () => text.insert(text.length, 'x'), editorSent, receivers, connectMs: performance.now() - started, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `edits` edits (after the warm-up ones), each timed until every receiver has it. */
async function timeEdits(side: Side, edits: number): Promise<FanoutSamples> {
  const samples: FanoutSamples = { delays: [], sent: [], received: [], connectMs: side.connectMs };
  const n = side.receivers.length;
  for (let i = -WARMUP_EDITS; i < edits; i++) {
    const target = side.length() + 1;
    const at = new Array<number>(n).fill(NaN);
    let reached = 0;
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    side.editorSent.length = 0;
    for (const receiver of side.receivers) receiver.received.length = 0;
    const stops = side.receivers.map((receiver, index) =>
      receiver.watch(() => {
        if (!Number.isNaN(at[index]!) || receiver.length() < target) return;
        at[index] = performance.now();
        if (++reached === n) done();
      }),
    );
    const editAt = performance.now();
    side.edit();
    try {
      await withTimeout(all, 60_000, `an edit to reach all ${n} clients`, async () => `${reached} of them have it`);
    } finally {
      for (const stop of stops) stop();
    }
    if (i >= 0) {
      samples.delays.push(Math.max(...at) - editAt);
      const sentAt = side.editorSent.find((t) => t >= editAt) ?? NaN;
      samples.sent.push(sentAt - editAt);
      samples.received.push(Math.max(...side.receivers.map((receiver) => receiver.received.find((t) => t >= sentAt) ?? NaN)) - editAt);
    }
    await sleep(EDIT_GAP_MS);
  }
  return samples;
}

interface Stoppable {
  url: string;
  stop(): Promise<void>;
}

/** A plain Hocuspocus server in a child process (bench/peer/plain-hocuspocus.mjs). */
async function plainServer(options: { redis?: string; id?: string } = {}): Promise<Stoppable> {
  const args = [PLAIN_SCRIPT];
  if (options.redis) args.push('--redis', options.redis);
  if (options.id) args.push('--id', options.id);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the plain Hocuspocus server did not start in 15 s: ${stderr}`));
    }, 15_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (ws:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the plain Hocuspocus server exited (${code}): ${stderr}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface KeeperFanoutResult {
  clients: number;
  edits: number;
  single: { keeper: FanoutSamples; floor: FanoutSamples };
  redis: { keeper: FanoutSamples; floor: FanoutSamples };
}

async function withServers<T>(servers: Stoppable[], work: (urls: string[]) => Promise<T>): Promise<T> {
  try {
    return await work(servers.map((server) => server.url));
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
  }
}

async function measureSide(make: () => Promise<Side>, edits: number): Promise<FanoutSamples> {
  const side = await make();
  try {
    return await timeEdits(side, edits);
  } finally {
    await side.close();
  }
}

/** The two fan-out figures and their floors: each floor first, then the keeper. */
export async function keeperFanouts(run: Pick<Run, 'log'>, options: KeeperBenchOptions): Promise<KeeperFanoutResult> {
  const { clients, edits } = options;
  const say = (what: string, s: FanoutSamples) =>
    run.log(`${what}: ${clients} clients connected in ${Math.round(s.connectMs)} ms; edit → all ${clients}: median ${median(s.delays).toFixed(1)} ms, p90 ${percentile(s.delays, 0.9).toFixed(1)} ms`);
  const singleFloor = await withServers([await plainServer()], (urls) => measureSide(() => plainSide(urls, clients), edits));
  say('fan-out floor, one plain Hocuspocus', singleFloor);
  const singleKeeper = await withServers([await keeperProcess()], (urls) => measureSide(() => keeperSide(urls, clients), edits));
  say('fan-out, one keeper', singleKeeper);
  // Redis's default pub/sub output limit (32 MB) disconnects a subscriber that gets a larger message (docs/keeper.md).
  const redis = await startRedis(['--client-output-buffer-limit', 'pubsub 0 0 0']);
  try {
    const redisFloor = await withServers(
      [await plainServer({ redis: redis.url, id: 'plain-one' }), await plainServer({ redis: redis.url, id: 'plain-two' })],
      (urls) => measureSide(() => plainSide(urls, clients), edits),
    );
    say('fan-out floor, two plain Hocuspocus on Redis', redisFloor);
    const redisKeeper = await withServers(
      [await keeperProcess({ redis: redis.url, id: 'one' }), await keeperProcess({ redis: redis.url, id: 'two' })],
      (urls) => measureSide(() => keeperSide(urls, clients), edits),
    );
    say('fan-out, two keepers on Redis', redisKeeper);
    return { clients, edits, single: { keeper: singleKeeper, floor: singleFloor }, redis: { keeper: redisKeeper, floor: redisFloor } };
  } finally {
    await redis.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Where the time goes: rows of the bench's second table.

export function keeperStageRows(receive: KeeperReceiveResult, fanout: KeeperFanoutResult): string[][] {
  const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)}` : '–');
  const med = (list: Sample[], f: (s: Sample) => number) => ms(median(list.map(f)));
  const { app, floor } = receive;
  const rows: string[][] = [];
  rows.push([`**Receiving ${(receive.stateBytes / 1e6).toFixed(1)} MB from the keeper**, A offline, ms since B's navigation started (floor: a page on a bare WebSocket)`, '', '']);
  rows.push(['page loaded (responseEnd)', med(app, (s) => s.responseEnd!), med(floor, (s) => s.responseEnd!)]);
  rows.push(['WebSocket made (app: the keeper\'s code loaded, its log opened)', med(app, (s) => s.socketAt!), med(floor, (s) => s.socketAt!)]);
  rows.push(['WebSocket open', med(app, (s) => s.openAt!), med(floor, (s) => s.openAt!)]);
  rows.push(['the state arrived (app: the sync step 2 of the sealed log)', med(app, (s) => s.stateAt!), med(floor, (s) => s.receivedAt!)]);
  rows.push(['unsealed (AES-GCM decrypt asked → done)', `${med(app, (s) => s.unsealAt!)} → ${med(app, (s) => s.unsealedAt!)}`, '–']);
  rows.push(['applied to the Y.Doc', '–', med(floor, (s) => s.appliedAt!)]);
  rows.push(['workspace screen complete in the DOM', med(app, (s) => s.domAt!), med(floor, (s) => s.domAt!)]);
  rows.push(['painted', med(app, (s) => s.paintAt!), med(floor, (s) => s.paintAt!)]);
  const fan = (title: string, pair: { keeper: FanoutSamples; floor: FanoutSamples }) => {
    const both = (f: (s: FanoutSamples) => number[]) => [`${ms(median(f(pair.keeper)))} (${ms(percentile(f(pair.keeper), 0.9))})`, `${ms(median(f(pair.floor)))} (${ms(percentile(f(pair.floor), 0.9))})`];
    rows.push([title, '', '']);
    rows.push(['edit → sent by the editor\'s socket (keeper: 250 ms batching + merge + seal)', ...both((s) => s.sent)]);
    rows.push([`edit → the last client's socket received it`, ...both((s) => s.received)]);
    rows.push([`edit → all ${fanout.clients} clients have it (keeper: unsealed and applied)`, ...both((s) => s.delays)]);
    rows.push([`of it, the editor's socket sent → all ${fanout.clients} have it`, ...both((s) => s.delays.map((d, i) => d - s.sent[i]!))]);
  };
  fan(`**One edit → ${fanout.clients} Node clients of one keeper**, median (p90) ms of ${fanout.edits} (floor: plain Hocuspocus)`, fanout.single);
  fan(`**One edit → ${fanout.clients} Node clients of two keepers on Redis** (${fanout.clients / 2} on each), median (p90) ms (floor: two plain Hocuspocus on Redis)`, fanout.redis);
  return rows;
}
