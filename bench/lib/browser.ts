// Chromium for the bench: Debian's /usr/bin/chromium through playwright-core, with the e2e
// harness's flags (tests/e2e/harness/browser.ts), one process per person, each with its own
// profile directory, and bench/lib/probe.js in every page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/harness/browser';

const PROBE = readFileSync(new URL('./probe.js', import.meta.url), 'utf8');

export interface ProbeConfig {
  profile?: { name: string; organisation: string; color: string };
  /** What the workspace screen shows once complete (see probe.js). */
  shown?: { topics: number; firstTopicPoints: number; livePoints?: number; firstPointId?: string };
}

/** Every browser and profile the bench made, closed and removed together. */
export class Browsers {
  private readonly contexts = new Set<BrowserContext>();
  private readonly dirs = new Set<string>();

  newProfile(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'tavola-bench-profile-'));
    this.dirs.add(dir);
    return dir;
  }

  /** A separate Chromium process on `profileDir` (a new profile when omitted). */
  async launch(config: ProbeConfig, profileDir = this.newProfile()): Promise<BrowserContext> {
    const context = await chromium.launchPersistentContext(profileDir, {
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'UTC',
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    this.contexts.add(context);
    context.on('close', () => this.contexts.delete(context));
    context.setDefaultTimeout(60_000);
    context.setDefaultNavigationTimeout(60_000);
    await context.addInitScript({ content: `window.__benchConfig = ${JSON.stringify(config)};\n${PROBE}` });
    return context;
  }

  async close(context: BrowserContext): Promise<void> {
    this.contexts.delete(context);
    await context.close();
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.contexts].map((context) => context.close()));
    this.contexts.clear();
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    this.dirs.clear();
  }
}

/** The context's first (blank) page, or a new one. */
export async function blankPage(context: BrowserContext): Promise<Page> {
  return context.pages().find((page) => page.url() === 'about:blank') ?? (await context.newPage());
}

/**
 * Open one of the bench's own pages. The app's service worker (scope: the whole origin) answers
 * every navigation with the app's index.html, so this page's requests bypass it (CDP).
 */
export async function openBenchPage(context: BrowserContext, url: string, page?: Page): Promise<Page> {
  const target = page ?? (await context.newPage());
  const cdp = await context.newCDPSession(target);
  await cdp.send('Network.enable');
  await cdp.send('Network.setBypassServiceWorker', { bypass: true });
  await target.goto(url, { waitUntil: 'load' });
  return target;
}

/** The page's JavaScript heap after garbage collection (V8, through CDP), in bytes. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}
