// Helpers for e2e tests: real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
//
// - Every launchBrowser() is a separate Chromium process with its own profile
//   (user-data-dir). Two peers in a test are two launchBrowser() calls, never two
//   tabs of one browser: tabs share a BroadcastChannel and IndexedDB.
// - A profile outlives its browser: close the context and launchBrowser({ userDataDir })
//   again with the same dir, and IndexedDB, the service worker and localStorage are
//   still there (same origin: the base URL is fixed for the whole run).
// - Console errors, uncaught page errors and crashes of every page of a context are
//   recorded; pageProblems(ctx) lists them, expectNoPageProblems(ctx) asserts none.
// - Content Security Policy violations (`securitypolicyviolation` events) of every page are
//   recorded too, and fail the test file whatever the test checks (setup.ts).
// - Every page runs with the WebRTC diagnostics on (packages/webrtc: lib0's `log` variable set to
//   `tavola-webrtc`): its connection events are kept, and when a test fails, setup.ts prints
//   each live browser's events and room state (dumpConnectionDiagnostics), so a join that never
//   completes says where it stopped. Every file's events, of every browser and test, are also
//   written to test-results/webrtc/<file>.log, for a join that was slow and still passed.
// - Everything launched or created here is closed and removed after each test file
//   (setup.ts registers closeAllBrowsers() as an afterAll hook).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.TAVOLA_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for every launch. Playwright adds its own automation defaults on top. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', // tests run as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // /dev/shm is small in many containers; Chromium then crashes. Use /tmp instead.
  '--disable-dev-shm-usage',
];

type PersistentOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

export interface LaunchOptions {
  /** Profile directory. Default: a fresh newProfileDir(). Pass the same dir to relaunch. */
  userDataDir?: string;
  /** Extra Chromium flags, appended to CHROMIUM_ARGS. */
  args?: string[];
  /** Any other Playwright persistent-context options (viewport, locale, offline, …). */
  options?: Omit<PersistentOptions, 'executablePath' | 'headless' | 'args'>;
}

export interface PageProblem {
  kind: 'console' | 'pageerror' | 'crash' | 'csp';
  text: string;
  /** The page's URL when it happened. */
  url: string;
}

const liveContexts = new Set<BrowserContext>();
const ownedProfileDirs = new Set<string>();
const problemsByContext = new WeakMap<BrowserContext, PageProblem[]>();
const profileByContext = new WeakMap<BrowserContext, string>();
/** Which browser of its file each context is (1, 2, … in launch order), as the diagnostics name it. */
const browserNumberOfContext = new WeakMap<BrowserContext, number>();
/** A failed test prints at most this many of each live browser's latest lines. */
const CONNECTION_LOG_LINES = 300;
const runStart = Date.now();
/**
 * Every WebRTC diagnostics line of the test files' browsers, as `[s since the run began] text`,
 * each with the file that launched the browser (setup.ts writes a file's lines out after it). One
 * worker runs every e2e file, so a browser closing after its file ended must not land in the next
 * file's lines.
 */
const fileConnectionLog: { file: string; browser: number; test: string; line: string }[] = [];
const FILE_CONNECTION_LOG_LINES = 20_000;
let browsersLaunched = 0;
let currentFile = '';
let currentTest = '(before the first test)';

/** The test file now starting (setup.ts, before the file's own hooks). */
export function noteFile(file: string): void {
  currentFile = file;
  currentTest = '(before the first test)';
  browsersLaunched = 0;
}

/** The test now starting. */
export function noteTest(name: string): void {
  currentTest = name;
}

/** The diagnostics lines of the browsers `file` launched, forgotten here with any older ones. */
export function takeFileConnectionLog(file: string): string[] {
  return fileConnectionLog
    .splice(0)
    .filter((entry) => entry.file === file)
    .map((entry) => `browser ${entry.browser} | ${entry.test} | ${entry.line}`);
}
/** Every CSP violation of any page since the test file started (setup.ts asserts none). */
const cspViolations: PageProblem[] = [];
const CSP_MARK = '[csp-violation]';

/** CSP violations recorded in any page launched by this test file. */
export function cspViolationsSoFar(): PageProblem[] {
  return [...cspViolations];
}

/** The CSP violations recorded so far, forgotten (for a test that causes one on purpose). */
export function takeCspViolations(): PageProblem[] {
  return cspViolations.splice(0);
}

/** Root URL of the built app, ending with `/`. */
export function baseUrl(): string {
  const setupError = inject('e2eSetupError');
  if (setupError) throw new Error(`e2e setup failed, so the app is not served:\n${setupError}`);
  const url = inject('e2eBaseUrl');
  if (!url) throw new Error('e2eBaseUrl not provided: is tests/e2e/harness/global-setup.ts in the e2e project?');
  return url;
}

/**
 * Absolute URL of a path in the built app: appUrl() → root; appUrl('/#/w/abc/secret')
 * and appUrl('#/w/abc/secret') → the same hash route. Resolved against the base
 * URL, so an app built with a sub-path `base` still works.
 */
export function appUrl(p = '/'): string {
  return new URL(p.replace(/^\/+/, ''), baseUrl()).href;
}

/** A new empty temp directory for a Chromium profile; removed by closeAllBrowsers(). */
export function newProfileDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tavola-e2e-profile-'));
  ownedProfileDirs.add(dir);
  return dir;
}

