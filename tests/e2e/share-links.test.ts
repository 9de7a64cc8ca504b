// Edit and view links (issue 14): the Share dialog offers both, each saying what it allows; a
// partner opening the view link receives the workspace over WebRTC and holds it view-only (a mark in
// the top bar; the others see them as viewing); the edit link opened afterwards upgrades them, and
// a view link never downgrades an edit holder. Each person is a separate Chromium process.
// Screenshots of the dialog at 1280 and 390 px wide: test-results/screens/share-dialog-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sameWorkspace, type WorkspaceAccess } from '../../src/sync/access';
import { parseShareLink, type ShareLink } from '../../src/sync/link';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { goTo } from './helpers';
import { addPoint, addTopic, createWorkspace, person, pointTexts, waitForPeers, type Person, storeAsBeforeViewLinks } from './peers-helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

function parsed(link: string): ShareLink {
  const result = parseShareLink(link);
  if (!result.ok) throw new Error(`${link}: ${result.message}`);
  return result.link;
}

function accessOfLink(link: ShareLink): WorkspaceAccess {
  return { kind: link.kind, secret: link.secret, ...(link.verifyKey ? { verifyKey: link.verifyKey } : {}) };
}

/** This browser's list entry for a workspace (localStorage), as the app keeps it. */
interface StoredEntry {
  id: string;
  kind?: string;
  secret?: string;
  verifyKey?: string;
}
function entryOf(page: Page, id: string): Promise<StoredEntry | undefined> {
  return page.evaluate((wanted) => (JSON.parse(localStorage.getItem('tavola.workspaces.v1') ?? '[]') as StoredEntry[]).find((e) => e.id === wanted), id);
}

