// A practice sheet made ready to publish: its header filled in the app, downloaded as Markdown and
// as .docx through the buttons (and read back), and printed on A4 as a document, not as a form.
// The print view's screenshot and PDF go to test-results/screens/ for a person to look at.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { addTopic, createWorkspace, expectCleanPages, flushStorage, goTo } from './helpers';
import { readDocx } from '../unit/docx-reader';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');
const A4 = { width: 794, height: 1123 };
const TITLE = 'Port security pact';
const CONTEXT = 'Containers screened at the quay since 2019.';
const BOLD = 'Checked daily';
const BUDGET = 'EUR 40 000 a year.';

describe('a practice sheet ready to publish', () => {
  let browser: BrowserContext;
  let page: Page;
  let id: string;

  const tab = (name: string) => page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    browser = await launchBrowser();
    page = await openApp(browser, '/');
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test("the header: city and country from the member, period, partners, contact, topics and status", async () => {
    await goTo(page, '/');
    id = await createWorkspace(page, 'Port cities');
    await addTopic(page, 'Organised crime in ports');
    await tab('Members').click();
    const form = page.getByTestId('add-member');
    await form.getByTestId('add-member-name').fill('Rotterdam');
    await form.getByTestId('add-member-kind').selectOption('city');
    await form.getByTestId('add-member-country').selectOption({ label: 'Netherlands' });
    await form.getByTestId('add-member-submit').click();
    await page.getByTestId('member-row').waitFor();

    await tab('Practice sheets').click();
    const add = page.getByTestId('add-practice');
    await add.getByRole('textbox').fill(TITLE);
    await add.getByRole('button', { name: 'Add' }).click();
    await page.waitForURL(/#\/w\/[^/]+\/practices\/[^/]+$/);
    const header = page.getByTestId('practice-header');
    await header.waitFor();

    expect(await page.getByTestId('practice-country').textContent()).toContain('—');
    await page.getByTestId('practice-member').selectOption({ label: 'Rotterdam (Netherlands)' });
    await expect.poll(() => page.getByTestId('practice-country').textContent()).toBe('Country Netherlands');
    await page.getByTestId('practice-period-start').fill('2019-03');
    await page.getByTestId('practice-period-end').fill('2023-06');
    await page.getByTestId('practice-partners').fill('Port of Rotterdam, Customs');
    await page.getByTestId('practice-contact-name').fill('Anna de Vries');
    await page.getByTestId('practice-contact-email').fill('anna.rotterdam.nl');
    await page.getByTestId('practice-contact-email-warning').waitFor();
    await page.getByTestId('practice-contact-email').fill('anna@rotterdam.nl');
    await expect.poll(() => page.getByTestId('practice-contact-email-warning').count()).toBe(0);
    await page.getByTestId('practice-topics').locator('input').first().check();
    await page.getByTestId('practice-status').selectOption('final');

    // An end before the start is refused, and the field goes back to what the sheet says.
    await page.getByTestId('practice-period-end').fill('2018-01');
    await expect.poll(() => page.getByTestId('practice-period-end').inputValue()).toBe('2023-06');

    // A section, typed as a person types (a textarea, or the rich-text editor).
    await page.getByTestId('section-context').locator('textarea, [contenteditable="true"]').first().click();
    await page.keyboard.type(CONTEXT);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(BOLD);
    await page.keyboard.press('Control+b');

    // Everything survives a reload (once on disk: y-indexeddb can lose a write still in flight).
    await flushStorage(page, id);
    await page.reload({ waitUntil: 'load' });
    await header.waitFor();
    await expect.poll(() => page.getByTestId('practice-period-start').inputValue()).toBe('2019-03');
    expect(await page.getByTestId('practice-period-end').inputValue()).toBe('2023-06');
    expect(await page.getByTestId('practice-partners').inputValue()).toBe('Port of Rotterdam, Customs');
    expect(await page.getByTestId('practice-contact-email').inputValue()).toBe('anna@rotterdam.nl');
    writeFileSync(path.join(SCREENS_DIR, 'practice-sheet-header.png'), await page.screenshot({ fullPage: true }));
    expectCleanPages(browser);
  });

  test('downloads the sheet as Markdown with its header and sections', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-practice-markdown').click()]);
    expect(download.suggestedFilename()).toBe('port-security-pact-practice-sheet.md');
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toMatch(/^# Port security pact\n\nPractice sheet · Port cities\n\n/);
    expect(markdown).toContain(
      [
        '- **City:** Rotterdam',
        '- **Country:** Netherlands',
        '- **Period:** March 2019 – June 2023',
        '- **Partners:** Port of Rotterdam, Customs',
        '- **Contact:** Anna de Vries, [anna@rotterdam.nl](mailto:anna@rotterdam.nl)',
        '- **Topics:** Organised crime in ports',
        '- **Status:** Final',
      ].join('\n'),
    );
    expect(markdown).toContain(`## 1. Context\n\n${CONTEXT}\n\n**${BOLD}**\n\n## 2. Objectives\n\n_Not written yet._`);
  });

  test('downloads the sheet as a .docx, loading the library only then', async () => {
    const docxRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/assets\/docx-[^/]*\.js$/.test(request.url())) docxRequests.push(request.url());
    });
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => /\/assets\/docx-/.test(name)));
    expect(scripts).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-practice-docx').click()]);
    expect(download.suggestedFilename()).toBe('port-security-pact-practice-sheet.docx');
    const { paragraphs } = readDocx(new Uint8Array(readFileSync((await download.path())!)));
    expect(paragraphs[0]).toMatchObject({ style: 'Heading1', text: TITLE });
    expect(paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(['1. Context', '2. Objectives', '3. Activities', '4. Budget', '5. Evaluation']);
    expect(paragraphs.filter((p) => p.inTable).map((p) => p.text)).toEqual([
      'City', 'Rotterdam',
      'Country', 'Netherlands',
      'Period', 'March 2019 – June 2023',
      'Partners', 'Port of Rotterdam, Customs',
      'Contact', 'Anna de Vries, anna@rotterdam.nl',
      'Topics', 'Organised crime in ports',
      'Status', 'Final',
    ]);
    expect(paragraphs.some((p) => p.text === CONTEXT)).toBe(true);
    expect(paragraphs.find((p) => p.text === BOLD)?.runs).toEqual([{ text: BOLD, bold: true, italic: false, link: null }]);
    // The service worker may have cached it, but the page asked for it only now.
    expect(docxRequests.length).toBeGreaterThan(0);
  });

  test('prints as a clean A4 sheet: the document, with no form controls and nothing of the app around it', async () => {
    await page.setViewportSize(A4);
    await page.emulateMedia({ media: 'print' });
    const print = page.getByTestId('practice-print');
    expect(await print.isVisible()).toBe(true);
    for (const hidden of ['.topbar', '.tabs', '.sidebar']) expect(await page.locator(hidden).first().isVisible()).toBe(false);
    expect(await page.getByTestId('practice-header').isVisible()).toBe(false);
    expect(await page.getByTestId('practice-actions').isVisible()).toBe(false);
    // No control of any kind is drawn.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button, [contenteditable="true"]')].filter((el) => (el as HTMLElement).getClientRects().length > 0).map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(controls).toEqual([]);
    expect(await print.locator('h1').textContent()).toBe(TITLE);
    expect(await print.locator('h2').allTextContents()).toEqual(['1. Context', '2. Objectives', '3. Activities', '4. Budget', '5. Evaluation']);
    expect(await print.locator('.export-facts dt').allTextContents()).toEqual(['City', 'Country', 'Period', 'Partners', 'Contact', 'Topics', 'Status']);
    expect(await print.locator('.export-facts [data-label="Period"] dd').textContent()).toBe('March 2019 – June 2023');
    expect(await print.locator('strong').allTextContents()).toEqual([BOLD]);
    const style = await print.evaluate((el) => {
      const s = getComputedStyle(el);
      const body = getComputedStyle(document.body);
      return { display: s.display, font: s.fontFamily, background: body.backgroundColor, width: el.getBoundingClientRect().width };
    });
    expect(style.display).toBe('block');
    expect(style.font).toMatch(/Georgia/);
    expect(style.background).toBe('rgb(255, 255, 255)');
    // The sheet takes the page's width (the screen's 280 px sidebar column is gone).
    expect(style.width).toBeGreaterThan(A4.width * 0.9);
    writeFileSync(path.join(SCREENS_DIR, 'practice-print-a4.png'), await page.screenshot({ fullPage: true }));

    // The PDF Chromium writes from the sheet's @page rule is A4: 595 × 842 points (210 × 297 mm).
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(SCREENS_DIR, 'practice-print.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(box).not.toBeNull();
    expect(Math.round(Number(box![1]))).toBe(595);
    expect(Math.round(Number(box![2]))).toBe(842);

    await page.emulateMedia({ media: 'screen' });
    expect(await print.isVisible()).toBe(false);
    expect(await page.getByTestId('practice-header').isVisible()).toBe(true);
  });

  test('another screen prints as it is: the print view is scoped to the sheet and the minutes', async () => {
    await tab('Topics').click();
    await page.getByTestId('topic-view').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(true);
    expect(await page.locator('.tabs').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await goTo(page, `/w/${id}/practices`);
    expectCleanPages(browser);
  });

  test('a named version keeps the sheet, and what changed since shows section by section', async () => {
    await tab('Versions').click();
    await page.getByTestId('version-name').fill('Before the review');
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.waitForURL(/#\/w\/[^/]+\/versions\/[^/?]+$/);
    const kept = page.getByTestId('version-practice');
    await kept.locator('summary').click();
    expect(await kept.locator('summary').textContent()).toBe(`${TITLE} · Rotterdam · March 2019 – June 2023 · Final`);
    expect(await kept.textContent()).toContain(CONTEXT);

    await tab('Practice sheets').click();
    await page.getByTestId('practice-header').waitFor();
    await page.getByTestId('section-budget').locator('textarea, [contenteditable="true"]').first().click();
    await page.keyboard.type(BUDGET);
    await page.getByTestId('practice-partners').fill('Port of Rotterdam, Customs, Police');

    await tab('Versions').click();
    await page.getByTestId('version-link').first().click();
    await page.getByTestId('show-changes').click();
    const sheet = page.getByTestId('practice-change');
    await expect.poll(() => sheet.count()).toBe(1);
    expect(await sheet.getAttribute('data-kind')).toBe('changed');
    expect(await sheet.getByTestId('practice-field-change').evaluateAll((els) => els.map((el) => [el.getAttribute('data-field'), el.textContent]))).toEqual([
      ['partners', 'Partners: Port of Rotterdam, Customs → Port of Rotterdam, Customs, Police'],
    ]);
    const sections = sheet.getByTestId('practice-section-change');
    expect(await sections.evaluateAll((els) => els.map((el) => el.getAttribute('data-section')))).toEqual(['budget']);
    expect(await sections.getByTestId('section-after').textContent()).toBe(BUDGET);
    expect(await sections.getByTestId('section-before').count()).toBe(0);
    // The count on the tab takes the sheet in.
    expect(await page.getByTestId('show-changes').locator('.count').textContent()).toBe('1');
    writeFileSync(path.join(SCREENS_DIR, 'practice-version-changes.png'), await page.screenshot({ fullPage: true }));
    expectCleanPages(browser);
  });
});
