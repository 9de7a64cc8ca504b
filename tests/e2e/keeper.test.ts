// The keeper (docs/keeper.md) between partners who are never online together: real Chromium
// processes (one per person), a real keeper process (tests/support/keeper.ts), real IndexedDB.
// The keeper is the only way between them: A and B are never on one relay at the same time.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { Server } from '@hocuspocus/server';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { deriveAccess } from '../../src/sync/access';
import { formatShareLink, parseShareLink } from '../../src/sync/link';
import { startKeeperProcess } from '../support/keeper';
import { startRelay, type Relay } from '../support/relay';
import { closeBrowser, launchBrowser, openApp, profileDirOf } from './harness/browser';
import { expectCleanPages, flushStorage } from './helpers';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers } from './peers-helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

type Keeper = Awaited<ReturnType<typeof startKeeperProcess>>;

/** Whatever a test started, stopped after it even when it failed half-way; the keepers' data folders removed. */
const running: { stop(): Promise<void> }[] = [];
const dataFolders = new Set<string>();
afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((process) => process.stop()));
  for (const folder of dataFolders) rmSync(folder, { recursive: true, force: true });
  dataFolders.clear();
});

async function keeperProcess(options: Parameters<typeof startKeeperProcess>[0] = {}): Promise<Keeper> {
  const keeper = await startKeeperProcess(options);
  running.push(keeper);
  dataFolders.add(keeper.data);
  return keeper;
}

async function relayProcess(): Promise<Relay> {
  const relay = await startRelay();
  running.push(relay);
  return relay;
}

function nav(page: Page, tab: string) {
  return page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: tab, exact: true });
}

/** Settings → Connection to partners, through the form: the given fields, saved and reconnected. */
async function setNetwork(page: Page, fields: { keepers?: string[]; relays?: string[] }): Promise<void> {
  await nav(page, 'Settings').click();
  if (fields.relays) await page.getByTestId('settings-relays').fill(fields.relays.join('\n'));
  if (fields.keepers) await page.getByTestId('settings-keepers').fill(fields.keepers.join('\n'));
  await page.getByTestId('save-network').click();
  await page.getByRole('status').filter({ hasText: 'Saved. Reconnecting…' }).waitFor();
  await nav(page, 'Topics').click();
  await page.getByTestId('topic-link').first().click();
}

/** The keeper's part of the status line: its state and the text a person reads. */
async function keeperLine(page: Page): Promise<{ status: string | null; text: string; reachedAt: number | null }> {
  const line = page.getByTestId('keeper-status');
  if ((await line.count()) === 0) return { status: null, text: '', reachedAt: null };
  const [status, text, reached] = await Promise.all([line.getAttribute('data-status'), line.textContent(), line.getAttribute('data-reached-at')]);
  return { status, text: text ?? '', reachedAt: reached ? Number(reached) : null };
}

/** Until the keeper has this browser's changes made since `since` (ms since epoch). */
async function untilSaved(page: Page, since: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const line = await keeperLine(page);
        return line.status === 'up-to-date' && line.reachedAt !== null && line.reachedAt >= since ? line.text : `${line.status}: ${line.text}`;
      },
      { timeout: 30_000 },
    )
    .toBe('Keeper: last change saved just now');
}

/** The link with its relays replaced: B is never on the relay A uses. */
function withRelay(link: string, relay: string): string {
  const [page, fragment = ''] = link.split('#');
  const [route, query = ''] = fragment.split('?');
  const params = new URLSearchParams(query);
  params.delete('relay');
  params.append('relay', relay);
  return `${page}#${route}?${params.toString()}`;
}

function linkParams(link: string): URLSearchParams {
  return new URLSearchParams(link.split('#')[1]?.split('?')[1] ?? '');
}

/** Entries written to the browser's sealed log of the workspace (y-indexeddb updates of tavola-keeper-<id>-…). */
function sealedLogWrites(page: Page, workspaceId: string): Promise<number> {
  return page.evaluate(async (prefix) => {
    let total = 0;
    for (const info of await indexedDB.databases()) {
      if (!info.name?.startsWith(prefix)) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        total += await new Promise<number>((resolve, reject) => {
          const request = db.transaction('updates', 'readonly').objectStore('updates').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    }
    return total;
  }, `tavola-keeper-${workspaceId}-`);
}

/** Every file of a folder, read whole. */
function filesUnder(folder: string): Buffer[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [readFileSync(file)];
  });
}