/** The links in the open Share dialog, once the view link has been derived. */
async function dialogLinks(page: Page): Promise<{ edit: string; view: string }> {
  await expect.poll(() => page.getByTestId('view-link').inputValue()).toMatch(/#\/view\//);
  return { edit: await page.getByTestId('share-link').inputValue(), view: await page.getByTestId('view-link').inputValue() };
}

/** Who `page` sees in "who is here": name and whether they only view. */
function peopleHere(page: Page): Promise<{ name: string | null; viewing: string | null; title: string | null }[]> {
  return page
    .getByTestId('person')
    .evaluateAll((els) => els.map((el) => ({ name: el.getAttribute('data-name'), viewing: el.getAttribute('data-viewing'), title: el.getAttribute('title') })));
}

describe('edit and view links', () => {
  let a: Person;
  let b: Person;
  let id: string;
  let edit: string;
  let view: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([person('Anna', 'Rotterdam'), person('Bruno', 'Lisbon')]);
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(async () => {
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('the Share dialog of a new workspace offers an edit link and a view link of the same workspace, each saying what it allows', async () => {
    id = await createWorkspace(a.page, 'Port cities');
    await addTopic(a.page, 'Organised crime in European ports');
    await addPoint(a.page, 'Exchange practices with Latin American ports');
    await a.page.getByTestId('share').click();
    ({ edit, view } = await dialogLinks(a.page));

    const editLink = parsed(edit);
    const viewLink = parsed(view);
    expect([editLink.kind, viewLink.kind]).toEqual(['edit', 'view']);
    expect([editLink.workspaceId, viewLink.workspaceId]).toEqual([id, id]);
    expect(await sameWorkspace(accessOfLink(editLink), accessOfLink(viewLink))).toBe(true);
    // The view link cannot be turned back into the edit link: the edit secret is nowhere in it.
    expect(view).not.toContain(editLink.secret);
    expect(viewLink.secret).not.toBe(editLink.secret);
    expect(editLink.secret).toBe((await entryOf(a.page, id))?.secret);

    const dialog = a.page.getByTestId('share-dialog');
    expect(await dialog.getByTestId('share-edit').textContent()).toContain('Partners with this link can read and change everything. Give it only to members of the group.');
    expect(await dialog.getByTestId('share-view').textContent()).toContain(
      "Partners with this link can read everything, follow changes live, export and print, but change nothing. For a national forum, a liaison, the network's staff.",
    );
    expect(await dialog.getByTestId('no-view-link').count()).toBe(0);

    // For a person to look at: the dialog at a laptop's and a phone's width.
    mkdirSync(SCREENS_DIR, { recursive: true });
    for (const width of [1280, 390]) {
      await a.page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await a.page.mouse.move(0, 0);
      await a.page.screenshot({ path: path.join(SCREENS_DIR, `share-dialog-${width}.png`) });
      // Nothing in the dialog is wider than the window.
      const overflow = await a.page.evaluate(() => {
        const dialog = document.querySelector('dialog[open]')!;
        return [...dialog.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).length;
      });
      expect(overflow, `at ${width} px`).toBe(0);
    }
    await a.page.setViewportSize({ width: 1280, height: 800 });

    // Each link has its own Copy button.
    await a.page.getByTestId('copy-view-link').click();
    await expect.poll(() => a.page.getByTestId('copy-view-link').textContent()).toBe('Copied');
    expect(await a.page.evaluate(() => navigator.clipboard.readText())).toBe(view);
    expect(await a.page.getByTestId('copy-link').textContent()).toBe('Copy edit link');
    await a.page.getByTestId('copy-link').click();
    await expect.poll(() => a.page.getByTestId('copy-link').textContent()).toBe('Copied');
    expect(await a.page.evaluate(() => navigator.clipboard.readText())).toBe(edit);
    expect(await a.page.getByTestId('copy-view-link').textContent()).toBe('Copy view link');

    await a.page.getByRole('button', { name: 'Close' }).click();
  }, 60_000);

  test('B opens the view link: the workspace comes from A over WebRTC, marked view only, and A sees B as viewing', async () => {
    await b.page.goto(view);
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 45_000 }).toBe('Port cities');
    await waitForPeers(b.page, 1);
    await b.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(b.page), { timeout: 20_000 }).toEqual(['Exchange practices with Latin American ports']);
    expect(await entryOf(b.page, id)).toMatchObject({ kind: 'view', secret: parsed(view).secret, verifyKey: parsed(view).verifyKey });

    const mark = b.page.getByTestId('view-only');
    expect(await mark.isVisible()).toBe(true);
    expect(await mark.getAttribute('title')).toBe('You can read and export this workspace; only its members with the edit link can change it.');
    expect(await b.page.getByTestId('undo').count()).toBe(0);

    await expect
      .poll(() => peopleHere(a.page), { timeout: 20_000 })
      .toEqual([
        { name: 'Anna', viewing: 'false', title: 'Anna, Rotterdam (you)' },
        { name: 'Bruno', viewing: 'true', title: 'Bruno, Lisbon · viewing' },
      ]);
    // B sees itself as viewing, and A as an editor.
    expect(await peopleHere(b.page)).toEqual([
      { name: 'Bruno', viewing: 'true', title: 'Bruno, Lisbon · viewing (you)' },
      { name: 'Anna', viewing: 'false', title: 'Anna, Rotterdam' },
    ]);
    // For a person to look at: the viewer's top bar and status line, at a laptop's and a phone's width.
    for (const width of [1280, 390]) {
      await b.page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await b.page.mouse.move(0, 0);
      await b.page.screenshot({ path: path.join(SCREENS_DIR, `view-only-${width}.png`) });
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `at ${width} px`).toBeLessThanOrEqual(0);
    }
    await b.page.setViewportSize({ width: 1280, height: 800 });
    // A partner's change still reaches the viewer live.
    await addPoint(a.page, 'Partnership with a network of port cities');
    await expect.poll(() => pointTexts(b.page)).toEqual(['Exchange practices with Latin American ports', 'Partnership with a network of port cities']);
    expect(await a.page.getByTestId('view-only').count()).toBe(0);
  }, 90_000);

  test("B's Share dialog offers only the view link, and says this browser can only view", async () => {
    await b.page.getByTestId('share').click();
    const dialog = b.page.getByTestId('share-dialog');
    await expect.poll(() => b.page.getByTestId('view-link').inputValue()).toBe(view);
    expect(await dialog.getAttribute('data-kind')).toBe('view');
    expect(await b.page.getByTestId('share-link').count()).toBe(0);
    expect(await b.page.getByTestId('share-edit').count()).toBe(0);
    expect(await b.page.getByTestId('share-intro').textContent()).toContain('This browser can only view this workspace');
    await b.page.getByRole('button', { name: 'Close' }).click();
  });

  test('a view link opened where the edit link is held opens the workspace as held: never downgraded', async () => {
    await a.page.goto(view);
    await a.page.waitForURL(/#\/w\/[^/]+\/topics/);
    await expect.poll(() => a.page.getByTestId('workspace-name').textContent()).toBe('Port cities');
    expect(await entryOf(a.page, id)).toMatchObject({ kind: 'edit', secret: parsed(edit).secret });
    expect(await a.page.getByTestId('view-only').count()).toBe(0);
    expect(await a.page.getByTestId('link-conflict').count()).toBe(0);
  }, 60_000);

  test('B opens the edit link afterwards: upgraded to edit, the mark goes, A sees B as an editor, and B\'s change reaches A', async () => {
    const upgradeStart = Date.now();
    await b.page.goto(edit);
    await b.page.waitForURL(/#\/w\/[^/]+\/topics/);
    expect(await b.page.getByTestId('link-conflict').count()).toBe(0);
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent()).toBe('Port cities');
    expect(await entryOf(b.page, id)).toEqual(expect.objectContaining({ kind: 'edit', secret: parsed(edit).secret }));
    expect((await entryOf(b.page, id))?.verifyKey).toBeUndefined();
    await expect.poll(() => b.page.getByTestId('view-only').count()).toBe(0);
    await waitForPeers(a.page, 1);
    const reconnected = Date.now() - upgradeStart;
    await expect
      .poll(() => peopleHere(a.page), { timeout: 45_000 })
      .toEqual([
        { name: 'Anna', viewing: 'false', title: 'Anna, Rotterdam (you)' },
        { name: 'Bruno', viewing: 'false', title: 'Bruno, Lisbon' },
      ]);
    console.log(`[measure] view link upgraded to edit: A sees B connected after ${reconnected} ms, as an editor after ${Date.now() - upgradeStart} ms`);
    await b.page.getByTestId('topic-link').first().click();
    await addPoint(b.page, 'Point from Lisbon');
    await expect.poll(() => pointTexts(a.page), { timeout: 20_000 }).toContain('Point from Lisbon');
  }, 90_000);

  test('a workspace made before view links shows its one link, and says view links come with new links', async () => {
    await goTo(a.page, '/');
    const old = await createWorkspace(a.page, 'Older group');
    await storeAsBeforeViewLinks(a.page, old);
    await a.page.getByTestId('share').click();
    const dialog = a.page.getByTestId('share-dialog');
    await expect.poll(() => dialog.getAttribute('data-kind')).toBe('join');
    expect(parsed(await a.page.getByTestId('share-link').inputValue())).toMatchObject({ kind: 'join', workspaceId: old });
    expect(await a.page.getByTestId('view-link').count()).toBe(0);
    expect(await a.page.getByTestId('no-view-link').textContent()).toBe(
      'This workspace was made before view links, so it has one link for everyone. A view link comes when the group moves to new links.',
    );
    expect(await a.page.getByTestId('copy-link').textContent()).toBe('Copy link');
    await a.page.getByRole('button', { name: 'Close' }).click();
  });

  test('no page errors on either side', () => {
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
  });
});
