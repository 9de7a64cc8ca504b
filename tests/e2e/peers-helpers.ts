// Helpers for tests with several people: each person is a separate Chromium process.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser, openApp } from './harness/browser';

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A person with their own browser, who has said who they are. */
export async function person(name: string, organisation = ''): Promise<Person> {
  const context = await launchBrowser();
  // The profile is asked once and kept in localStorage; set it as the prompt would.
  await context.addInitScript(
    ([n, o]) => {
      try {
        if (!localStorage.getItem('tavola.profile.v1')) {
          localStorage.setItem('tavola.profile.v1', JSON.stringify({ name: n, organisation: o, color: '#1f77b4' }));
        }
      } catch {
        // about:blank has no localStorage.
      }
    },
    [name, organisation],
  );
  const page = await openApp(context, '/');
  return { context, page };
}

/** Create a workspace through the home screen; returns its id. */
export async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.getByLabel('Name of the new workspace').fill(name);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL(/#\/w\/[^/]+\/topics/);
  return page.url().match(/#\/w\/([^/]+)\//)![1]!;
}

export async function addTopic(page: Page, title: string): Promise<void> {
  await page.getByLabel('New topic').fill(title);
  await page.getByTestId('add-topic').getByRole('button', { name: 'Add' }).click();
  await expect.poll(() => page.getByTestId('topic-title').inputValue()).toBe(title);
}

export async function addPoint(page: Page, text: string): Promise<void> {
  const before = await page.getByTestId('focus-point').count();
  await page.getByLabel('New focus point').fill(text);
  await page.getByRole('button', { name: 'Add point' }).click();
  await expect.poll(() => page.getByTestId('focus-point').count()).toBe(before + 1);
}

/** The edit link from the Share dialog (#/join/ for a workspace made before view links). */
export async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByRole('button', { name: 'Close' }).click();
  expect(link).toMatch(/#\/(edit|join)\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]{22,}/);
  return link;
}

export async function pointTexts(page: Page): Promise<string[]> {
  return page.getByTestId('focus-point-text').evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));
}

/**
 * Until the page says it is connected to `count` partners. 45 s, as in peers.test.ts: a connection
 * made again (after "work offline", a reload) once took over 20 s in a fresh-clone CI run (stop 20,
 * joining.test.ts); the cause is not found yet (see the issue notes).
 */
export async function waitForPeers(page: Page, count: number): Promise<void> {
  await expect
    .poll(() => page.getByTestId('connection-status').textContent(), { timeout: 45_000 })
    .toBe(count === 1 ? 'Connected to 1 partner' : `Connected to ${count} partners`);
}

/** Make a workspace of this browser look as it was stored before view links: a secret and no kind. */
export async function storeAsBeforeViewLinks(page: Page, id: string): Promise<void> {
  await page.evaluate((wanted) => {
    const list = JSON.parse(localStorage.getItem('tavola.workspaces.v1') ?? '[]') as { id: string; kind?: string }[];
    for (const entry of list) if (entry.id === wanted) delete entry.kind;
    localStorage.setItem('tavola.workspaces.v1', JSON.stringify(list));
  }, id);
  await page.reload();
}