describe('a keeper between partners who are never online together', () => {
  test('A writes and leaves; the keeper restarts; B joins from the link, edits and leaves; A comes back to B\'s edit', { timeout: 180_000 }, async () => {
    let keeper = await keeperProcess();
    const a = await person('Anna', 'Amsterdam');
    const id = await createWorkspace(a.page, 'North Sea ports');
    await addTopic(a.page, 'Shore power');
    await addPoint(a.page, 'Map the berths with a grid connection');
    await addPoint(a.page, 'Ask the grid operators for their plans');
    expect(await keeperLine(a.page)).toEqual({ status: null, text: '', reachedAt: null });

    const beforeKeeper = Date.now();
    await setNetwork(a.page, { keepers: [keeper.url] });
    // A new keeper gets the whole workspace, written before it was set.
    await untilSaved(a.page, beforeKeeper);

    const link = await shareLink(a.page);
    expect(linkParams(link).getAll('keeper')).toEqual([keeper.url]);
    await a.page.getByTestId('share').click();
    expect(await a.page.getByTestId('share-keepers').textContent()).toBe(
      `The link includes this workspace's keeper (${keeper.url}): it holds the workspace sealed between calls and cannot read it.`,
    );
    await a.page.getByRole('button', { name: 'Close' }).click();
    const workspaceUrl = a.page.url();
    await flushStorage(a.page, id);
    expectCleanPages(a.context);
    const profileA = profileDirOf(a.context);
    await closeBrowser(a.context);

    // The keeper goes down and comes back on its data folder and its address (the link names it).
    await keeper.stop();
    keeper = await keeperProcess({ data: keeper.data, port: keeper.port });
    expect(keeper.url).toBe(linkParams(link).get('keeper'));
    // It holds the workspace sealed: none of the names or texts is in its files.
    const stored = filesUnder(keeper.data);
    expect(stored.length).toBeGreaterThan(0);
    for (const text of ['North Sea ports', 'Shore power', 'Map the berths', 'Ask the grid operators']) {
      expect(stored.some((bytes) => bytes.includes(text)), `"${text}" in the keeper's files`).toBe(false);
    }

    const b = await person('Bruno', 'Bremen');
    await b.page.goto(link);
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 30_000 }).toBe('North Sea ports');
    await b.page.getByTestId('topic-link').first().click();
    expect(await b.page.getByTestId('topic-title').inputValue()).toBe('Shore power');
    await expect.poll(() => pointTexts(b.page)).toEqual(['Map the berths with a grid connection', 'Ask the grid operators for their plans']);
    // Nobody else was ever here: what B has came from the keeper.
    await expect.poll(() => b.page.getByTestId('connection-status').getAttribute('data-status')).toBe('looking');
    const beforeB = Date.now();
    await addPoint(b.page, 'Bremen shares its tender for shore power');
    await untilSaved(b.page, beforeB);
    expectCleanPages(b.context);
    await closeBrowser(b.context);

    const again = await launchBrowser({ userDataDir: profileA });
    const pageA = await openApp(again, workspaceUrl.slice(workspaceUrl.indexOf('#')));
    await expect
      .poll(() => pointTexts(pageA), { timeout: 30_000 })
      .toEqual(['Map the berths with a grid connection', 'Ask the grid operators for their plans', 'Bremen shares its tender for shore power']);
    await expect.poll(async () => (await keeperLine(pageA)).status, { timeout: 30_000 }).toBe('up-to-date');
    expectCleanPages(again);
    await closeBrowser(again);
  });

  test('the keeper cannot be reached: said plainly, the edit waits in the browser (closed and reopened), and goes to B when it is back', { timeout: 180_000 }, async () => {
    let keeper = await keeperProcess();
    // A on the site's relay, B on one of its own: they never meet, only the keeper joins them.
    const relayB = await relayProcess();
    const a = await person('Anna', 'Amsterdam');
    const id = await createWorkspace(a.page, 'Harbour cities');
    await addTopic(a.page, 'Cruise ships');
    await addPoint(a.page, 'Count the calls of each port');
    const beforeKeeper = Date.now();
    await setNetwork(a.page, { keepers: [keeper.url] });
    await untilSaved(a.page, beforeKeeper);
    const link = await shareLink(a.page);

    const b = await person('Bruno', 'Bremen');
    await b.page.goto(withRelay(link, relayB.url));
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 30_000 }).toBe('Harbour cities');
    await b.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(b.page)).toEqual(['Count the calls of each port']);
    await expect.poll(async () => (await keeperLine(b.page)).status, { timeout: 30_000 }).toBe('up-to-date');
    await expect.poll(() => b.page.getByTestId('connection-status').getAttribute('data-status')).toBe('looking');

    await keeper.stop();
    const unreachable = `The keeper cannot be reached (${keeper.url}): your changes wait on this device and go when it is back`;
    await expect.poll(async () => (await keeperLine(a.page)).text, { timeout: 30_000 }).toBe(unreachable);
    expect(await a.page.getByTestId('keeper-status').getAttribute('data-status')).toBe('unreachable');
    const logBefore = await sealedLogWrites(a.page, id);
    await addPoint(a.page, 'Written while the keeper was away');
    // Sealed into the log kept in this browser, waiting for the keeper.
    await expect.poll(() => sealedLogWrites(a.page, id)).toBeGreaterThan(logBefore);
    await flushStorage(a.page, id);
    expect(await keeperLine(a.page)).toMatchObject({ status: 'unreachable', text: unreachable });

    // A closes the browser and opens it again, the keeper still away: the edit is there, still waiting.
    const workspaceUrl = a.page.url();
    const profileA = profileDirOf(a.context);
    expectCleanPages(a.context);
    await closeBrowser(a.context);
    const again = await launchBrowser({ userDataDir: profileA });
    const pageA = await openApp(again, workspaceUrl.slice(workspaceUrl.indexOf('#')));
    await expect.poll(() => pointTexts(pageA)).toEqual(['Count the calls of each port', 'Written while the keeper was away']);
    await expect.poll(async () => (await keeperLine(pageA)).text, { timeout: 30_000 }).toBe(unreachable);
    expect(await pointTexts(b.page)).toEqual(['Count the calls of each port']);

    keeper = await keeperProcess({ data: keeper.data, port: keeper.port });
    await expect.poll(() => pointTexts(b.page), { timeout: 40_000 }).toEqual(['Count the calls of each port', 'Written while the keeper was away']);
    await expect.poll(async () => (await keeperLine(pageA)).status, { timeout: 30_000 }).toBe('up-to-date');
    expect((await keeperLine(pageA)).text).toMatch(/^Keeper: last change saved (just now|at \d\d:\d\d)$/);
    // They were never connected to each other.
    expect(await pageA.getByTestId('connection-status').getAttribute('data-status')).toBe('looking');
    await expect.poll(() => b.page.getByTestId('connection-status').getAttribute('data-status')).toBe('looking');
    expectCleanPages(again);
    expectCleanPages(b.context);
    await Promise.all([closeBrowser(again), closeBrowser(b.context)]);
  });

  test('a keeper that refuses the workspace: said plainly, the edits stay on this device, and a keeper that accepts it takes them all', { timeout: 120_000 }, async () => {
    // A keeper for other groups only (a secretariat's keeper, say): it refuses every workspace.
    const refusing = new Server({ quiet: true, stopOnSignals: false, async onAuthenticate() { throw Object.assign(new Error(''), { reason: 'permission-denied' }); } });
    await new Promise<void>((resolve) => refusing.httpServer.listen({ port: 0, host: '127.0.0.1' }, () => resolve()));
    running.push({ stop: () => refusing.destroy() });
    const refusingUrl = `ws://127.0.0.1:${(refusing.httpServer.address() as AddressInfo).port}`;
    const keeper = await keeperProcess();

    const a = await person('Anna', 'Amsterdam');
    const id = await createWorkspace(a.page, 'Harbour cities');
    await addTopic(a.page, 'Cruise ships');
    await setNetwork(a.page, { keepers: [refusingUrl] });
    const refused = `The keeper refused this workspace (${refusingUrl}): your changes stay on this device. Ask your network's secretariat to check the keeper's address.`;
    await expect.poll(async () => (await keeperLine(a.page)).text, { timeout: 30_000 }).toBe(refused);
    expect(await a.page.getByTestId('keeper-status').getAttribute('data-status')).toBe('refused');
    await addPoint(a.page, 'Written while the keeper refused');
    await flushStorage(a.page, id);
    await a.page.reload();
    await a.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(a.page)).toEqual(['Written while the keeper refused']);
    await expect.poll(async () => (await keeperLine(a.page)).text, { timeout: 30_000 }).toBe(refused);
    // The refusing keeper was never given anything to store.
    expect(refusing.hocuspocus.getDocumentsCount()).toBe(0);

    // A keeper that accepts the workspace gets everything written meanwhile, and B receives it from there.
    const beforeKeeper = Date.now();
    await setNetwork(a.page, { keepers: [keeper.url] });
    await untilSaved(a.page, beforeKeeper);
    const link = await shareLink(a.page);
    expect(linkParams(link).getAll('keeper')).toEqual([keeper.url]);
    await closeBrowser(a.context);
    const b = await person('Bruno', 'Bremen');
    await b.page.goto(link);
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 30_000 }).toBe('Harbour cities');
    await b.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(b.page), { timeout: 30_000 }).toEqual(['Written while the keeper refused']);
    expectCleanPages(b.context);
    await closeBrowser(b.context);
  });

  test('a view link through the keeper alone: the viewer gets the writer\'s work and her later edit', { timeout: 150_000 }, async () => {
    const keeper = await keeperProcess();
    // A on the site's relay, B on one of its own: only the keeper joins them.
    const relayB = await relayProcess();
    const a = await person('Anna', 'Amsterdam');
    const id = await createWorkspace(a.page, 'Ports with a view');
    await addTopic(a.page, 'Shore power');
    await addPoint(a.page, 'Map the berths with a grid connection');
    const beforeKeeper = Date.now();
    await setNetwork(a.page, { keepers: [keeper.url] });
    await untilSaved(a.page, beforeKeeper);
    const editLink = await shareLink(a.page);
    const parsed = parseShareLink(editLink);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.link.kind).toBe('edit');
    const { view } = await deriveAccess({ kind: 'edit', secret: parsed.link.secret });
    const viewLink = withRelay(
      formatShareLink(editLink, { kind: 'view', workspaceId: id, secret: view!.secret, verifyKey: view!.verifyKey, relays: parsed.link.relays, keepers: [keeper.url] }),
      relayB.url,
    );

    const b = await person('Bruno', 'Bremen');
    await b.page.goto(viewLink);
    await b.page.getByTestId('topic-view').waitFor({ timeout: 30_000 });
    await b.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(b.page), { timeout: 30_000 }).toEqual(['Map the berths with a grid connection']);
    await expect.poll(() => b.page.getByTestId('connection-status').getAttribute('data-status')).toBe('looking');
    await expect.poll(async () => (await keeperLine(b.page)).status, { timeout: 30_000 }).toBe('up-to-date');

    // Anna's next change reaches Bruno through the keeper.
    await addPoint(a.page, 'Ask the grid operators for their plans');
    await expect.poll(() => pointTexts(b.page), { timeout: 30_000 }).toEqual(['Map the berths with a grid connection', 'Ask the grid operators for their plans']);
    expectCleanPages(a.context);
    expectCleanPages(b.context);
    await closeBrowser(b.context);
    await closeBrowser(a.context);
  });

  test('a Node program reads the workspace from the keeper with the link alone, nobody online (scripts/join-workspace.mjs)', { timeout: 120_000 }, async () => {
    const keeper = await keeperProcess();
    const a = await person('Anna', 'Amsterdam');
    await createWorkspace(a.page, 'Harbour cities');
    await addTopic(a.page, 'Cruise ships');
    const beforeKeeper = Date.now();
    await setNetwork(a.page, { keepers: [keeper.url] });
    await addPoint(a.page, 'Count the calls of each port');
    await untilSaved(a.page, beforeKeeper);
    const link = await shareLink(a.page);
    await closeBrowser(a.context);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/join-workspace.mjs'), link, '--timeout', '30'], { cwd: ROOT, timeout: 60_000 });
    expect(stdout).toContain('# Harbour cities');
    expect(stdout).toContain('## Cruise ships');
    expect(stdout).toContain('- [proposed] Count the calls of each port');
  });

  test('the keeper\'s status line and the network settings fit 1280, 820 and 390 px; screenshots in test-results/screens/', { timeout: 120_000 }, async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    const keeper = await keeperProcess();
    const a = await person('Anna', 'Amsterdam');
    await createWorkspace(a.page, 'Port cities of the North Sea and the Baltic');
    await addTopic(a.page, 'Shore power');
    await addPoint(a.page, 'Map the berths with a grid connection');
    const beforeKeeper = Date.now();
    await setNetwork(a.page, { keepers: [keeper.url] });
    await untilSaved(a.page, beforeKeeper);

    const widths = [1280, 820, 390];
    const tooWide: string[] = [];
    const shoot = async (name: string, width: number, what: 'statusbar' | 'settings') => {
      await a.page.setViewportSize({ width, height: 700 });
      const fits = await a.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      const line = a.page.getByTestId('keeper-status');
      if (what === 'statusbar') {
        const box = await line.boundingBox();
        if (!box || box.x < 0 || box.x + box.width > width + 0.5) tooWide.push(`${name} at ${width}: the keeper's line at ${JSON.stringify(box)}`);
      }
      if (!fits) tooWide.push(`${name} at ${width}: the page scrolls sideways`);
      const file = path.join(SCREENS_DIR, `keeper-${name}-${width}.png`);
      if (what === 'statusbar') await a.page.screenshot({ path: file });
      else await a.page.locator('section', { has: a.page.getByTestId('network-settings') }).screenshot({ path: file });
    };
    for (const width of widths) await shoot('saved', width, 'statusbar');

    // Working offline pauses the keeper too.
    await a.page.getByTestId('toggle-offline').click();
    await expect.poll(async () => (await keeperLine(a.page)).text).toBe('Keeper: paused while you work offline');
    expect(await a.page.getByTestId('keeper-status').getAttribute('data-status')).toBe('paused');
    for (const width of widths) await shoot('paused', width, 'statusbar');
    await a.page.getByTestId('toggle-offline').click();
    await expect.poll(async () => (await keeperLine(a.page)).status, { timeout: 30_000 }).toBe('up-to-date');

    await keeper.stop();
    await expect.poll(async () => (await keeperLine(a.page)).status, { timeout: 30_000 }).toBe('unreachable');
    for (const width of widths) await shoot('unreachable', width, 'statusbar');

    await nav(a.page, 'Settings').click();
    await a.page.getByTestId('network-settings').waitFor();
    expect(await a.page.getByTestId('settings-keepers').inputValue()).toBe(keeper.url);
    for (const width of widths) await shoot('settings', width, 'settings');
    expect(tooWide).toEqual([]);
    expectCleanPages(a.context);
    await closeBrowser(a.context);
  });
});

