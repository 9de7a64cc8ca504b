// The sample working group, opened from the home screen, shows everything in
// tests/fixtures/working-group.json: topics and their focus points, members, the
// meeting with its agenda, the practice sheet with its five sections.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, launchBrowser, openApp } from './harness/browser';
import { expectCleanPages, FIXTURE, openSample, pointTexts, richText, topicCounts, valuesOf, workspaceIdOf } from './helpers';

const memberName = (id: string) => {
  const member = FIXTURE.members.find((m) => m.id === id);
  if (!member) throw new Error(`no member ${id} in the fixture`);
  return member.name;
};
const topicTitle = (id: string) => {
  const topic = FIXTURE.topics.find((t) => t.id === id);
  if (!topic) throw new Error(`no topic ${id} in the fixture`);
  return topic.title;
};

describe('the sample working group', () => {
  let browser: BrowserContext;
  let page: Page;
  let id: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openApp(browser, '/');
    id = await openSample(page);
  });
  afterAll(async () => {
    await closeBrowser(browser);
  });

  test('the fixture is the one the brief describes: 3 topics with 3 + 4 + 5 focus points, 10 members', () => {
    expect(FIXTURE.topics.map((t) => t.focusPoints.length)).toEqual([3, 4, 5]);
    expect(FIXTURE.members).toHaveLength(10);
    expect(FIXTURE.meetings).toHaveLength(1);
    expect(FIXTURE.meetings[0]!.agenda).toHaveLength(3);
    expect(FIXTURE.practices).toHaveLength(1);
  });

  test('topics: three topics with their counts, and every focus point with its exact text', async () => {
    await expect.poll(() => topicCounts(page)).toEqual(FIXTURE.topics.map((t) => ({ title: t.title, count: String(t.focusPoints.length) })));
    let total = 0;
    for (const [i, topic] of FIXTURE.topics.entries()) {
      await page.getByTestId('topic-link').nth(i).click();
      await expect.poll(() => page.getByTestId('topic-title').inputValue()).toBe(topic.title);
      await expect.poll(() => pointTexts(page)).toEqual(topic.focusPoints);
      expect(await page.locator('.section-title .count').first().textContent()).toBe(String(topic.focusPoints.length));
      // The sample marks every point as agreed at its meeting.
      expect(await valuesOf(page.getByTestId('status'))).toEqual(topic.focusPoints.map(() => 'agreed'));
      total += await page.getByTestId('focus-point').count();
    }
    expect(total).toBe(12);
    expect(workspaceIdOf(page)).toBe(id);
  });

  test('members: ten members with their kind and country, two of them leads', async () => {
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByTestId('members-table').waitFor();
    await expect.poll(() => page.getByTestId('member-row').count()).toBe(10);
    expect(await valuesOf(page.getByTestId('member-name'))).toEqual(FIXTURE.members.map((m) => m.name));
    expect(await valuesOf(page.getByTestId('member-kind'))).toEqual(FIXTURE.members.map((m) => m.kind));
    expect(await valuesOf(page.getByTestId('member-country'))).toEqual(FIXTURE.members.map((m) => m.country));
    const leads = FIXTURE.members.filter((m) => m.lead).map((m) => m.name);
    expect(leads.length).toBeGreaterThan(0);
    const shownLeads = await page
      .getByTestId('member-row')
      .filter({ has: page.getByTestId('lead-badge') })
      .getByTestId('member-name')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    expect(shownLeads).toEqual(leads);
    const countries = new Set(FIXTURE.members.map((m) => m.country).filter(Boolean)).size;
    expect(await page.getByTestId('members-summary').textContent()).toBe(`10 members from ${countries} countries · ${leads.length} leads`);
  });

  test('the meeting: title, date, ten participants, an agenda of three topics in order, its notes and raised points', async () => {
    const meeting = FIXTURE.meetings[0]!;
    await page.getByRole('link', { name: 'Meetings', exact: true }).click();
    await expect.poll(() => page.getByTestId('meeting-link').count()).toBe(1);
    expect(await page.getByTestId('meeting-link').locator('.meeting-link-title').textContent()).toBe(meeting.title);
    await page.getByTestId('meeting-link').click();
    await page.getByTestId('meeting-view').waitFor();
    await expect.poll(() => page.getByTestId('meeting-title').inputValue()).toBe(meeting.title);
    expect(await page.getByTestId('meeting-date').inputValue()).toBe(meeting.date);

    expect(await page.getByTestId('participant-count').textContent()).toBe(String(meeting.participants.length));
    const ticked = await page
      .getByTestId('participant')
      .evaluateAll((labels) => labels.filter((l) => (l.querySelector('input') as HTMLInputElement).checked).map((l) => l.querySelector('span')?.textContent));
    expect(ticked).toEqual(meeting.participants.map(memberName));

    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(3);
    expect(await page.getByTestId('agenda-topic-title').allTextContents()).toEqual(meeting.agenda.map(topicTitle));
    expect(await richText(page.getByTestId('meeting-notes'))).toBe(meeting.notes);

    // Every focus point of the sample was raised at this meeting.
    expect(await page.getByTestId('raised-point').count()).toBe(12);
    expect(await page.getByTestId('raised-group').count()).toBe(3);
  });

  test('the practice sheet: title, member, status, topics and its five sections', async () => {
    const practice = FIXTURE.practices[0]!;
    await page.getByRole('link', { name: 'Practice sheets', exact: true }).click();
    await page.getByTestId('practice-view').waitFor();
    expect(await page.getByTestId('practice-link').count()).toBe(1);
    await expect.poll(() => page.getByTestId('practice-title').inputValue()).toBe(practice.title);
    expect(await page.getByTestId('practice-status').inputValue()).toBe(practice.status);
    const member = FIXTURE.members.find((m) => m.id === practice.city)!;
    // The member's country by its name in the page's language, as the app shows it.
    const country = await page.evaluate((code) => new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' }).of(code), member.country);
    expect(await page.getByTestId('practice-member').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(
      `${member.name} (${country})`,
    );
    const checkedTopics = await page
      .getByTestId('practice-topics')
      .locator('label')
      .evaluateAll((labels) => labels.filter((l) => (l.querySelector('input') as HTMLInputElement).checked).map((l) => l.textContent?.trim()));
    expect(checkedTopics).toEqual(practice.topics.map(topicTitle));

    const sections = ['context', 'objectives', 'activities', 'budget', 'evaluation'];
    expect(await page.locator('.practice-section').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual(
      sections.map((s) => `section-${s}`),
    );
    for (const section of sections) {
      expect(await richText(page.getByTestId(`section-${section}-text`))).toBe(practice.sections[section]);
    }
    const written = sections.filter((s) => (practice.sections[s] ?? '').trim() !== '').length;
    expect(await page.getByTestId('practice-summary').textContent()).toContain(`${written} of 5 sections written`);
    expectCleanPages(browser);
  });
});
