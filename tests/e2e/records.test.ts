// The members, meetings and practice sheets screens, one workspace through the three of them:
// what a person enters there is shown as entered, and is still there after a reload.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { addTopic, createWorkspace, expectCleanPages, flushStorage, goTo, richText, valuesOf } from './helpers';

const TOPICS = ['Organised crime in ports', 'Trafficking in human beings', 'Illicit money in the legal economy'] as const;
const [T1, T2, T3] = TOPICS;

describe('members, meetings and practice sheets', () => {
  let browser: BrowserContext;
  let page: Page;
  let id: string;

  const tab = (name: string) => page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name, exact: true });
  const reload = async () => {
    await flushStorage(page, id);
    await page.reload({ waitUntil: 'load' });
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openApp(browser, '/');
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test('members: add with name, kind and country; edit; delete one for good, delete and restore another', async () => {
    await goTo(page, '/');
    id = await createWorkspace(page, 'Records workspace');
    for (const title of TOPICS) await addTopic(page, title);

    await tab('Members').click();
    await page.getByText('No members yet').waitFor();
    const form = page.getByTestId('add-member');
    const rows = page.getByTestId('member-row');
    // Countries are picked from the list by their name (English: the browser's locale is en-GB).
    const add = async (name: string, kind: string, country: string) => {
      const before = await rows.count();
      await form.getByTestId('add-member-name').fill(name);
      await form.getByTestId('add-member-kind').selectOption(kind);
      await form.getByTestId('add-member-country').selectOption({ label: country });
      await form.getByTestId('add-member-submit').click();
      await expect.poll(() => rows.count()).toBe(before + 1);
    };
    await add('City of Lyon', 'city', 'France');
    await add('Tuscany Region', 'region', 'Italy');
    await add('Forum for Urban Security', 'national-forum', 'Not given');
    expect(await valuesOf(page.getByTestId('member-name'))).toEqual(['City of Lyon', 'Tuscany Region', 'Forum for Urban Security']);
    expect(await valuesOf(page.getByTestId('member-kind'))).toEqual(['city', 'region', 'national-forum']);
    expect(await valuesOf(page.getByTestId('member-country'))).toEqual(['FR', 'IT', '']);

    // Edit the first member: name (Enter ends the edit), kind, country, lead.
    const lyon = rows.nth(0);
    await lyon.getByTestId('member-name').fill('Métropole de Lyon');
    await lyon.getByTestId('member-name').press('Enter');
    await lyon.getByTestId('member-kind').selectOption('region');
    await expect.poll(() => lyon.getAttribute('data-kind')).toBe('region');
    await lyon.getByTestId('member-lead').check();
    await lyon.getByTestId('lead-badge').waitFor();
    // The third gets a country, picked from the list.
    await rows.nth(2).getByTestId('member-country').selectOption({ label: 'Belgium' });
    await expect.poll(() => rows.nth(2).getByTestId('member-country').inputValue()).toBe('BE');
    expect(await lyon.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Métropole de Lyon');

    // Delete the second, and restore it from the deleted members.
    await rows.nth(1).getByTestId('delete-member').click();
    await expect.poll(() => valuesOf(page.getByTestId('member-name'))).toEqual(['Métropole de Lyon', 'Forum for Urban Security']);
    const trash = page.getByTestId('deleted-members');
    await trash.locator('summary').click();
    expect(await trash.getByTestId('deleted-member').locator('.deleted-text').allTextContents()).toEqual(['Tuscany Region · Region, Italy']);
    await trash.getByTestId('restore-member').click();
    await expect.poll(() => valuesOf(page.getByTestId('member-name'))).toEqual(['Métropole de Lyon', 'Tuscany Region', 'Forum for Urban Security']);
    await expect.poll(() => trash.count()).toBe(0);
    // The forum goes for good.
    await rows.nth(2).getByTestId('delete-member').click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('members-summary').textContent()).toBe('2 members from 2 countries · 1 lead');

    await reload();
    await expect.poll(() => valuesOf(page.getByTestId('member-name'))).toEqual(['Métropole de Lyon', 'Tuscany Region']);
    expect(await valuesOf(page.getByTestId('member-kind'))).toEqual(['region', 'region']);
    expect(await valuesOf(page.getByTestId('member-country'))).toEqual(['FR', 'IT']);
    expect(await page.getByTestId('member-lead').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).checked))).toEqual([true, false]);
    expect(await page.getByTestId('deleted-members').locator('summary').textContent()).toBe('Deleted members (1)');
    expect(await page.getByTestId('deleted-member').locator('.deleted-text').textContent()).toBe('Forum for Urban Security · National forum, Belgium');
    expectCleanPages(browser);
  });

  test('meetings: create with title and date, tick participants, build and reorder the agenda, type notes', async () => {
    await tab('Meetings').click();
    await page.getByText('No meetings yet', { exact: true }).first().waitFor();
    const create = async (title: string, date: string) => {
      await page.getByTestId('add-meeting-title').fill(title);
      await page.getByTestId('add-meeting-date').fill(date);
      await page.getByTestId('add-meeting-submit').click();
      await page.waitForURL(/#\/w\/[^/]+\/meetings\/[^/]+$/);
      await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe(title);
    };
    await create('Preparatory call', '2023-11-02');
    await create('Kick-off in Lyon', '2024-05-14');
    const meetingUrl = page.url();
    expect(await page.getByTestId('meeting-date').inputValue()).toBe('2024-05-14');
    expect(await page.locator('.meeting-date-long').textContent()).toBe('14 May 2024');
    // Newest first in the list.
    expect(await page.getByTestId('meeting-link').locator('.meeting-link-title').allTextContents()).toEqual(['Kick-off in Lyon', 'Preparatory call']);

    // Participants: both members ticked, then one unticked and ticked again.
    const participant = (name: string) => page.getByTestId('participant').filter({ hasText: name }).locator('input');
    expect(await page.getByTestId('participant').count()).toBe(2);
    await participant('Métropole de Lyon').check();
    await participant('Tuscany Region').check();
    await expect.poll(() => page.getByTestId('participant-count').textContent()).toBe('2');
    await participant('Tuscany Region').uncheck();
    await expect.poll(() => page.getByTestId('participant-count').textContent()).toBe('1');
    await participant('Tuscany Region').check();
    await expect.poll(() => page.getByTestId('participant-count').textContent()).toBe('2');

    // Agenda: the three topics, then reordered.
    const agenda = () => page.getByTestId('agenda-topic-title').allTextContents();
    for (const title of TOPICS) {
      await page.getByTestId('agenda-topic-select').selectOption({ label: title });
      await page.getByTestId('agenda-add').click();
      await expect.poll(agenda).toContain(title);
    }
    expect(await agenda()).toEqual([T1, T2, T3]);
    await page.getByText('Every topic is on the agenda.').waitFor();
    await page.getByTestId('agenda-item').nth(2).getByTestId('agenda-move-up').click();
    await expect.poll(agenda).toEqual([T1, T3, T2]);
    await page.getByTestId('agenda-item').nth(0).getByTestId('agenda-move-down').click();
    await expect.poll(agenda).toEqual([T3, T1, T2]);
    expect(await page.getByTestId('agenda-item').first().getByTestId('agenda-move-up').isDisabled()).toBe(true);

    // Notes, typed over several lines.
    const notes = page.getByTestId('meeting-notes');
    await notes.click();
    await notes.pressSequentially('Agreed:\n- joint training for port staff\n- share data on victims');
    const typedNotes = 'Agreed:\n- joint training for port staff\n- share data on victims';
    await expect.poll(() => richText(notes)).toBe(typedNotes);

    // Rename the meeting in place.
    await page.getByTestId('meeting-title').fill('Kick-off meeting in Lyon');
    await page.getByTestId('meeting-title').press('Enter');
    await expect.poll(() => page.getByTestId('meeting-link').locator('.meeting-link-title').allTextContents()).toEqual([
      'Kick-off meeting in Lyon',
      'Preparatory call',
    ]);

    await reload();
    expect(page.url()).toBe(meetingUrl);
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe('Kick-off meeting in Lyon');
    expect(await page.getByTestId('meeting-date').inputValue()).toBe('2024-05-14');
    expect(await page.getByTestId('participant-count').textContent()).toBe('2');
    expect(await page.getByTestId('participant').locator('input').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).checked))).toEqual([true, true]);
    expect(await agenda()).toEqual([T3, T1, T2]);
    expect(await richText(notes)).toBe(typedNotes);
    // The other meeting kept its own (empty) agenda and notes.
    await page.getByTestId('meeting-link').nth(1).click();
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe('Preparatory call');
    expect(await page.getByTestId('meeting-date').inputValue()).toBe('2023-11-02');
    expect(await page.getByTestId('agenda-item').count()).toBe(0);
    expect(await page.getByTestId('participant-count').textContent()).toBe('0');
    expect(await richText(page.getByTestId('meeting-notes'))).toBe('');
    expectCleanPages(browser);
  });

  test('practice sheets: create one, set member, status and topics, type into the five sections', async () => {
    await tab('Practice sheets').click();
    await page.getByText('No practice sheets yet').waitFor();
    const form = page.getByTestId('add-practice');
    await form.getByRole('textbox').fill('Night-time economy licences');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.waitForURL(/#\/w\/[^/]+\/practices\/[^/]+$/);
    const sheetUrl = page.url();
    await expect.poll(() => page.getByTestId('practice-title').inputValue()).toBe('Night-time economy licences');
    expect(await page.getByTestId('practice-summary').textContent()).toContain('0 of 5 sections written');

    await page.getByTestId('practice-member').selectOption({ label: 'Métropole de Lyon (France)' });
    await page.getByTestId('practice-status').selectOption('in-review');
    const link = page.getByTestId('practice-link');
    await expect.poll(() => link.getAttribute('data-status')).toBe('in-review');
    await expect.poll(() => link.locator('.practice-link-member').textContent()).toBe('Métropole de Lyon');
    expect(await link.getByTestId('practice-status-badge').textContent()).toBe('In review');

    const topic = (title: string) => page.getByTestId('practice-topics').locator('label').filter({ hasText: title }).locator('input');
    await topic(T1).check();
    await topic(T3).check();
    await topic(T2).check();
    await topic(T2).uncheck();
    const checked = () =>
      page
        .getByTestId('practice-topics')
        .locator('label')
        .evaluateAll((labels) => labels.filter((l) => (l.querySelector('input') as HTMLInputElement).checked).map((l) => l.textContent?.trim()));
    await expect.poll(checked).toEqual([T1, T3]);

    const sections = {
      context: 'Bars and clubs used to launder money in the old town.',
      objectives: 'No licence for a front company.',
      activities: 'Screen applicants; share data with police and the tax office.',
      budget: '€ 120 000 a year, two staff.',
      evaluation: 'Licences refused; premises closed; a yearly review.',
    };
    for (const [section, text] of Object.entries(sections)) {
      const field = page.getByTestId(`section-${section}-text`);
      await field.click();
      await field.pressSequentially(text);
      await expect.poll(() => richText(field)).toBe(text);
    }
    await expect.poll(() => page.getByTestId('practice-summary').textContent()).toContain('5 of 5 sections written');

    await reload();
    expect(page.url()).toBe(sheetUrl);
    await expect.poll(() => page.getByTestId('practice-title').inputValue()).toBe('Night-time economy licences');
    expect(await page.getByTestId('practice-member').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
      'Métropole de Lyon (France)',
    );
    expect(await page.getByTestId('practice-status').inputValue()).toBe('in-review');
    expect(await checked()).toEqual([T1, T3]);
    for (const [section, text] of Object.entries(sections)) {
      expect(await richText(page.getByTestId(`section-${section}-text`))).toBe(text);
    }
    expect(await page.getByTestId('practice-summary').textContent()).toContain('5 of 5 sections written');
    expectCleanPages(browser);
  });
});