describe('WebRTC and the keeper side by side', () => {
  test('partners connected both ways type at once: every change arrives twice, nothing doubles, and a newcomer through the keeper alone gets one copy', { timeout: 180_000 }, async () => {
    const keeper = await keeperProcess();
    const a = await person('Anna', 'Amsterdam');
    await createWorkspace(a.page, 'Both ways');
    await addTopic(a.page, 'Ferries');
    await addPoint(a.page, 'Timetables');
    const beforeKeeper = Date.now();
    await setNetwork(a.page, { keepers: [keeper.url] });
    await untilSaved(a.page, beforeKeeper);
    const link = await shareLink(a.page);

    // B on the same relay as A and on the keeper: changes reach each of them by both ways.
    const b = await person('Bruno', 'Bremen');
    await b.page.goto(link);
    await waitForPeers(a.page, 1);
    await waitForPeers(b.page, 1);
    await b.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(b.page)).toEqual(['Timetables']);
    await expect.poll(async () => (await keeperLine(b.page)).status, { timeout: 30_000 }).toBe('up-to-date');

    // Both add a point at the same moment.
    await Promise.all([a.page.getByLabel('New focus point').fill('From Amsterdam'), b.page.getByLabel('New focus point').fill('From Bremen')]);
    await Promise.all([a.page.getByRole('button', { name: 'Add point' }).click(), b.page.getByRole('button', { name: 'Add point' }).click()]);
    await expect.poll(() => a.page.getByTestId('focus-point').count()).toBe(3);
    await expect.poll(() => b.page.getByTestId('focus-point').count()).toBe(3);
    // Typing into one point from both sides: each character arrives over WebRTC and from the keeper.
    await a.page.getByTestId('focus-point-text').first().click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' and fares');
    await b.page.getByTestId('focus-point-text').first().click();
    await b.page.keyboard.press('Home');
    await b.page.keyboard.type('Ferry ');
    const settled = async (page: Page) => [...(await pointTexts(page))].sort();
    const expected = ['Ferry Timetables and fares', 'From Amsterdam', 'From Bremen'];
    await expect.poll(() => settled(a.page), { timeout: 30_000 }).toEqual(expected);
    await expect.poll(() => settled(b.page), { timeout: 30_000 }).toEqual(expected);
    const since = Date.now();
    await untilSaved(a.page, since - 60_000);
    await expect.poll(async () => (await keeperLine(b.page)).status, { timeout: 30_000 }).toBe('up-to-date');
    expect(await pointTexts(a.page)).toEqual(await pointTexts(b.page));

    // C is on no relay of theirs: the keeper alone brings it, one copy of each change.
    const relayC = await relayProcess();
    const c = await person('Chiara', 'Genova');
    await c.page.goto(withRelay(link, relayC.url));
    await expect.poll(() => c.page.getByTestId('workspace-name').textContent(), { timeout: 30_000 }).toBe('Both ways');
    await c.page.getByTestId('topic-link').first().click();
    await expect.poll(() => settled(c.page), { timeout: 30_000 }).toEqual(expected);
    expect(await pointTexts(c.page)).toEqual(await pointTexts(a.page));
    await expect.poll(() => c.page.getByTestId('connection-status').getAttribute('data-status')).toBe('looking');
    for (const p of [a, b, c]) expectCleanPages(p.context);
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context), closeBrowser(c.context)]);
  });
});

