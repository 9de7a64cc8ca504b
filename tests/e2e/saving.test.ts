// Nothing typed is silently dropped (issue 9): every field is saved as it is typed, or written
// before any navigation and when the page closes; a value that cannot be kept is refused with a
// reason next to the field; the fields' limits are the model's (LIMITS); a member's country is
// picked from a list of countries shown by name. No uncaught error in the page throughout.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/model';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { addTopic, createWorkspace, expectCleanPages, flushStorage, goTo, valuesOf, workspaceNamed } from './helpers';

describe('saving what is typed', () => {
  let browser: BrowserContext;
  let page: Page;
  let id: string;

  const tab = (name: string) => page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name, exact: true });
  /** Change the address by hand, as typing it into the address bar would: the router only follows the hash. */
  const setHash = async (route: string) => {
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#${route}`);
  };
  /** The name of a country in the page's language, as the app shows it. */
  const countryName = (code: string) =>
    page.evaluate((c) => new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' }).of(c) ?? c, code);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openApp(browser, '/');
    await goTo(page, '/');
    id = await createWorkspace(page, 'Saving workspace');
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test('a workspace name typed in the settings is kept by a reload right after the last key', async () => {
    await tab('Settings').click();
    const name = page.getByTestId('settings-name');
    await name.click();
    await name.press('ControlOrMeta+a');
    await name.pressSequentially('Ports network 2025');
    // No Enter, no leaving the field, no waiting for storage: reload at once.
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('settings-name').inputValue()).toBe('Ports network 2025');
    await workspaceNamed(page, 'Ports network 2025').waitFor();
    expectCleanPages(browser);
  });

  test('a meeting title and date typed, then left by changing the address, are kept on return and after a reload', async () => {
    await tab('Meetings').click();
    await page.getByTestId('add-meeting-title').fill('Kick-off');
    await page.getByTestId('add-meeting-date').fill('2024-05-14');
    await page.getByTestId('add-meeting-submit').click();
    await page.waitForURL(/#\/w\/[^/]+\/meetings\/[^/]+$/);
    const meetingRoute = new URL(page.url()).hash.slice(1);
    const title = page.getByTestId('meeting-title');
    await expect.poll(() => title.inputValue()).toBe('Kick-off');

    // The date typed segment by segment, not picked (day and month alike: the segments' order
    // follows the browser's date format), then the title, and the address changes with the focus
    // still in the title.
    const date = page.getByTestId('meeting-date');
    await date.focus();
    await date.pressSequentially('05052025');
    expect(await date.inputValue()).toBe('2025-05-05');
    await title.click();
    await title.press('End');
    await title.pressSequentially(' in Lyon');
    await setHash(`/w/${id}/topics`);
    await page.getByText('No topics yet').waitFor();
    await setHash(meetingRoute);
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe('Kick-off in Lyon');
    expect(await page.getByTestId('meeting-date').inputValue()).toBe('2025-05-05');
    expect(await page.getByTestId('meeting-link').locator('.meeting-link-title').allTextContents()).toEqual(['Kick-off in Lyon']);

    await flushStorage(page, id);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe('Kick-off in Lyon');
    expect(await page.getByTestId('meeting-date').inputValue()).toBe('2025-05-05');

    // Typed, and the page reloaded at once with the focus still in the field: the title, then the date.
    await page.getByTestId('meeting-title').click();
    await page.getByTestId('meeting-title').press('End');
    await page.getByTestId('meeting-title').pressSequentially(', day one');
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe('Kick-off in Lyon, day one');
    await page.getByTestId('meeting-date').focus();
    await page.getByTestId('meeting-date').pressSequentially('06062025');
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('meeting-date').inputValue()).toBe('2025-06-06');
    expect(await page.getByTestId('meeting-title').inputValue()).toBe('Kick-off in Lyon, day one');
    expectCleanPages(browser);
  });

  test('no field takes more than the model keeps, and an empty name is refused with a reason while the old one is kept', async () => {
    // The workspace name: 301 characters typed, 300 taken.
    await tab('Settings').click();
    const name = page.getByTestId('settings-name');
    expect(await name.getAttribute('maxlength')).toBe(String(LIMITS.workspaceName));
    await name.fill('x'.repeat(LIMITS.workspaceName + 1));
    expect((await name.inputValue()).length).toBe(LIMITS.workspaceName);
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('x'.repeat(LIMITS.workspaceName));
    await name.fill('Ports network 2025');
    await workspaceNamed(page, 'Ports network 2025').waitFor();

    // Emptied: the field says why, the workspace keeps its name, and the field shows it again when left.
    await name.fill('');
    const problem = page.getByTestId('settings-name-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('A workspace needs a name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await workspaceNamed(page, 'Ports network 2025').waitFor();
    await name.press('Tab');
    await expect.poll(() => name.inputValue()).toBe('Ports network 2025');
    expect(await problem.textContent()).toContain('“Ports network 2025” is kept');

    // Co-edited texts take their limit from the model too: a topic title of 1001 characters.
    await tab('Topics').click();
    await addTopic(page, 'Organised crime in ports');
    const topicTitle = page.getByTestId('topic-title');
    expect(await topicTitle.getAttribute('maxlength')).toBe(String(LIMITS.topicTitle));
    await topicTitle.fill('t'.repeat(LIMITS.topicTitle + 1));
    expect((await topicTitle.inputValue()).length).toBe(LIMITS.topicTitle);
    await topicTitle.fill('Organised crime in ports');

    // A member's name: the limit, and an empty name refused next to the field.
    await tab('Members').click();
    const form = page.getByTestId('add-member');
    await form.getByTestId('add-member-name').fill('City of Lyon');
    await form.getByTestId('add-member-submit').click();
    const row = page.getByTestId('member-row').first();
    const memberName = row.getByTestId('member-name');
    await expect.poll(() => memberName.inputValue()).toBe('City of Lyon');
    expect(await memberName.getAttribute('maxlength')).toBe(String(LIMITS.memberName));
    await memberName.fill('');
    await row.getByTestId('member-name-problem').waitFor();
    expect(await row.getByTestId('member-name-problem').textContent()).toContain('A member needs a name');
    await memberName.press('Tab');
    await expect.poll(() => memberName.inputValue()).toBe('City of Lyon');

    // A meeting title emptied is refused the same way; its limit is the model's.
    await tab('Meetings').click();
    await page.getByTestId('meeting-link').first().click();
    const title = page.getByTestId('meeting-title');
    await expect.poll(() => title.inputValue()).toBe('Kick-off in Lyon, day one');
    expect(await title.getAttribute('maxlength')).toBe(String(LIMITS.meetingTitle));
    await title.fill('');
    await page.getByTestId('meeting-title-problem').waitFor();
    expect(await page.getByTestId('meeting-link').locator('.meeting-link-title').allTextContents()).toEqual(['Kick-off in Lyon, day one']);
    await title.press('Tab');
    await expect.poll(() => title.inputValue()).toBe('Kick-off in Lyon, day one');

    await flushStorage(page, id);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe('Kick-off in Lyon, day one');
    await workspaceNamed(page, 'Ports network 2025').waitFor();
    expectCleanPages(browser);
  });

  test('a country is picked from the list by name, saved, and shown by name after a reload', async () => {
    await tab('Members').click();
    const rows = page.getByTestId('member-row');
    await expect.poll(() => rows.count()).toBe(1);
    const [netherlands, belgium, france] = [await countryName('NL'), await countryName('BE'), await countryName('FR')];

    // A new member, its country picked by name.
    const form = page.getByTestId('add-member');
    const formCountry = form.getByTestId('add-member-country');
    expect(await formCountry.evaluate((el) => el.tagName)).toBe('SELECT');
    // "Not given" first, then European countries, then the others, each group sorted by name.
    const groups = await formCountry.evaluate((el) => ({
      first: (el as HTMLSelectElement).options[0]?.textContent,
      groups: [...el.querySelectorAll('optgroup')].map((group) => ({
        label: group.label,
        names: [...group.querySelectorAll('option')].map((option) => option.textContent ?? ''),
      })),
    }));
    expect(groups.first).toBe('Not given');
    expect(groups.groups.map((g) => g.label)).toEqual(['Europe', 'Other countries']);
    for (const group of groups.groups) expect(group.names).toEqual([...group.names].sort(new Intl.Collator('en-GB').compare));
    expect(groups.groups[0]!.names).toContain(netherlands);
    await form.getByTestId('add-member-name').fill('Rotterdam');
    await formCountry.selectOption({ label: netherlands });
    await form.getByTestId('add-member-submit').click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await formCountry.inputValue()).toBe('');

    // An existing member's country, picked in its row.
    await rows.nth(0).getByTestId('member-country').selectOption({ label: france });
    await rows.nth(1).getByTestId('member-country').selectOption({ label: belgium });
    await expect.poll(() => page.getByTestId('members-summary').textContent()).toBe('2 members from 2 countries');

    await flushStorage(page, id);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => valuesOf(page.getByTestId('member-country'))).toEqual(['FR', 'BE']);
    const shown = await page.getByTestId('member-country').evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent));
    expect(shown).toEqual([france, belgium]);

    // Not given again.
    await rows.nth(1).getByTestId('member-country').selectOption({ label: 'Not given' });
    await expect.poll(() => page.getByTestId('members-summary').textContent()).toBe('2 members from 1 country');
    // The deleted member says its country by name too.
    await rows.nth(0).getByTestId('delete-member').click();
    await page.getByTestId('deleted-members').locator('summary').click();
    expect(await page.getByTestId('deleted-member').locator('.deleted-text').textContent()).toBe(`City of Lyon · City, ${france}`);
    expectCleanPages(browser);
  });
});
