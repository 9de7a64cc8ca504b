// Issue 14: taking links back. A member replaces the links: the workspace moves to a new edit
// secret (new room, new view link, new keeper document). A member holding the old edit link is
// moved along when it next meets a member who has the new one; the old view link gets nothing new
// and says so; with "move members along" off, the old edit link is only told. A version saved
// before still restores (docs/sync.md, "Replacing the links").
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers, type Person, storeAsBeforeViewLinks } from './peers-helpers';

async function viewLink(page: Page): Promise<string> {
  await page.getByTestId('share').click();
  await expect.poll(() => page.getByTestId('view-link').inputValue()).toMatch(/#\/view\//);
  const link = await page.getByTestId('view-link').inputValue();
  await page.getByRole('button', { name: 'Close' }).click();
  return link;
}

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

/** Screenshots at a laptop's and a phone's width; nothing may poke out sideways. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} at ${width}`).toBe(0);
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

let shotConfirm = false;
async function replace(page: Page, moveMembers: boolean): Promise<void> {
  await page.getByTestId('share').click();
  const before = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('replace-links').click();
  const move = page.getByTestId('move-members');
  if ((await move.isChecked()) !== moveMembers) await move.click();
  if (!shotConfirm) {
    shotConfirm = true;
    await page.getByTestId('confirm-replace').scrollIntoViewIfNeeded();
    await screenshot(page, 'replace-links-confirm');
  }
  await page.getByTestId('confirm-replace').click();
  await expect.poll(() => page.getByTestId('links-replaced').count()).toBe(1);
  await expect.poll(() => page.getByTestId('share-link').inputValue()).not.toBe(before);
  await page.getByRole('button', { name: 'Close' }).click();
}

const toggleOffline = async (page: Page, status: 'paused' | 'looking' | 'connected') => {
  await page.getByTestId('toggle-offline').click();
  if (status !== 'connected') await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe(status);
};

describe('replacing the links', () => {
  let a: Person;
  let b: Person;
  let c: Person | undefined;
  let versionAddress = '';
  beforeAll(async () => {
    [a, b] = await Promise.all([person('Anna', 'Amsterdam'), person('Bruno', 'Lisbon')]);
  });
  afterAll(async () => {
    await Promise.all([a, b, c].filter((p): p is Person => !!p).map((p) => closeBrowser(p.context)));
  });

  test('a member with the old edit link is moved along; the old view link gets nothing new and says so', async () => {
    await createWorkspace(a.page, 'Port cities');
    await addTopic(a.page, 'Organised crime in European ports');
    await addPoint(a.page, 'Before the replacement');
    // A version saved with the old links, restored after the replacement (the last test).
    await openTab(a.page, 'Versions');
    await a.page.getByTestId('version-name').fill('With the old links');
    await a.page.getByRole('button', { name: 'Save version' }).click();
    await a.page.waitForURL(/#\/w\/[^/]+\/versions\/[^/?]+$/);
    versionAddress = a.page.url();
    await openTab(a.page, 'Topics');
    const oldEdit = await shareLink(a.page);
    const oldView = await viewLink(a.page);
    await b.page.goto(oldEdit);
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await waitForPeers(b.page, 1);

    // Bruno works offline while Anna replaces the links and goes on.
    await toggleOffline(b.page, 'paused');
    await replace(a.page, true);
    const newEdit = await shareLink(a.page);
    expect(newEdit).not.toBe(oldEdit);
    await addPoint(a.page, 'After the replacement');

    // Back online with the old link, Bruno meets Anna on the rendezvous and is moved along.
    await toggleOffline(b.page, 'connected');
    await expect.poll(() => pointTexts(b.page), { timeout: 45_000 }).toEqual(['Before the replacement', 'After the replacement']);
    expect(await shareLink(b.page)).toBe(newEdit);
    await waitForPeers(a.page, 1);

    // Someone opens the old view link: told it was replaced, and nothing arrives.
    c = await person('Carla', 'Rotterdam');
    await c.page.goto(oldView);
    await expect.poll(() => c!.page.getByTestId('link-replaced').count(), { timeout: 45_000 }).toBe(1);
    expect(await c.page.getByTestId('link-replaced').textContent()).toMatch(/replaced/i);
    expect(await c.page.getByTestId('topic-link').count()).toBe(0);
    await screenshot(c.page, 'link-replaced');
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
  });

  test('without moving members along, the old edit link gets nothing new and says so', async () => {
    await replace(a.page, false);
    await expect.poll(() => b.page.getByTestId('link-replaced').count(), { timeout: 45_000 }).toBe(1);
    await addPoint(a.page, 'Only with the newest link');
    // Anna's new point never reaches Bruno, whose link was taken back; his copy keeps what it had.
    await b.page.waitForTimeout(3_000);
    expect(await pointTexts(b.page)).toEqual(['Before the replacement', 'After the replacement']);
    // Sent the new edit link, he opens it and is back with the group.
    await b.page.goto(await shareLink(a.page));
    await b.page.getByTestId('use-new-key').click();
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await expect.poll(() => pointTexts(b.page), { timeout: 45_000 }).toEqual(['Before the replacement', 'After the replacement', 'Only with the newest link']);
    expect(await b.page.getByTestId('link-replaced').count()).toBe(0);
  });

  test('a version saved before the replacement still restores, and the restore reaches the member with the new link', async () => {
    await a.page.goto(versionAddress);
    await a.page.getByTestId('restore-version').click();
    const dialog = a.page.getByRole('dialog', { name: 'Restore this version?' });
    await dialog.getByTestId('confirm').click();
    await a.page.getByTestId('restore-done').waitFor();
    await openTab(a.page, 'Topics');
    await expect.poll(() => pointTexts(a.page)).toEqual(['Before the replacement']);
    await expect.poll(() => pointTexts(b.page), { timeout: 45_000 }).toEqual(['Before the replacement']);
  });
});

describe('a workspace made before view links', () => {
  let a: Person;
  let b: Person;
  beforeAll(async () => {
    [a, b] = await Promise.all([person('Anna', 'Amsterdam'), person('Bruno', 'Lisbon')]);
  });
  afterAll(async () => {
    await Promise.all([a, b].map((p) => closeBrowser(p.context)));
  });

  test('syncs with its #/join/ link, and moves to edit and view links with its members', async () => {
    const id = await createWorkspace(a.page, 'Older group');
    await storeAsBeforeViewLinks(a.page, id);
    await addTopic(a.page, 'Night-time economy');
    await addPoint(a.page, 'From before view links');
    const joinLink = await shareLink(a.page);
    expect(joinLink).toContain(`#/join/${id}/`);
    await b.page.goto(joinLink);
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await expect.poll(() => pointTexts(b.page)).toEqual(['From before view links']);

    await replace(a.page, true);
    expect(await viewLink(a.page)).toContain(`#/view/${id}/`);
    // Bruno, online with the old link, is moved along to the new edit link.
    const kindOf = async (page: Page) => {
      await page.getByTestId('share').click();
      const kind = await page.getByTestId('share-dialog').getAttribute('data-kind');
      await page.getByRole('button', { name: 'Close' }).click();
      return kind;
    };
    await expect.poll(() => kindOf(b.page), { timeout: 45_000 }).toBe('edit');
    await addPoint(b.page, 'From after the move');
    await expect.poll(() => pointTexts(a.page), { timeout: 45_000 }).toEqual(['From before view links', 'From after the move']);
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
  });
});

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name, exact: true }).click();
}
