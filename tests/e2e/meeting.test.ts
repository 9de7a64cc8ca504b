// Meeting mode: two partners in two browsers hold a meeting. A chairs and moves the discussion,
// B's screen follows, B steps away and comes back, a point raised in the meeting and both people
// present end up in the minutes, on screen and in the Markdown file. Screenshots of the live
// screen and the minutes (screen and print) at a laptop and a tablet width go to
// test-results/screens/ for a person to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers, type Person } from './peers-helpers';
import { richText } from './helpers';
import { readDocx } from '../unit/docx-reader';

const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screens');
const SIZES = [
  { name: 'laptop', width: 1280, height: 900 },
  { name: 'tablet', width: 820, height: 1180 },
] as const;

const PORTS = 'Organised crime in European ports';
const TRAFFICKING = 'Trafficking in human beings';
const RAISED = 'Invite Europol to the next meeting';

async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // The page fits the width: nothing pokes out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} at ${size.width}`).toBe(0);
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${size.name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function addMember(page: Page, name: string, country: string): Promise<void> {
  const form = page.getByTestId('add-member');
  await form.getByTestId('add-member-name').fill(name);
  await form.getByTestId('add-member-country').selectOption(country);
  await form.getByTestId('add-member-submit').click();
  await expect.poll(() => page.getByTestId('member-row').count()).toBeGreaterThan(0);
}

const liveTopicTitle = (page: Page) => page.getByTestId('live-topic-title').textContent();
const agendaItem = (page: Page, topicId: string) => page.locator(`[data-testid="live-agenda-item"][data-topic-id="${topicId}"]`);

describe('meeting mode, two partners in two browsers', () => {
  let a: Person;
  let b: Person;
  let topicIds: { ports: string; trafficking: string };

  beforeAll(async () => {
    [a, b] = await Promise.all([person('Anna', 'Amsterdam'), person('Bruno', 'Lisbon')]);
  });
  afterAll(async () => {
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('A prepares a meeting with two topics on the agenda and shares the workspace; B joins', async () => {
    await createWorkspace(a.page, 'Port cities');
    await addTopic(a.page, PORTS);
    await addPoint(a.page, 'Exchange practices with Latin American ports');
    await addTopic(a.page, TRAFFICKING);
    await addPoint(a.page, 'Screen containers at Rotterdam');
    await addPoint(a.page, 'Joint training with customs');
    const ids = await a.page.getByTestId('topic-link').evaluateAll((links) => links.map((l) => (l as HTMLAnchorElement).href.split('/').at(-1)!));
    topicIds = { ports: ids[0]!, trafficking: ids[1]! };

    await a.page.getByRole('link', { name: 'Members', exact: true }).click();
    await addMember(a.page, 'Amsterdam', 'NL');
    await addMember(a.page, 'Lisbon', 'PT');
    await addMember(a.page, 'Rotterdam', 'NL');

    await a.page.getByRole('link', { name: 'Meetings', exact: true }).click();
    await a.page.getByTestId('add-meeting-title').fill('Kick-off in Rotterdam');
    await a.page.getByTestId('add-meeting-submit').click();
    await a.page.getByTestId('meeting-view').waitFor();
    for (const topicId of [topicIds.ports, topicIds.trafficking]) {
      await a.page.getByTestId('agenda-topic-select').selectOption(topicId);
      await a.page.getByTestId('agenda-add').click();
    }
    await expect.poll(() => a.page.getByTestId('agenda-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-topic-id')))).toEqual([topicIds.ports, topicIds.trafficking]);
    expect(await a.page.getByTestId('meeting-live-bar').getAttribute('data-live-status')).toBe('planned');
    await screenshots(a.page, 'meeting-planned');

    const link = await shareLink(a.page);
    await b.page.goto(link);
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 20_000 }).toBe('Port cities');
    await waitForPeers(a.page, 1);
    await waitForPeers(b.page, 1);
    // No meeting is live: no banner.
    expect(await b.page.getByTestId('live-banner').count()).toBe(0);
  });

  test('A starts the meeting and opens topic 2; B is told, joins, and follows', async () => {
    await a.page.getByTestId('start-meeting').click();
    await a.page.waitForURL(/\/meetings\/[^/]+\/live$/);
    await a.page.getByTestId('live-meeting').waitFor();
    expect(await a.page.getByTestId('live-chair').textContent()).toBe('Chair: Anna (Amsterdam) (you)');
    expect(await a.page.getByTestId('discuss-first').textContent()).toBe(`Open “${PORTS}”`);
    await screenshots(a.page, 'meeting-live-start');

    // B, on another screen, sees the meeting is on, on every workspace screen.
    const banner = b.page.getByTestId('live-banner');
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain('Meeting in progress: Kick-off in Rotterdam');
    await b.page.getByRole('link', { name: 'Members', exact: true }).click();
    await b.page.getByTestId('members-page').waitFor();
    expect(await banner.isVisible()).toBe(true);
    await screenshots(b.page, 'meeting-banner');
    await banner.getByTestId('join-meeting').click();
    await b.page.getByTestId('live-meeting').waitFor();
    expect(await b.page.getByTestId('take-chair').isVisible()).toBe(true);
    expect(await b.page.getByTestId('end-meeting').count()).toBe(0);
    // Nothing is open yet; B cannot open a topic for everyone.
    expect(await b.page.getByTestId('live-topic').count()).toBe(0);
    expect(await b.page.getByTestId('discuss-now').count()).toBe(0);

    await agendaItem(a.page, topicIds.trafficking).getByTestId('discuss-now').click();
    await expect.poll(() => liveTopicTitle(a.page)).toBe(TRAFFICKING);
    await expect.poll(() => liveTopicTitle(b.page)).toBe(TRAFFICKING);
    await expect.poll(() => pointTexts(b.page)).toEqual(['Screen containers at Rotterdam', 'Joint training with customs']);
    expect(await agendaItem(b.page, topicIds.trafficking).getAttribute('data-now')).toBe('true');
    expect(await b.page.getByTestId('live-topic').textContent()).toContain('Now discussing');
  });

  test('B steps away to topic 1 and comes back with one click; once the discussion reaches where B looks, B follows again', async () => {
    await agendaItem(b.page, topicIds.ports).getByTestId('look-at-topic').click();
    await expect.poll(() => liveTopicTitle(b.page)).toBe(PORTS);
    expect(await pointTexts(b.page)).toEqual(['Exchange practices with Latin American ports']);
    expect(await b.page.getByTestId('stepped-away').textContent()).toContain(`The group is discussing ${TRAFFICKING}.`);
    // A is not moved by B looking elsewhere.
    expect(await liveTopicTitle(a.page)).toBe(TRAFFICKING);

    await b.page.getByTestId('back-to-discussion').click();
    expect(await liveTopicTitle(b.page)).toBe(TRAFFICKING);
    expect(await b.page.getByTestId('stepped-away').count()).toBe(0);

    // B looks at topic 1 again; the chair opens topic 1, then goes back to topic 2: B goes along.
    await agendaItem(b.page, topicIds.ports).getByTestId('look-at-topic').click();
    await b.page.getByTestId('stepped-away').waitFor();
    await agendaItem(a.page, topicIds.ports).getByTestId('discuss-now').click();
    await expect.poll(() => b.page.getByTestId('live-topic').getAttribute('data-topic-id')).toBe(topicIds.ports);
    await expect.poll(() => b.page.getByTestId('stepped-away').count()).toBe(0);
    expect(await b.page.getByTestId('live-topic').textContent()).toContain('Now discussing');
    await agendaItem(a.page, topicIds.trafficking).getByTestId('discuss-now').click();
    await expect.poll(() => liveTopicTitle(b.page)).toBe(TRAFFICKING);
    expect(await b.page.getByTestId('stepped-away').count()).toBe(0);
  });

  test('A adds a point during the meeting and agrees it; B sees it; both people are recorded as present', async () => {
    await addPoint(a.page, RAISED);
    const row = a.page.getByTestId('focus-point').last();
    await row.getByTestId('status').selectOption('agreed');
    await expect.poll(() => pointTexts(b.page)).toEqual(['Screen containers at Rotterdam', 'Joint training with customs', RAISED]);
    await expect.poll(() => b.page.getByTestId('focus-point').last().getAttribute('data-status')).toBe('agreed');
    await expect.poll(() => a.page.locator('.live-attendance').textContent()).toContain('(2 so far)');
    await expect.poll(() => agendaItem(b.page, topicIds.trafficking).textContent()).toContain('3 points · 1 new');

    await a.page.getByTestId('live-notes').fill('Next meeting in Lisbon, in spring.');
    await expect.poll(() => richText(b.page.getByTestId('live-notes'))).toBe('Next meeting in Lisbon, in spring.');
    await screenshots(b.page, 'meeting-live');

    // Stepped away, for a look at that state too.
    await agendaItem(b.page, topicIds.ports).getByTestId('look-at-topic').click();
    await b.page.getByTestId('stepped-away').waitFor();
    await screenshots(b.page, 'meeting-live-away');
    await b.page.getByTestId('back-to-discussion').click();
  });

  test('B takes the chair and hands it back', async () => {
    await b.page.getByTestId('take-chair').click();
    await expect.poll(() => a.page.getByTestId('live-chair').textContent()).toBe('Chair: Bruno (Lisbon)');
    expect(await a.page.getByTestId('end-meeting').count()).toBe(0);
    await a.page.getByTestId('take-chair').click();
    await expect.poll(() => b.page.getByTestId('live-chair').textContent()).toBe('Chair: Anna (Amsterdam)');
  });

  test('A ends the meeting: the minutes list the point raised, what was agreed, and both attendees', async () => {
    await a.page.getByTestId('end-meeting').click();
    await a.page.getByTestId('confirm').click();
    await a.page.waitForURL(/\/meetings\/[^/]+\/minutes$/);
    const minutes = a.page.getByTestId('minutes');
    await minutes.waitFor();
    expect(await a.page.getByTestId('minutes-title').textContent()).toBe('Kick-off in Rotterdam');
    expect(await minutes.getAttribute('data-live-status')).toBe('ended');
    expect(await a.page.getByTestId('minutes-draft').count()).toBe(0);
    expect(await a.page.getByTestId('minutes-attendee').allTextContents()).toEqual(['Anna (Amsterdam)', 'Bruno (Lisbon)']);
    // Recorded by organisation: the members Amsterdam and Lisbon took part, Rotterdam did not.
    expect(await a.page.locator('.minutes-members').textContent()).toBe('Members taking part: Amsterdam (NL), Lisbon (PT)');
    const topics = a.page.getByTestId('minutes-topic');
    expect(await topics.locator('h2').allTextContents()).toEqual([`1. ${PORTS}`, `2. ${TRAFFICKING}`]);
    expect(await topics.nth(0).textContent()).toContain('No focus points were raised.');
    const points = topics.nth(1).getByTestId('minutes-point');
    expect(await points.count()).toBe(1);
    expect(await points.first().textContent()).toBe(`Agreed${RAISED}`);
    expect(await points.first().getAttribute('data-status')).toBe('agreed');
    expect(await topics.nth(1).textContent()).toContain('One focus point raised, 1 agreed.');
    expect(await a.page.getByTestId('minutes-notes').textContent()).toBe('Next meeting in Lisbon, in spring.');

    // B's live screen closes and points to the minutes; the banner is gone.
    await b.page.getByTestId('live-closed').waitFor({ timeout: 20_000 });
    expect(await b.page.getByTestId('read-minutes').isVisible()).toBe(true);
    await screenshots(b.page, 'meeting-live-ended');
    expect(await b.page.getByTestId('live-banner').count()).toBe(0);
  });

  test('the Markdown download holds the minutes', async () => {
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('download-minutes').click()]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-kick-off-in-rotterdam-minutes\.md$/);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toMatch(/^# Minutes: Kick-off in Rotterdam\n\nPort cities · \w+day \d{1,2} \w+ \d{4}\n/);
    expect(markdown).toContain('## Attendees\n\n- Anna (Amsterdam)\n- Bruno (Lisbon)\n');
    expect(markdown).toContain('- **Chair:** Anna (Amsterdam)');
    expect(markdown).toContain(`## Agenda\n\n1. ${PORTS}\n2. ${TRAFFICKING}\n`);
    expect(markdown).toContain(`## 2. ${TRAFFICKING}\n\nOne focus point raised, 1 agreed:\n\n- **Agreed:** ${RAISED}\n`);
    expect(markdown).toContain('## Notes\n\nNext meeting in Lisbon, in spring.\n');
    // Points from before the meeting are not "raised at" it.
    expect(markdown).not.toContain('Screen containers at Rotterdam');
  });

  test('the .docx download holds the minutes, in Word headings and lists', async () => {
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('download-minutes-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-kick-off-in-rotterdam-minutes\.docx$/);
    const { paragraphs } = readDocx(new Uint8Array(readFileSync((await download.path())!)));
    expect(paragraphs[0]).toMatchObject({ style: 'Heading1', text: 'Minutes: Kick-off in Rotterdam' });
    expect(paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(['Attendees', 'Agenda', `1. ${PORTS}`, `2. ${TRAFFICKING}`, 'Notes']);
    expect(paragraphs.filter((p) => p.list?.kind === 'number').map((p) => p.text)).toEqual([PORTS, TRAFFICKING]);
    expect(paragraphs.filter((p) => p.list?.kind === 'bullet').map((p) => p.text)).toEqual(['Anna (Amsterdam)', 'Bruno (Lisbon)', `Agreed: ${RAISED}`]);
    expect(paragraphs.find((p) => p.text === `Agreed: ${RAISED}`)!.runs[0]).toMatchObject({ text: 'Agreed:', bold: true });
    expect(paragraphs.at(-1)!.text).toBe('Next meeting in Lisbon, in spring.');
  });

  test('the minutes look finished on screen and in print', async () => {
    await screenshots(a.page, 'meeting-minutes');
    await a.page.emulateMedia({ media: 'print' });
    expect(await a.page.locator('.topbar').isVisible()).toBe(false);
    expect(await a.page.locator('.tabs').isVisible()).toBe(false);
    expect(await a.page.getByTestId('minutes-toolbar').isVisible()).toBe(false);
    expect(await a.page.getByTestId('minutes-title').isVisible()).toBe(true);
    await screenshots(a.page, 'meeting-minutes-print');
    await a.page.emulateMedia({ media: 'screen' });
    expect(await a.page.getByTestId('minutes-toolbar').isVisible()).toBe(true);
  });

  test("the meeting's page lists the point raised there and the members ticked from presence", async () => {
    await a.page.getByRole('link', { name: '← Meeting' }).click();
    await a.page.getByTestId('meeting-view').waitFor();
    expect(await a.page.getByTestId('raised-point').allTextContents()).toEqual([`${RAISED}Agreed`]);
    expect(await a.page.getByTestId('meeting-live-bar').getAttribute('data-live-status')).toBe('ended');
    // Each ticked member with its country, by name.
    const ticked = await a.page.getByTestId('participant').evaluateAll((els) => els.filter((el) => el.querySelector('input')!.checked).map((el) => el.textContent));
    expect(ticked).toEqual(['AmsterdamNetherlands', 'LisbonPortugal']);
    await screenshots(a.page, 'meeting-page-ended');
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
  });
});
