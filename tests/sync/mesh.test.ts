// Issue 10: in a room where everyone is linked to everyone, a received update is not sent on.
// Three Node peers in their own processes (real WebRTC through @roamhq/wrtc, a real relay), each
// with @tavola/webrtc; y-webrtc 10.3.0 would deliver every edit to each partner twice.
import * as Y from 'yjs';
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

test('three peers linked to each other: each edit reaches each partner once, and all converge', async () => {
  const secret = newSecret();
  const peers: NodePeer[] = [];
  try {
    for (let i = 0; i < 3; i++) peers.push(await startNodePeer({ secret, relay: relay.url }));
    const [x, y, z] = peers as [NodePeer, NodePeer, NodePeer];
    await waitFor(async () => (await Promise.all(peers.map((p) => p.peerCount()))).every((n) => n === 2), 'a full mesh of three', 30_000);
    // Each knows that its two partners are linked to each other.
    await waitFor(async () => (await Promise.all(peers.map((p) => p.meshLinks()))).every((n) => n === 1), 'every link announced', 30_000);
    const before = await Promise.all([y.receivedUpdates(), z.receivedUpdates()]);
    const author = new Y.Doc();
    const edits = 20;
    for (let i = 0; i < edits; i++) {
      const sv = Y.encodeStateVector(author);
      author.getMap('focusPoints').set(`p${i}`, i);
      await x.apply(Y.encodeStateAsUpdate(author, sv));
    }
    await waitFor(async () => (await y.count('focusPoints')) === edits && (await z.count('focusPoints')) === edits, 'the edits to reach both partners');
    // Give a forwarded copy time to arrive, were one sent.
    await new Promise((r) => setTimeout(r, 500));
    const after = await Promise.all([y.receivedUpdates(), z.receivedUpdates()]);
    expect([after[0]! - before[0]!, after[1]! - before[1]!]).toEqual([edits, edits]);
    const states = await Promise.all(peers.map(async (p) => (await p.workspace()).encodeState()));
    const docs = states.map((state) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      return doc.getMap('focusPoints').toJSON();
    });
    expect(docs[1]).toEqual(docs[0]);
    expect(docs[2]).toEqual(docs[0]);
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}, 90_000);
