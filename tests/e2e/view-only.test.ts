// Issue 14: a browser that holds only a workspace's view link shows everything, live, and offers
// no way to change it: fields read-only, rich text not editable, no add, delete, move, status,
// owners or undo control, keys that change nothing; export and print stay. Two people, each in a
// separate Chromium process: Anna holds the edit link (the sample working group), Bruno the view
// link, computed here from Anna's edit link as the share dialog does.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deriveAccess } from '../../src/sync/access';
import { formatShareLink, parseShareLink } from '../../src/sync/link';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { FIXTURE, flushStorage, goTo, openSample, RELAY_NOISE, richText } from './helpers';
import { readStoredState } from './idb';
import { person, pointTexts, shareLink, waitForPeers, type Person } from './peers-helpers';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

/** The view link of an edit link: the same workspace, relays and keepers, the view secret and the writers' verify key. */
async function viewLinkOf(editLink: string): Promise<string> {
  const parsed = parseShareLink(editLink);
  if (!parsed.ok) throw new Error(parsed.message);
  expect(parsed.link.kind).toBe('edit');
  const keys = await deriveAccess({ kind: 'edit', secret: parsed.link.secret });
  return formatShareLink(editLink, { kind: 'view', workspaceId: parsed.link.workspaceId, secret: keys.view!.secret, verifyKey: keys.view!.verifyKey, relays: parsed.link.relays, keepers: [] });
}

/** Every text field of the screen's body that takes typing (a read-only one does not), described. */
function writableFields(page: Page): Promise<string[]> {
  return page.locator('.workspace-body input, .workspace-body textarea').evaluateAll((els) =>
    els
      .filter((el) => !(el as HTMLInputElement).readOnly && !(el as HTMLInputElement).disabled)
      .map((el) => `${el.tagName.toLowerCase()}[type=${(el as HTMLInputElement).type}] ${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? ''}`),
  );
}

/** The screen body's selects other than the ones that only filter what is shown. */
function choosingSelects(page: Page): Promise<string[]> {
  return page
    .locator('.workspace-body select')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? '?').filter((id) => !id.startsWith('filter-')));
}

/** Rich-text editors that take typing. */
function editableRich(page: Page): Promise<number> {
  return page.locator('.workspace-body [contenteditable="true"]').count();
}

/** How many of these test ids are on the page. */
async function present(page: Page, ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const id of ids) if ((await page.getByTestId(id).count()) > 0) found.push(id);
  return found;
}

/** The clients whose changes a browser's stored copy holds. */
async function storedClients(page: Page, workspaceId: string): Promise<number[]> {
  await flushStorage(page, workspaceId);
  const doc = new Y.Doc();
  for (const update of await readStoredState(page, workspaceId)) Y.applyUpdate(doc, update);
  return [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()].sort((a, b) => a - b);
}