describe('network settings: keepers', () => {
  test('a keeper address is checked, kept in the link, kept as typed when the screen is left unsaved, and emptied to none', async () => {
    const a = await person('Anna', 'Amsterdam');
    await createWorkspace(a.page, 'Settings only');
    await nav(a.page, 'Settings').click();
    const field = a.page.getByTestId('settings-keepers');
    await field.fill('https://keeper.example.org');
    await a.page.getByTestId('save-network').click();
    await expect
      .poll(() => a.page.getByTestId('network-settings').locator('.notice').textContent())
      .toBe('“https://keeper.example.org” is not a keeper address. Keeper addresses start with wss:// (or ws:// on a local network).');
    const entry = () => a.page.evaluate(() => JSON.parse(localStorage.getItem('tavola.workspaces.v1') ?? '[]')[0]);
    expect((await entry()).keepers).toBeUndefined();

    // Left with an address that is not one: shown again, with the reason, when settings are opened again.
    await nav(a.page, 'Topics').click();
    await nav(a.page, 'Settings').click();
    expect(await a.page.getByTestId('settings-keepers').inputValue()).toBe('https://keeper.example.org');
    expect(await a.page.getByTestId('network-settings').locator('.notice').textContent()).toMatch(/^Your last change here was not saved: “https:\/\/keeper\.example\.org” is not a keeper address/);

    await a.page.getByTestId('settings-keepers').fill('ws://127.0.0.1:1\n\n  wss://127.0.0.1:2  ');
    await a.page.getByTestId('save-network').click();
    await a.page.getByRole('status').filter({ hasText: 'Saved. Reconnecting…' }).waitFor();
    expect((await entry()).keepers).toEqual(['ws://127.0.0.1:1', 'wss://127.0.0.1:2']);
    expect(linkParams(await shareLink(a.page)).getAll('keeper')).toEqual(['ws://127.0.0.1:1', 'wss://127.0.0.1:2']);
    await expect.poll(async () => (await keeperLine(a.page)).status, { timeout: 20_000 }).toBe('unreachable');

    await a.page.getByTestId('settings-keepers').fill('');
    await a.page.getByTestId('save-network').click();
    await expect.poll(async () => (await entry()).keepers).toBeUndefined();
    await expect.poll(async () => (await keeperLine(a.page)).status).toBe(null);
    expect(linkParams(await shareLink(a.page)).getAll('keeper')).toEqual([]);
    expectCleanPages(a.context);
    await closeBrowser(a.context);
  });
});
