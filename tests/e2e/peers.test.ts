import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers, type Person } from './peers-helpers';

describe('two partners, two browsers', () => {
  let a: Person;
  let b: Person;
  let link: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([person('Anna', 'Amsterdam'), person('Bruno', 'Lisbon')]);
  });
  afterAll(async () => {
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('B opens A\'s link and sees the whole workspace; edits in either show in the other', async () => {
    await createWorkspace(a.page, 'Port cities');
    await addTopic(a.page, 'Organised crime in European ports');
    await addPoint(a.page, 'Exchange practices with Latin American ports');
    await addPoint(a.page, 'Partnership with a network of port cities');
    link = await shareLink(a.page);

    await b.page.goto(link);
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 45_000 }).toBe('Port cities');
    await b.page.getByTestId('topic-link').first().click();
    await expect.poll(() => pointTexts(b.page)).toEqual(['Exchange practices with Latin American ports', 'Partnership with a network of port cities']);
    await waitForPeers(a.page, 1);
    await waitForPeers(b.page, 1);

    await addPoint(b.page, 'Point from Lisbon');
    await expect.poll(() => pointTexts(a.page)).toContain('Point from Lisbon');
    await a.page.getByTestId('focus-point-text').first().fill('Exchange practices with ports in Latin America');
    await expect.poll(() => pointTexts(b.page)).toContain('Exchange practices with ports in Latin America');

    // The home list of B names the workspace as its partners do.
    expect(await b.page.evaluate(() => JSON.parse(localStorage.getItem('tavola.workspaces.v1') ?? '[]')[0]?.name)).toBe('Port cities');
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
  });

  test('presence: A sees B by name, and which focus point B is editing', async () => {
    await expect.poll(() => a.page.getByTestId('person').evaluateAll((els) => els.map((el) => el.getAttribute('data-name')))).toEqual(['Anna', 'Bruno']);
    await b.page.getByTestId('focus-point-text').nth(1).click();
    const second = a.page.getByTestId('focus-point').nth(1);
    await expect.poll(() => second.getByTestId('editing-badge').textContent()).toBe('Lisbon is typing');
    expect(await a.page.getByTestId('focus-point').nth(0).getByTestId('editing-badge').count()).toBe(0);
    await b.page.getByTestId('topic-title').click();
    await expect.poll(() => second.getByTestId('editing-badge').count()).toBe(0);
  });

  test('both type into the same focus point at once: both end with the same merged text', async () => {
    const target = (p: Person) => p.page.getByTestId('focus-point-text').nth(1);
    await target(a).click();
    await target(a).press('End');
    await target(b).click();
    await target(b).press('Home');
    await Promise.all([target(a).pressSequentially(' (Anna adds)', { delay: 15 }), target(b).pressSequentially('[Bruno] ', { delay: 15 })]);
    const expected = '[Bruno] Partnership with a network of port cities (Anna adds)';
    await expect.poll(() => target(a).inputValue()).toBe(expected);
    await expect.poll(() => target(b).inputValue()).toBe(expected);
  });
});

describe('keystroke to partner', () => {
  test('every keystroke reaches the partner; the delay is measured', async () => {
    const [a, b] = await Promise.all([person('Anna'), person('Bruno')]);
    await createWorkspace(a.page, 'Typing');
    await addTopic(a.page, 'Ports');
    await addPoint(a.page, 'Note:');
    await b.page.goto(await shareLink(a.page));
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await waitForPeers(b.page, 1);
    // B notes when each new length of the text shows.
    await b.page.evaluate(() => {
      const seen: Record<number, number> = {};
      (window as unknown as { seen: Record<number, number> }).seen = seen;
      const field = document.querySelector<HTMLTextAreaElement>('[data-testid=focus-point-text]')!;
      const note = () => {
        if (!(field.value.length in seen)) seen[field.value.length] = performance.timeOrigin + performance.now();
      };
      // Every frame, and every few ms in case frames are throttled in a headless window.
      const frame = () => {
        note();
        requestAnimationFrame(frame);
      };
      frame();
      setInterval(note, 2);
    });
    const field = a.page.getByTestId('focus-point-text').first();
    await field.click();
    await field.press('End');
    const sent: number[] = [];
    const text = ' Port cities act together at EU level';
    for (const char of text) {
      sent.push(await a.page.evaluate(() => performance.timeOrigin + performance.now()));
      await field.press(char === ' ' ? 'Space' : char);
    }
    await expect.poll(() => b.page.getByTestId('focus-point-text').first().inputValue()).toBe(`Note:${text}`);
    const seen = await b.page.evaluate(() => (window as unknown as { seen: Record<number, number> }).seen);
    // A keystroke is there once B shows a text at least that long (two may land in one frame).
    const shownAt = (length: number) => Math.min(...Object.entries(seen).filter(([l]) => Number(l) >= length).map(([, t]) => t));
    const delays = sent.map((at, i) => shownAt('Note:'.length + i + 1) - at).sort((x, y) => x - y);
    expect(delays.every((d) => Number.isFinite(d)), JSON.stringify({ seen, sent })).toBe(true);
    const median = delays[Math.floor(delays.length / 2)]!;
    const p90 = delays[Math.floor(delays.length * 0.9)]!;
    console.log(`[measure] keystroke in A to text painted in B over ${delays.length} keys: median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms`);
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });
});
