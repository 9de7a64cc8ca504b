import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { goTo } from './helpers';
import { createWorkspace, person, shareLink, waitForPeers, type Person } from './peers-helpers';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');

/** The section's editable area (ProseMirror's contenteditable). */
const section = (page: Page, name = 'context'): Locator => page.getByTestId(`section-${name}-text`);
/** The section's text, one line per text block, without partners' carets (their name labels sit in the text). */
const text = (page: Page) =>
  section(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('[data-testid=remote-caret]')) caret.remove();
    return [...copy.querySelectorAll('p, h4, h5')].map((block) => (block.textContent ?? '').replace(/\u2060/g, '')).join('\n');
  });
/** The section's content as structure: each block's tag and, for bold text, the <strong>s. */
const structure = (page: Page) =>
  section(page).evaluate((el) => ({
    blocks: [...el.children].map((child) => child.tagName.toLowerCase()),
    bold: [...el.querySelectorAll('strong')].map((strong) => strong.textContent),
  }));

async function undoUntil(page: Page, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40 && !(await done()); i++) {
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(50);
  }
}

describe('rich text: two partners in one section', () => {
  let a: Person;
  let b: Person;

  beforeAll(async () => {
    [a, b] = await Promise.all([person('Anna', 'Amsterdam'), person('Ruud', 'Rotterdam')]);
  });
  afterAll(async () => {
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('both type with formatting at once: both end identical and whole; carets and "is typing" shown', async () => {
    const workspaceId = await createWorkspace(a.page, 'Port cities');
    await goTo(a.page, `/w/${workspaceId}/practices`);
    await a.page.getByLabel('New practice sheet').fill('Port security pact');
    await a.page.getByTestId('add-practice').getByRole('button', { name: 'Add' }).click();
    await a.page.waitForURL(/\/practices\/[^/]+$/);
    const sheetRoute = a.page.url().split('#')[1]!;
    const link = await shareLink(a.page);

    await b.page.goto(link);
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 45_000 }).toBe('Port cities');
    await goTo(b.page, sheetRoute);
    await waitForPeers(a.page, 1);
    await waitForPeers(b.page, 1);

    // Anna starts the section: a heading, then a paragraph with a bold word.
    await section(a.page).click();
    await a.page.getByTestId('section-context-text-heading1').click();
    await a.page.keyboard.type('Rotterdam port', { delay: 10 });
    await expect.poll(() => a.page.getByTestId('section-context-text-heading1').getAttribute('aria-pressed')).toBe('true');
    await a.page.keyboard.press('Enter');
    await expect.poll(() => text(b.page)).toContain('Rotterdam port');

    // Now both at once: Anna at the end of the heading, Ruud in a new paragraph, with bold.
    await section(b.page).click();
    await b.page.keyboard.press('Control+End');
    await section(a.page).click();
    await a.page.keyboard.press('Control+Home');
    await a.page.keyboard.press('End');
    await Promise.all([
      (async () => {
        await a.page.keyboard.type(' and partners', { delay: 15 });
      })(),
      (async () => {
        await b.page.keyboard.type('Checks by ', { delay: 15 });
        await b.page.keyboard.press('Control+b');
        await b.page.keyboard.type('customs', { delay: 15 });
        await b.page.keyboard.press('Control+b');
        await b.page.keyboard.type(' and police.', { delay: 15 });
      })(),
    ]);
    const expected = 'Rotterdam port and partners\nChecks by customs and police.';
    await expect.poll(() => text(a.page), { timeout: 10_000 }).toBe(expected);
    await expect.poll(() => text(b.page), { timeout: 10_000 }).toBe(expected);
    expect(await structure(a.page)).toEqual({ blocks: ['h4', 'p'], bold: ['customs'] });
    expect(await structure(b.page)).toEqual({ blocks: ['h4', 'p'], bold: ['customs'] });

    // Each sees the other's caret, in the section, with their name; and who is typing there.
    await expect.poll(() => a.page.getByTestId('section-context-text-editor').getByTestId('remote-caret').getAttribute('data-name')).toBe('Ruud');
    await expect.poll(() => b.page.getByTestId('section-context-text-editor').getByTestId('remote-caret').getAttribute('data-name')).toBe('Anna');
    await expect.poll(() => a.page.getByTestId('section-context-text-editor').getByTestId('remote-caret').innerText()).toContain('Rotterdam');
    await expect.poll(() => a.page.getByTestId('section-context-text-typing').innerText()).toBe('Rotterdam is typing');
    expect(await a.page.getByTestId('section-objectives-text-editor').getByTestId('remote-caret').count()).toBe(0);
    // For a person to look at: the section with the partner's named caret, on each side.
    mkdirSync(SCREENS_DIR, { recursive: true });
    for (const [who, p] of [['a', a.page], ['b', b.page]] as const) {
      writeFileSync(path.join(SCREENS_DIR, `rich-text-partners-${who}.png`), await p.getByTestId('section-context').screenshot());
    }
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
  });

  test('each undoes only their own edits, in either browser', async () => {
    // Anna undoes (Ctrl+Z in the editor): her words go, Ruud's stay, on both sides.
    await section(a.page).click();
    await undoUntil(a.page, async () => !(await text(a.page)).includes('and partners'));
    await expect.poll(() => text(b.page)).not.toContain('and partners');
    expect(await text(a.page)).toContain('Checks by customs and police.');
    expect(await text(b.page)).toContain('Checks by customs and police.');
    const afterAnna = await text(a.page);

    // Ruud undoes with the app's Undo button: his sentence goes, Anna's heading (typed before
    // his edits, not undone) stays.
    for (let i = 0; i < 40 && (await text(b.page)).includes('police'); i++) {
      await b.page.getByTestId('undo').click();
      await b.page.waitForTimeout(50);
    }
    await expect.poll(() => text(a.page)).not.toContain('police');
    // What Anna's undo left of her own writing is still there (how much of her typing was one
    // step depends on the half-second grouping, so it is read, not assumed).
    for (const line of afterAnna.split('\n').filter((l) => l.trim() && !l.includes('police'))) {
      expect(await text(a.page)).toContain(line);
      expect(await text(b.page)).toContain(line);
    }
    await expect.poll(async () => (await text(a.page)) === (await text(b.page))).toBe(true);

    // And Anna's redo brings back her own words only.
    await section(a.page).click();
    await a.page.keyboard.press('Control+Shift+z');
    await expect.poll(() => text(b.page)).toContain('and partners');
    expect(await text(b.page)).not.toContain('police');
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
  });
});