function watchPage(page: Page, problems: PageProblem[], browser: number, file: string): void {
  page.on('console', (msg) => {
    if ((msg.type() === 'log' && msg.text().includes('tavola-webrtc')) || (msg.type() === 'warning' && msg.text().startsWith('Tavola '))) {
      // lib0 styles its lines with %c and CSS; keep the words.
      const text = msg.text().replace(/%c/g, '').replace(/\s*(color|font-weight):[^;]*;?/g, '').replace(/\s+/g, ' ').trim();
      const line = `[${((Date.now() - runStart) / 1000).toFixed(3)} s] ${text}`;
      if (fileConnectionLog.length < FILE_CONNECTION_LOG_LINES) fileConnectionLog.push({ file, browser, test: currentTest, line });
    } else if (msg.type() === 'error' && msg.text().startsWith(CSP_MARK)) {
      const problem: PageProblem = { kind: 'csp', text: msg.text().slice(CSP_MARK.length).trim(), url: page.url() };
      problems.push(problem);
      cspViolations.push(problem);
    } else if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc.url ? ` (${loc.url}:${loc.lineNumber}:${loc.columnNumber})` : '';
      problems.push({ kind: 'console', text: msg.text() + where, url: page.url() });
    }
  });
  page.on('pageerror', (err) => {
    problems.push({ kind: 'pageerror', text: err.stack ?? String(err), url: page.url() });
  });
  page.on('crash', () => {
    problems.push({ kind: 'crash', text: 'page crashed', url: page.url() });
  });
}

/**
 * Start a separate headless Chromium process with a persistent profile and return its
 * context. The context's baseURL is the built app, so `page.goto('/')` works too.
 */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<BrowserContext> {
  const userDataDir = opts.userDataDir ?? newProfileDir();
  const context = await chromium.launchPersistentContext(userDataDir, {
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    ...opts.options,
    baseURL: opts.options?.baseURL ?? baseUrl(),
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
  });
  liveContexts.add(context);
  profileByContext.set(context, userDataDir);
  context.on('close', () => liveContexts.delete(context));
  // Fail fast inside a 60 s test rather than at the test timeout.
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);

  // Said in the console, where watchPage() hears it, before any of the page's own scripts run.
  await context.addInitScript((mark: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`${mark} ${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  }, CSP_MARK);
  await context.addInitScript(() => {
    try {
      localStorage.setItem('log', 'tavola-webrtc');
    } catch {
      // about:blank has no localStorage.
    }
  });
  const problems: PageProblem[] = [];
  const browser = ++browsersLaunched;
  const file = currentFile;
  problemsByContext.set(context, problems);
  browserNumberOfContext.set(context, browser);
  for (const page of context.pages()) watchPage(page, problems, browser, file);
  context.on('page', (page) => watchPage(page, problems, browser, file));
  return context;
}

/** The profile directory a context was launched with (to relaunch on the same profile). */
export function profileDirOf(context: BrowserContext): string {
  const dir = profileByContext.get(context);
  if (!dir) throw new Error('not a context from launchBrowser()');
  return dir;
}

/**
 * Open a path of the app in the context's first page (a persistent context starts
 * with one blank page) or a new one, and wait for the load event.
 */
export async function openApp(context: BrowserContext, p = '/'): Promise<Page> {
  const blank = context.pages().find((page) => page.url() === 'about:blank');
  const page = blank ?? (await context.newPage());
  await page.goto(appUrl(p), { waitUntil: 'load' });
  return page;
}

/** Console errors, uncaught errors and crashes recorded so far in any page of the context. */
export function pageProblems(context: BrowserContext): PageProblem[] {
  return [...(problemsByContext.get(context) ?? [])];
}

/** Assert that no page of the context logged an error, threw, or crashed (minus `ignore`). */
export function expectNoPageProblems(context: BrowserContext, ignore: RegExp[] = []): void {
  const left = pageProblems(context).filter((p) => !ignore.some((re) => re.test(p.text)));
  expect(left.map((p) => `${p.kind}: ${p.text} [at ${p.url}]`)).toEqual([]);
}

/**
 * For a failed test: each live browser's WebRTC events (the last CONNECTION_LOG_LINES) and each
 * of its pages' rooms as they are now (signalling, connections, ICE, sync), as text.
 */
export async function dumpConnectionDiagnostics(): Promise<string> {
  const parts: string[] = [];
  for (const context of liveContexts) {
    const browser = browserNumberOfContext.get(context);
    parts.push(`--- browser ${browser ?? '?'} (${profileByContext.get(context) ?? '?'})`);
    for (const page of context.pages()) {
      const state = await page
        .evaluate(() => JSON.stringify((globalThis as { tavolaWebrtcState?: () => unknown }).tavolaWebrtcState?.() ?? 'no WebRTC module loaded'))
        .catch((error: unknown) => `(could not read: ${String(error).split('\n')[0]})`);
      parts.push(`page ${page.url().replace(/#.*/, '#…')}: rooms ${state}`);
    }
    const lines = fileConnectionLog.filter((entry) => entry.file === currentFile && entry.browser === browser);
    parts.push(...lines.slice(-CONNECTION_LOG_LINES).map((entry) => entry.line));
  }
  return parts.join('\n');
}

/** Close one browser (its process exits). Its profile dir stays until closeAllBrowsers(). */
export async function closeBrowser(context: BrowserContext): Promise<void> {
  liveContexts.delete(context);
  await context.close();
}

/** Close every browser launched here and remove every profile dir made by newProfileDir(). */
export async function closeAllBrowsers(): Promise<void> {
  const contexts = [...liveContexts];
  liveContexts.clear();
  const results = await Promise.allSettled(contexts.map((c) => c.close()));
  for (const dir of ownedProfileDirs) {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  }
  ownedProfileDirs.clear();
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
