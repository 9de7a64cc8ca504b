// Links that lose messages. A link that broke one way (stop 28): the channel was open both ways, the joiner's partner heard
// the joiner, and the joiner heard nothing more after the partner's opening challenge and sync
// step 1. The joiner took the partner for a viewer and stayed empty for good. Now a partner that
// answered nothing of the sync step 1 and sent nothing for SILENT_LINK_MS is on a broken link: the
// connection closes and y-webrtc makes a new one (packages/webrtc/README.md, 8; docs/sync.md). And a
// challenge lost on the way is sent again at the proof's deadline (README, 6).
// Node peers in their own processes, real WebRTC (@roamhq/wrtc), a real relay.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newSecret } from '../../src/sync/link';
import { putKey as put, startNodePeer, waitFor, type NodePeer } from '../support/node-peer';
import { startRelay, type Relay } from '../support/relay';

let relay: Relay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});


for (const withWriters of [true, false]) {
  test(`a partner whose first link goes deaf after opening is reached over a new link (${withWriters ? 'a room with writers' : 'a room without'})`, async () => {
    const secret = newSecret();
    const access = withWriters ? { access: { kind: 'edit' as const, secret } } : {};
    const peers: NodePeer[] = [];
    try {
      const deaf = await startNodePeer({ secret, relay: relay.url, deafFirstLink: true, ...access });
      peers.push(deaf);
      await put(deaf, 'from-the-deaf-side');
      const joiner = await startNodePeer({ secret, relay: relay.url, ...access });
      peers.push(joiner);
      // The joiner hears nothing from its first link after the partner's opening messages; after
      // SILENT_LINK_MS (10 s) it closes that link, and the new one brings the workspace.
      await waitFor(async () => (await joiner.count('focusPoints')) === 1, 'the workspace over a new link', 45_000);
      expect(await joiner.linksClosed()).toBeGreaterThanOrEqual(1);
      if (withWriters) expect((await joiner.roles()).map((conn) => conn.role)).toEqual(['writer']);
      // And both ways from then on.
      await put(joiner, 'from-the-joiner');
      await waitFor(async () => (await deaf.count('focusPoints')) === 2, 'the joiner’s change at the partner');
    } finally {
      await Promise.all(peers.map((peer) => peer.stop()));
    }
  }, 60_000);
}

test('a joiner whose challenge is lost on the way takes its partner for a viewer at the deadline, challenges it again, and has the workspace over the same link', async () => {
  // The join of stop 29 lost the joiner's first message, its challenge: its partner never proved
  // it writes, and the joiner refused the workspace for good. Now the challenge goes once more at
  // the proof's deadline (docs/sync.md, "The writers' handshake", step 4).
  const secret = newSecret();
  const access = { access: { kind: 'edit' as const, secret } };
  const peers: NodePeer[] = [];
  try {
    const holder = await startNodePeer({ secret, relay: relay.url, ...access });
    peers.push(holder);
    await put(holder, 'held-by-the-partner');
    const joiner = await startNodePeer({ secret, relay: relay.url, loseFirstChallenge: true, ...access });
    peers.push(joiner);
    await waitFor(async () => (await joiner.count('focusPoints')) === 1, 'the workspace after the second challenge', 45_000);
    expect((await joiner.roles()).map((conn) => conn.role)).toEqual(['writer']);
    expect(await joiner.linksClosed()).toBe(0);
    await put(joiner, 'from-the-joiner');
    await waitFor(async () => (await holder.count('focusPoints')) === 2, 'the joiner’s change at the partner');
  } finally {
    await Promise.all(peers.map((peer) => peer.stop()));
  }
}, 60_000);
