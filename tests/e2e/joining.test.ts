// A partner who opens a link before anyone who has the workspace is online: they see "receiving
// the workspace", no screen to fill in, and nothing they do there can overwrite the group's work
// (issue 9: opening Settings while waiting created an empty description that replaced the
// creator's in 21 of 40 joins). Each joiner is a separate Chromium process.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { createWorkspace, person, shareLink, waitForPeers, type Person } from './peers-helpers';

const DESCRIPTION = 'Cities comparing how organised crime uses their ports, led by Rotterdam.';

describe('joining before the workspace has arrived', () => {
  let creator: Person;
  let link: string;
  let workspaceId: string;

  beforeAll(async () => {
    creator = await person('Anna', 'Rotterdam');
    workspaceId = await createWorkspace(creator.page, 'Port cities');
    await creator.page.goto(creator.page.url().replace(/\/topics$/, '/settings'));
    await creator.page.getByTestId('settings-description').fill(DESCRIPTION);
    link = await shareLink(creator.page);
  });
  afterAll(async () => {
    await closeBrowser(creator.context);
  });

  // Four joiners, one after another: before the fix each lost the description with a chance of
  // about one half, so four passing by luck would be one chance in sixteen.
  for (const round of [1, 2, 3, 4]) {
    test(`joiner ${round} waits on the settings screen, then receives the description whole`, async () => {
      // The creator works offline: the joiner has nobody to receive the workspace from.
      await creator.page.getByTestId('toggle-offline').click();
      await expect.poll(() => creator.page.getByTestId('connection-status').getAttribute('data-status')).toBe('paused');
      const joiner = await person(`Joiner ${round}`, 'Lisbon');
      try {
        await joiner.page.goto(link);
        await joiner.page.waitForURL(/#\/w\/[^/]+\/topics/);
        // Straight to the settings screen, as the probe did.
        await joiner.page.goto(joiner.page.url().replace(/\/topics$/, '/settings'));
        await expect.poll(() => joiner.page.getByTestId('receiving-workspace').count()).toBe(1);
        expect(await joiner.page.getByTestId('settings-description').count()).toBe(0);
        expect(await joiner.page.getByRole('textbox').count()).toBe(0);
        expect(await joiner.page.getByTestId('waiting-for-partner').textContent()).toMatch(/Receiving the workspace/);
        // Nothing was stored for the workspace beyond what opening it writes (no record, no meta).
        const stored = await joiner.page.evaluate(
          (id) =>
            new Promise<number>((resolve) => {
              const open = indexedDB.open(`tavola-ws-${id}`);
              open.onsuccess = () => {
                const request = open.result.transaction('updates').objectStore('updates').getAll();
                request.onsuccess = () => resolve((request.result as Uint8Array[]).reduce((sum, u) => sum + (u.byteLength > 2 ? u.byteLength : 0), 0));
              };
            }),
          workspaceId,
        );
        expect(stored).toBe(0);

        await creator.page.getByTestId('toggle-offline').click();
        await waitForPeers(joiner.page, 1);
        await expect.poll(() => joiner.page.getByTestId('settings-description').inputValue(), { timeout: 20_000 }).toBe(DESCRIPTION);
        expect(await joiner.page.getByTestId('workspace-name').textContent()).toBe('Port cities');
        // And the creator still has it: nothing the joiner's copy held replaced it.
        await expect.poll(() => creator.page.getByTestId('settings-description').inputValue()).toBe(DESCRIPTION);
        expectNoPageProblems(joiner.context);
      } finally {
        await closeBrowser(joiner.context);
      }
    }, 120_000);
  }

  test('the creator saw no page errors', () => {
    expectNoPageProblems(creator.context);
  });
});
