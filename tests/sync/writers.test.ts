// Issue 14: in a workspace with view links, peers apply changes only from partners that prove they
// hold the writers' signing key (packages/webrtc/src/writers.js, docs/sync.md). Node peers in their
// own processes (real WebRTC through @roamhq/wrtc, a real relay): two writers, an honest viewer, a
// modified viewer that answers with a made-up proof and sends its changes anyway, and a plain
// y-webrtc program holding the view link, which knows nothing of proofs.
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { deriveAccess } from '../../src/sync/access';
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


async function keys(peer: NodePeer): Promise<string[]> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await peer.workspace()).encodeState());
  return [...doc.getMap('focusPoints').keys()].sort();
}

const ignoredBy = async (peer: NodePeer) => (await peer.roles()).reduce((sum, conn) => sum + conn.ignored, 0);

test('only partners that prove they write change the workspace; viewers still receive every change', async () => {
  const editSecret = newSecret();
  const { view } = await deriveAccess({ kind: 'edit', secret: editSecret });
  const viewAccess = { kind: 'view' as const, secret: view!.secret, verifyKey: view!.verifyKey };
  const peers: NodePeer[] = [];
  try {
    const start = async (access: Parameters<typeof startNodePeer>[0]['access'], plain = false) => {
      const peer = await startNodePeer({ secret: editSecret, relay: relay.url, access, plain });
      peers.push(peer);
      return peer;
    };
    const writer = await start({ kind: 'edit', secret: editSecret });
    const second = await start({ kind: 'edit', secret: editSecret });
    const viewer = await start(viewAccess);
    const forger = await start({ ...viewAccess, forge: true });
    const plain = await start(viewAccess, true);
    await waitFor(async () => (await Promise.all(peers.map((p) => p.peerCount()))).every((n) => n === 4), 'a full mesh of five', 40_000);
    // Every honest peer knows who wrote: the plain y-webrtc program proves nothing (its empty reply
    // to the challenge), and is taken for a viewer.
    for (const honest of [writer, second, viewer]) {
      await waitFor(async () => (await honest.roles()).every((conn) => conn.role !== 'unknown'), 'every partner proved or not', 20_000);
    }
    expect((await writer.roles()).map((conn) => conn.role).sort()).toEqual(['viewer', 'viewer', 'viewer', 'writer']);
    expect((await viewer.roles()).map((conn) => conn.role).sort()).toEqual(['viewer', 'viewer', 'writer', 'writer']);
    // The handshake's cost: from a challenge to the partner's proof checked (for the closing note).
    const proofs = (await Promise.all([writer, second, viewer].map((p) => p.roles()))).flat().filter((conn) => conn.role === 'writer');
    console.log(`writers' proofs checked in ${proofs.map((conn) => conn.settledMs!.toFixed(1)).join(', ')} ms after the challenge`);

    // A writer's change reaches everyone, viewers included.
    await put(writer, 'from-writer');
    for (const peer of peers) await waitFor(async () => (await keys(peer)).includes('from-writer'), 'the writer’s change everywhere');

    // The viewers' changes reach nobody honest: each honest peer ignores one from each.
    const before = await Promise.all([writer, second, viewer].map(ignoredBy));
    await put(forger, 'from-forger');
    await put(plain, 'from-plain');
    await put(viewer, 'from-viewer');
    await waitFor(async () => (await ignoredBy(writer)) >= before[0]! + 3, 'the writer to ignore three viewers’ changes');
    await waitFor(async () => (await ignoredBy(second)) >= before[1]! + 3, 'the second writer to ignore them');
    await waitFor(async () => (await ignoredBy(viewer)) >= before[2]! + 2, 'the honest viewer to ignore the others’ changes');
    // And the writers still reach each other and the viewers afterwards.
    await put(second, 'from-second');
    for (const peer of peers) await waitFor(async () => (await keys(peer)).includes('from-second'), 'the second writer’s change everywhere');
    expect(await keys(writer)).toEqual(['from-second', 'from-writer']);
    expect(await keys(second)).toEqual(['from-second', 'from-writer']);
    // The honest viewer has its own change locally (the app never makes one: its screens are read-only).
    expect(await keys(viewer)).toEqual(['from-second', 'from-viewer', 'from-writer']);
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
}, 120_000);