describe('a view link', () => {
  let anna: Person;
  let bruno: Person;
  let workspaceId = '';
  const point = (p: Person, index: number) => p.page.getByTestId('focus-point-text').nth(index);
  const firstPoints = FIXTURE.topics[0]!.focusPoints;

  beforeAll(async () => {
    [anna, bruno] = await Promise.all([person('Anna', 'Amsterdam'), person('Bruno', 'Lisbon')]);
    // axe-core, for the last screens' check (as accessibility.test.ts brings it in).
    await bruno.context.addInitScript({ path: AXE_PATH });
  });
  afterAll(async () => {
    await Promise.all([closeBrowser(anna.context), closeBrowser(bruno.context)]);
  });

  test('Bruno opens the sample working group from its view link: everything arrives, marked view only', async () => {
    workspaceId = await openSample(anna.page);
    const view = await viewLinkOf(await shareLink(anna.page));
    await bruno.page.goto(view);
    await bruno.page.getByTestId('topic-view').waitFor({ timeout: 30_000 });
    await waitForPeers(bruno.page, 1);
    await expect.poll(() => pointTexts(bruno.page)).toEqual(firstPoints);
    expect(await bruno.page.getByTestId('view-only').count()).toBe(1);
    expect(await anna.page.getByTestId('view-only').count()).toBe(0);
  });

  test('the topics screen: every field read-only, no control that changes anything, and Anna\'s typing shows live', async () => {
    const page = bruno.page;
    expect(await writableFields(page)).toEqual([]);
    expect(await choosingSelects(page)).toEqual([]);
    expect(await present(page, ['add-topic', 'add-focus-point', 'status', 'owners', 'owner-option', 'move-up', 'move-down', 'delete-point', 'drag-handle', 'undo', 'redo', 'restore-point'])).toEqual([]);
    // Statuses are shown as labels, the owners as chips.
    expect(await page.getByTestId('status-label').count()).toBe(firstPoints.length);
    expect(await page.getByTestId('topic-title').evaluate((el: HTMLTextAreaElement) => el.readOnly)).toBe(true);
    // The editors' screen is as it was: Anna has every control.
    expect(await anna.page.getByTestId('status').count()).toBe(firstPoints.length);
    expect(await anna.page.getByTestId('add-focus-point').count()).toBe(1);

    await point(anna, 0).click();
    await point(anna, 0).press('Control+End');
    await point(anna, 0).pressSequentially(' Agreed in Rotterdam.', { delay: 10 });
    const typed = `${firstPoints[0]} Agreed in Rotterdam.`;
    await expect.poll(() => point(bruno, 0).inputValue()).toBe(typed);
  });

  test('typing and the editing keys change nothing, in Bruno\'s copy or in Anna\'s', async () => {
    const page = bruno.page;
    const before = await pointTexts(page);
    const annaBefore = await pointTexts(anna.page);
    expect(before).toEqual(annaBefore);
    await point(bruno, 1).click();
    await point(bruno, 1).press('Control+End');
    await page.keyboard.type('typed by a viewer');
    for (const key of ['Enter', 'Backspace', 'Control+z', 'Control+Shift+z', 'Alt+ArrowUp', 'Alt+ArrowDown', 'Delete']) await page.keyboard.press(key);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('pasted by a viewer');
    // The field still has the focus and its text is selectable (read-only, not disabled).
    expect(await point(bruno, 1).evaluate((el) => document.activeElement === el)).toBe(true);
    // Anything sent would have arrived by now (a keystroke takes milliseconds): give it a moment.
    await anna.page.waitForTimeout(500);
    expect(await pointTexts(page)).toEqual(before);
    expect(await pointTexts(anna.page)).toEqual(annaBefore);
    expect(await page.getByTestId('write-problem').count()).toBe(0);
  });

  test('the meeting screen: notes not editable, no participant, agenda or start control; Anna\'s notes show live', async () => {
    for (const p of [anna, bruno]) {
      await p.page.getByRole('link', { name: 'Meetings', exact: true }).click();
      await p.page.getByTestId('meeting-link').first().click();
      await p.page.getByTestId('meeting-view').waitFor();
    }
    const page = bruno.page;
    await page.getByTestId('meeting-notes').waitFor();
    expect(await writableFields(page)).toEqual([]);
    expect(await choosingSelects(page)).toEqual([]);
    expect(await editableRich(page)).toBe(0);
    expect(await page.getByTestId('meeting-notes').getAttribute('contenteditable')).toBe('false');
    expect(await present(page, ['add-meeting', 'delete-meeting', 'start-meeting', 'resume-meeting', 'agenda-remove', 'agenda-move-up', 'add-agenda-item', 'meeting-notes-bold', 'undo'])).toEqual([]);
    expect(await page.locator('.workspace-body input[type="checkbox"]').count()).toBe(0);
    // Anna's side is editable as ever.
    expect(await anna.page.getByTestId('meeting-notes').getAttribute('contenteditable')).toBe('true');

    const notes = anna.page.getByTestId('meeting-notes');
    await notes.click();
    await anna.page.keyboard.press('Control+End');
    await anna.page.keyboard.type(' Minutes follow.', { delay: 10 });
    await expect.poll(() => richText(page.getByTestId('meeting-notes'))).toContain('Minutes follow.');

    const shown = await richText(page.getByTestId('meeting-notes'));
    await page.getByTestId('meeting-notes').click();
    await page.keyboard.type('viewer notes');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+z');
    await anna.page.waitForTimeout(500);
    expect(await richText(page.getByTestId('meeting-notes'))).toBe(shown);
    expect(await richText(anna.page.getByTestId('meeting-notes'))).toBe(shown);
  });

  test('the practice sheet: every field read-only and its choices as text; the Markdown download and print stay', async () => {
    const page = bruno.page;
    await page.getByRole('link', { name: 'Practice sheets', exact: true }).click();
    await page.getByTestId('practice-view').waitFor();
    await page.getByTestId('section-context-text').waitFor();
    expect(await writableFields(page)).toEqual([]);
    expect(await choosingSelects(page)).toEqual([]);
    expect(await editableRich(page)).toBe(0);
    expect(await page.locator('.workspace-body input[type="checkbox"]').count()).toBe(0);
    expect(await present(page, ['add-practice', 'delete-practice', 'section-context-text-bold'])).toEqual([]);
    expect(await page.getByTestId('practice-status').evaluate((el) => el.tagName)).toBe('SPAN');
    expect(await present(page, ['download-practice-markdown', 'download-practice-docx', 'print-practice'])).toEqual(['download-practice-markdown', 'download-practice-docx', 'print-practice']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-practice-markdown').click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain(FIXTURE.practices[0]!.title);
  });

  test('members, versions and settings: read-only too; a backup can be exported, not merged in', async () => {
    const page = bruno.page;
    await goTo(page, `/w/${workspaceId}/members`);
    await page.getByTestId('members-table').waitFor();
    expect(await writableFields(page)).toEqual([]);
    expect(await choosingSelects(page)).toEqual([]);
    expect(await present(page, ['add-member', 'delete-member', 'move-up'])).toEqual([]);
    expect(await page.locator('.workspace-body input[type="checkbox"]').count()).toBe(0);

    await goTo(page, `/w/${workspaceId}/versions`);
    await page.getByTestId('view-only-note').waitFor();
    expect(await present(page, ['save-version', 'new-version', 'restore-version'])).toEqual([]);

    await goTo(page, `/w/${workspaceId}/settings`);
    await page.getByTestId('settings').waitFor();
    expect(await page.getByTestId('settings-name').evaluate((el: HTMLInputElement) => el.readOnly)).toBe(true);
    expect(await page.getByTestId('settings-description').evaluate((el: HTMLTextAreaElement) => el.readOnly)).toBe(true);
    expect(await present(page, ['merge-file', 'export-backup'])).toEqual(['export-backup']);
  });

  test('the view-only screens have no critical or serious accessibility violation (axe-core)', async () => {
    const page = bruno.page;
    const screens: [string, string, string][] = [
      ['topics', `/w/${workspaceId}/topics`, 'topic-view'],
      ['meetings', `/w/${workspaceId}/meetings`, 'meeting-list'],
      ['practice', `/w/${workspaceId}/practices`, 'practice-view'],
      ['members', `/w/${workspaceId}/members`, 'members-table'],
      ['settings', `/w/${workspaceId}/settings`, 'settings'],
    ];
    const found: string[] = [];
    // A new document, for the init script to bring axe-core in (moving between routes keeps the page).
    await page.reload({ waitUntil: 'load' });
    for (const [name, route, ready] of screens) {
      await goTo(page, route);
      await page.getByTestId(ready).waitFor();
      if (name === 'meetings') {
        await page.getByTestId('meeting-link').first().click();
        await page.getByTestId('meeting-notes').waitFor();
      }
      await page.mouse.move(1, 1);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} at ${n.target.map(String).join(' ')}`));
      });
      found.push(...violations.map((v) => `${name}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  test('screenshots of the view-only topics and practice sheet at 1280 and 390 px', async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    const page = bruno.page;
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await goTo(page, `/w/${workspaceId}/topics`);
      await page.getByTestId('topic-view').waitFor();
      await expect.poll(() => page.getByTestId('focus-point').count()).toBe(firstPoints.length);
      await page.mouse.move(width - 1, 10);
      await page.screenshot({ path: path.join(SCREENS_DIR, `view-only-topics-${width}.png`), fullPage: true });
      await goTo(page, `/w/${workspaceId}/practices`);
      await page.getByTestId('section-context-text').waitFor();
      await page.mouse.move(width - 1, 10);
      await page.screenshot({ path: path.join(SCREENS_DIR, `view-only-practice-${width}.png`), fullPage: true });
      await goTo(page, `/w/${workspaceId}/meetings`);
      await page.getByTestId('meeting-link').first().click();
      await page.getByTestId('meeting-notes').waitFor();
      await page.mouse.move(width - 1, 10);
      await page.screenshot({ path: path.join(SCREENS_DIR, `view-only-meeting-${width}.png`), fullPage: true });
    }
  });

  test('Bruno\'s copy never wrote: every change it stores is one of Anna\'s, and no page said a problem', async () => {
    const annaClients = await storedClients(anna.page, workspaceId);
    const brunoClients = await storedClients(bruno.page, workspaceId);
    expect(brunoClients.length).toBeGreaterThan(0);
    expect(brunoClients.filter((client) => !annaClients.includes(client))).toEqual([]);
    expectNoPageProblems(bruno.context, RELAY_NOISE);
    expectNoPageProblems(anna.context, RELAY_NOISE);
  });
});
