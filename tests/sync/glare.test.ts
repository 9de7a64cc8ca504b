// Peers that announce themselves at the same moment both offer a connection ("glare"): one
// offer is answered, and every pair ends up connected. Real WebRTC (@roamhq/wrtc) between Node
// processes, through a real relay.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newSecret } from '../../src/sync/link';
import { startNodePeer, waitFor, type NodePeer } from '../support/node-peer';
import { startRelay, type Relay } from '../support/relay';

let relay: Relay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

test('four peers joining at once all connect to each other', async () => {
  const secret = newSecret();
  const peers = await Promise.all(Array.from({ length: 4 }, () => startNodePeer({ secret, relay: relay.url })));
  try {
    await waitFor(async () => (await Promise.all(peers.map((p: NodePeer) => p.peerCount()))).every((n) => n === 3), 'every pair connected', 45_000);
    expect(await Promise.all(peers.map((p) => p.peerCount()))).toEqual([3, 3, 3, 3]);
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}, 90_000);
