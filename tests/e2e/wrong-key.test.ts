// Issue 9: a share link whose key was damaged must say so, not look like an absent partner; and
// no page, the partner's with the right key included, may log an uncaught error for it.
import { afterAll, describe, expect, inject, test } from 'vitest';
import { deriveAccess } from '../../src/sync/access';
import { startNodePeer, type NodePeer } from '../support/node-peer';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers } from './peers-helpers';

/** The link with one character of its key changed (the last one, as when a copy lost or mistyped it). */
function damageKey(link: string): { damaged: string; secret: string } {
  const secret = link.match(/#\/(?:join|edit)\/[^/]+\/([^?]+)/)![1]!;
  const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
  return { damaged: link.replace(secret, wrong), secret };
}

const status = (page: import('playwright-core').Page) => page.getByTestId('connection-status').getAttribute('data-status');

describe('a link with a wrong key', () => {
  const nodePeers: NodePeer[] = [];
  afterAll(async () => {
    await Promise.all(nodePeers.map((peer) => peer.stop()));
  });

  test('the joiner is told the key does not match while the partner is online; the partner notes it; no uncaught errors', async () => {
    const [a, b] = await Promise.all([person('Anna', 'Amsterdam'), person('Bruno', 'Lisbon')]);
    await createWorkspace(a.page, 'Port cities');
    await addTopic(a.page, 'Organised crime in European ports');
    await addPoint(a.page, 'Exchange practices with Latin American ports');
    const link = await shareLink(a.page);
    const { damaged } = damageKey(link);

    await b.page.goto(damaged);
    await expect.poll(() => status(b.page), { timeout: 20_000 }).toBe('wrong-key');
    const notice = b.page.getByTestId('wrong-key');
    expect(await notice.textContent()).toMatch(/key in this link does not match/);
    expect(await notice.textContent()).toMatch(/ask your partner to send you the link again/i);
    // Not the message for an absent partner: the partner is online.
    expect(await b.page.getByTestId('waiting-for-partner').count()).toBe(0);
    expect(await b.page.getByTestId('topic-link').count()).toBe(0);

    // The partner, alone in the workspace, hears that someone tried a wrong link.
    await expect.poll(() => status(a.page), { timeout: 20_000 }).toBe('wrong-key');
    expect(await a.page.getByTestId('connection-status').textContent()).toMatch(/Someone tried to join with a link whose key does not match/);

    // The right link, sent again, works: the page asks which key to keep, and the workspace arrives.
    await b.page.goto(link);
    await b.page.getByTestId('use-new-key').click();
    await expect.poll(() => b.page.getByTestId('workspace-name').textContent(), { timeout: 20_000 }).toBe('Port cities');
    await waitForPeers(b.page, 1);
    await waitForPeers(a.page, 1);
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });

  test('a peer in the room with another password: the page catches the undecryptable signaling and says so', async () => {
    const a = await person('Anna', 'Amsterdam');
    await createWorkspace(a.page, 'Confidential group');
    await addTopic(a.page, 'Money laundering through real estate');
    await addPoint(a.page, 'Screen licence applicants with the tax office');
    const { secret } = damageKey(await shareLink(a.page));
    await expect.poll(() => status(a.page), { timeout: 20_000 }).toBe('looking');

    // Same room as A, the password (the view secret) with one character changed: its signaling
    // cannot be decrypted by A.
    const { room, password } = await deriveAccess({ kind: 'edit', secret });
    const wrongPassword = `${password.slice(0, -1)}${password.endsWith('A') ? 'B' : 'A'}`;
    const intruder = await startNodePeer({ secret, roomName: room, password: wrongPassword, relay: inject('e2eRelayUrl') });
    nodePeers.push(intruder);
    await expect.poll(() => status(a.page), { timeout: 20_000 }).toBe('wrong-key');
    expect(await intruder.peerCount()).toBe(0);
    expect(await pointTexts(a.page)).toEqual(['Screen licence applicants with the tax office']);

    // A partner with the right key still connects, and the status says so.
    const b = await person('Bruno', 'Lisbon');
    await b.page.goto(await shareLink(a.page));
    await waitForPeers(a.page, 1);
    await waitForPeers(b.page, 1);
    expectNoPageProblems(a.context);
    expectNoPageProblems(b.context);
    await Promise.all([closeBrowser(a.context), closeBrowser(b.context)]);
  });
});
