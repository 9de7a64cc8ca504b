// Issue 14: a modified viewer changes nothing at an honest browser. A Node peer holding the view
// link that answers the writers' challenge with a made-up proof, and a plain y-webrtc program
// holding it (which answers nothing), both send changes anyway; the writer's browser must apply
// neither, while its own changes still reach them (docs/sync.md, "The writers' handshake").
import { afterAll, describe, expect, inject, test } from 'vitest';
import { deriveAccess } from '../../src/sync/access';
import { parseShareLink } from '../../src/sync/link';
import { startNodePeer, waitFor, type NodePeer } from '../support/node-peer';
import { closeBrowser, expectNoPageProblems } from './harness/browser';
import { addPoint, addTopic, createWorkspace, person, pointTexts, shareLink, waitForPeers } from './peers-helpers';

describe('writers and viewers', () => {
  const nodePeers: NodePeer[] = [];
  afterAll(async () => {
    await Promise.all(nodePeers.map((peer) => peer.stop()));
  });

  test('changes from viewers who send them anyway never reach an honest browser, which still sends them its own', async () => {
    const a = await person('Anna', 'Amsterdam');
    await createWorkspace(a.page, 'Port cities');
    await addTopic(a.page, 'Organised crime in European ports');
    await addPoint(a.page, 'Exchange practices with Latin American ports');
    const parsed = parseShareLink(await shareLink(a.page));
    if (!parsed.ok || parsed.link.kind !== 'edit') throw new Error('a new workspace shares an edit link');
    const { view } = await deriveAccess({ kind: 'edit', secret: parsed.link.secret });
    const access = { kind: 'view' as const, secret: view!.secret, verifyKey: view!.verifyKey };
    const relay = inject('e2eRelayUrl');
    const forger = await startNodePeer({ secret: view!.secret, relay, access: { ...access, forge: true } });
    nodePeers.push(forger);
    const plain = await startNodePeer({ secret: view!.secret, relay, access, plain: true });
    nodePeers.push(plain);
    await waitForPeers(a.page, 2);
    // Both viewers receive the workspace from the writer.
    for (const viewer of [forger, plain]) await waitFor(async () => (await viewer.count('focusPoints')) === 1, 'the workspace at the viewer', 30_000);

    // Each renames the workspace and adds nothing else; the browser must keep its name.
    for (const [viewer, name] of [[forger, 'Taken over'], [plain, 'Taken over too']] as const) {
      const copy = await viewer.workspace();
      const before = copy.stateVector();
      copy.rename(name);
      await viewer.apply(copy.encodeStateSince(before));
    }
    // The writer's next change still reaches both, after theirs were sent.
    await addPoint(a.page, 'Share the list of front companies');
    for (const viewer of [forger, plain]) await waitFor(async () => (await viewer.count('focusPoints')) === 2, 'the writer’s new point at the viewer', 30_000);
    expect(await a.page.getByTestId('workspace-name').textContent()).toBe('Port cities');
    expect(await pointTexts(a.page)).toEqual(['Exchange practices with Latin American ports', 'Share the list of front companies']);
    // The plain program's changes are refused once its 10 s to prove are up; still nothing.
    await a.page.waitForTimeout(11_000);
    await a.page.reload();
    await expect.poll(() => a.page.getByTestId('workspace-name').textContent(), { timeout: 20_000 }).toBe('Port cities');
    expectNoPageProblems(a.context);
    await closeBrowser(a.context);
  });
});
