import { execFile } from 'node:child_process';
import { deriveAccess } from '../../src/sync/access';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as Y from 'yjs';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { Workspace } from '../../src/model';
import { buildLargeWorkspace } from '../support/large-workspace';
import { startRelay, type Relay } from '../support/relay';
import { closeBrowser, expectNoPageProblems, launchBrowser, openApp } from './harness/browser';
import { readStoredState, storeUpdate } from './idb';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers } from './peers-helpers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function useRelay(page: import('playwright-core').Page, workspaceId: string, relay: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, `#/w/${workspaceId}/settings`));
  await page.getByTestId('settings-relays').fill(relay);
  await page.getByTestId('save-network').click();
  await page.goto(page.url().replace(/#.*$/, `#/w/${workspaceId}/topics`));
}

describe('peers across the network', () => {
  const relays: Relay[] = [];
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
  });

  test('a workspace whose encoded state is over 5 MB reaches a newly joining browser whole', async () => {
    const a = await person('Anna');
    const id = await createWorkspace(a.page, 'Big working group');
    // Years of work, made in Node through the model and stored as if A had typed it.
    const large = buildLargeWorkspace({ targetBytes: 5.2 * 1024 * 1024 });
    const base = new Workspace();
    // y-indexeddb writes in the background: wait until the new workspace is stored.
    await expect.poll(async () => {
      for (const update of await readStoredState(a.page, id)) base.applyUpdate(update);
      return base.compatibility().kind;
    }).toBe('ok');
    const large2 = new Workspace();
    large2.applyUpdate(base.encodeState());
    for (const topic of large.topics.list()) {
      const topicId = large2.topics.add(topic.title);
      for (const point of large.focusPoints.ofTopic(topic.id)) large2.focusPoints.add({ topicId, text: point.text });
    }
    expect(large2.encodeState().byteLength).toBeGreaterThan(5 * 1024 * 1024);
    // Stored as y-indexeddb leaves the updates once it has merged them: one state.
    await storeUpdate(a.page, id, large2.encodeState(), { replace: true });
    await a.page.reload();
    await expect.poll(() => a.page.getByTestId('topic-link').count()).toBe(large2.topics.size);
    // A new peer is sent the stored updates A opened with, and what changed since, in place of
    // the workspace encoded again (stateForNewPeer, src/model/new-peer.ts): a point typed after the reload.
    await a.page.getByTestId('topic-link').first().click();
    await addPoint(a.page, 'Typed after the reload');
    const total = large2.focusPoints.size + 1;
    const link = await shareLink(a.page);

    const b = await person('Bruno');
    const started = Date.now();
    await b.page.goto(link);
    await expect.poll(() => b.page.getByTestId('topic-link').count(), { timeout: 45_000 }).toBe(large2.topics.size);
    const counts = async () => (await b.page.getByTestId('topic-link').locator('.count').allTextContents()).reduce((sum, n) => sum + Number(n), 0);
    await expect.poll(counts, { timeout: 45_000 }).toBe(total);
    console.log(`[measure] ${(large2.encodeState().byteLength / 1024 / 1024).toFixed(1)} MB workspace reached a new browser peer in ${Date.now() - started} ms (from opening the link)`);

    // What B stored is the whole workspace, text for text.
    await expect.poll(async () => {
      const received = new Workspace();
      for (const stored of await readStoredState(b.page, id)) received.applyUpdate(stored);
      return received.focusPoints.size;
    }, { timeout: 20_000 }).toBe(total);
    const received = new Workspace();
    for (const stored of await readStoredState(b.page, id)) received.applyUpdate(stored);
    expect(received.focusPoints.list().map((p) => p.text).sort()).toEqual([...large2.focusPoints.list().map((p) => p.text), 'Typed after the reload'].sort());
    expectNoPageProblems(b.context);
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('B goes offline, both edit, B comes back: both see all edits', async () => {
    const [a, b] = await Promise.all([person('Anna'), person('Bruno')]);
    await createWorkspace(a.page, 'Train journey');
    await addTopic(a.page, 'Ports');
    await addPoint(a.page, 'First point');
    await b.page.goto(await shareLink(a.page));
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await expect.poll(() => pointTexts(b.page)).toEqual(['First point']);

    await b.context.setOffline(true);
    await expect.poll(() => b.page.getByTestId('connection-status').getAttribute('data-status')).toBe('offline');
    await expect.poll(() => a.page.getByTestId('connection-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('looking');
    await addPoint(a.page, 'Added by Anna while Bruno was away');
    await addPoint(b.page, 'Added by Bruno on the train');
    await b.page.getByTestId('focus-point-text').first().fill('First point, edited on the train');
    // Neither sees the other's edits while apart.
    expect(await pointTexts(a.page)).not.toContain('Added by Bruno on the train');
    expect(await pointTexts(b.page)).not.toContain('Added by Anna while Bruno was away');

    await b.context.setOffline(false);
    await waitForPeers(b.page, 1);
    const expected = ['Added by Anna while Bruno was away', 'Added by Bruno on the train', 'First point, edited on the train'];
    await expect.poll(async () => (await pointTexts(a.page)).sort(), { timeout: 20_000 }).toEqual(expected);
    await expect.poll(async () => (await pointTexts(b.page)).sort(), { timeout: 20_000 }).toEqual(expected);
    // Same order on both screens, and A sees B again (y-webrtc drops presence on disconnect).
    expect(await pointTexts(a.page)).toEqual(await pointTexts(b.page));
    await expect.poll(() => a.page.getByTestId('person').evaluateAll((els) => els.map((el) => el.getAttribute('data-name')))).toEqual(['Anna', 'Bruno']);
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('the relay sees neither the secret nor any text; a wrong secret receives nothing', async () => {
    const relay = await startRelay({ record: true });
    relays.push(relay);
    const [a, b, c] = await Promise.all([person('Anna'), person('Bruno'), person('Carla')]);
    const id = await createWorkspace(a.page, 'Confidential group');
    await useRelay(a.page, id, relay.url);
    await addTopic(a.page, 'Money laundering through real estate');
    await addPoint(a.page, 'Screen licence applicants with the tax office');
    const link = await shareLink(a.page);
    expect(link).toContain(`relay=${encodeURIComponent(relay.url)}`);
    const secret = link.match(/#\/(?:edit|join)\/[^/]+\/([^?]+)/)![1]!;

    await b.page.goto(link);
    await b.page.getByTestId('topic-link').first().click({ timeout: 20_000 });
    await expect.poll(() => pointTexts(b.page)).toEqual(['Screen licence applicants with the tax office']);

    // Carla has the link with one character of the key changed.
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    await c.page.goto(link.replace(secret, wrong));
    // Carla is told her key does not match (tests/e2e/wrong-key.test.ts), and receives nothing.
    await expect.poll(() => c.page.getByTestId('connection-status').getAttribute('data-status')).toBe('wrong-key');
    await expect.poll(() => c.page.getByTestId('wrong-key').count()).toBe(1);
    // Longer than B needed, several times over.
    await c.page.waitForTimeout(3_000);
    expect(await c.page.getByTestId('topic-link').count()).toBe(0);
    expect(await c.page.getByTestId('wrong-key').count()).toBe(1);
    await waitForPeers(a.page, 1);

    const traffic = relay.recorded.join('\n');
    expect(relay.recorded.length).toBeGreaterThan(5);
    expect(traffic).not.toContain(secret);
    // Nor the view secret the edit secret derives (the room's password), in either encoding.
    const { view } = await deriveAccess({ kind: 'edit', secret });
    expect(traffic).not.toContain(view!.secret);
    expect(traffic).not.toContain(Buffer.from(view!.secret, 'base64url').toString('base64'));
    expect(traffic).not.toContain(id);
    for (const text of ['Confidential', 'Money laundering', 'tax office', 'Anna', 'Bruno']) expect(traffic).not.toContain(text);
    await Promise.all([a, b, c].map((p) => closeBrowser(p.context)));
  });

  test('two tabs of one browser on one workspace stay in sync', async () => {
    const a = await person('Anna');
    const id = await createWorkspace(a.page, 'Two tabs');
    await addTopic(a.page, 'Ports');
    const second = await a.context.newPage();
    await second.goto(a.page.url());
    await addPoint(a.page, 'Typed in the first tab');
    await expect.poll(() => pointTexts(second)).toEqual(['Typed in the first tab']);
    await addPoint(second, 'Typed in the second tab');
    await expect.poll(() => pointTexts(a.page)).toEqual(['Typed in the first tab', 'Typed in the second tab']);
    expect(id).toBeTruthy();
    expectNoPageProblems(a.context);
    await closeBrowser(a.context);
  });

  test('an unreachable relay is said plainly', async () => {
    const a = await person('Anna');
    const id = await createWorkspace(a.page, 'Blocked network');
    await useRelay(a.page, id, 'ws://127.0.0.1:9');
    await expect.poll(() => a.page.getByTestId('connection-status').textContent(), { timeout: 20_000 }).toBe(
      'Cannot reach the connection relay (ws://127.0.0.1:9). Your changes are saved here.',
    );
    await closeBrowser(a.context);
  });

  test('a broken, truncated or foreign link gets a clear message', async () => {
    const context = await launchBrowser();
    const page = await openApp(context, '/');
    const cases: [string, RegExp][] = [
      ['#/join/abcdefgh', /incomplete/],
      ['#/join/abcdefghij/short', /too short/],
      ['#/join/abcdefghij/bad!key$$$$$$$$$$$$$$$$$$$$', /damaged/],
      ['#/join/abcdefghij/AAAAAAAAAAAAAAAAAAAAAAAA?relay=http://example.org', /not a valid address/],
    ];
    for (const [fragment, message] of cases) {
      await page.goto(page.url().replace(/#.*$/, '') + fragment);
      await expect.poll(() => page.getByTestId('link-error').textContent()).toMatch(message);
    }
    // Nothing was added to the home list by a bad link.
    await page.goto(page.url().replace(/#.*$/, '#/'));
    expect(await page.getByTestId('workspace-row').count()).toBe(0);
    await closeBrowser(context);
  });

  test('a Node program joins from the link and prints the topics and focus points', async () => {
    const a = await person('Anna');
    await createWorkspace(a.page, 'Readable by other programs');
    await addTopic(a.page, 'Trafficking in human beings');
    await addPoint(a.page, 'Bring the needs of cities to EU level');
    const link = await shareLink(a.page);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['scripts/join-workspace.mjs', link, '--relay', inject('e2eRelayUrl')],
      { cwd: ROOT, timeout: 40_000 },
    );
    expect(stdout).toContain('# Readable by other programs');
    expect(stdout).toContain('## Trafficking in human beings');
    expect(stdout).toContain('- [proposed] Bring the needs of cities to EU level');
    await closeBrowser(a.context);
  });
});
