import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ChunkedPeer, CHUNK_SIZE, FRAME_MARKER, Reassembler, frameMessage } from '../../src/sync/chunked-peer.js';
import { newSecret } from '../../src/sync/link';
import { joinAsNodePeer, waitFor, type NodePeer } from '../support/node-peer';
import { startRelay, type Relay } from '../support/relay';
import { buildLargeWorkspace } from '../support/large-workspace';

describe('framing', () => {
  test('a message is split into frames and reassembled whole', () => {
    const message = new Uint8Array(3 * CHUNK_SIZE + 17).map((_, i) => (i * 7) & 0xff);
    message[0] = 0; // a y-webrtc sync message
    const frames = frameMessage(message, 9);
    expect(frames).toHaveLength(4);
    for (const frame of frames) expect([frame[0], frame[1]]).toEqual(FRAME_MARKER);
    const reassembler = new Reassembler();
    const results = frames.map((frame) => reassembler.push(frame));
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]).toEqual(message);
  });

  test('malformed frames are refused', () => {
    const frames = frameMessage(new Uint8Array(2 * CHUNK_SIZE + 1), 1);
    expect(() => new Reassembler().push(frames[1]!)).toThrow(/never started/);
    const outOfOrder = new Reassembler();
    outOfOrder.push(frames[0]!);
    expect(() => outOfOrder.push(frames[2]!)).toThrow(/out of order/);
    expect(() => new Reassembler(1024).push(frames[0]!)).toThrow(/over the limit/);
    expect(() => new Reassembler().push(frames[0]!.subarray(0, 10))).toThrow(/shorter than its header/);
    const interleaved = new Reassembler();
    interleaved.push(frames[0]!);
    expect(() => interleaved.push(frameMessage(new Uint8Array(2 * CHUNK_SIZE), 2)[0]!)).toThrow(/before the previous/);
  });

  test('y-webrtc gets the chunking peer in place of simple-peer', async () => {
    const peer = await import('simple-peer/simplepeer.min.js');
    expect(peer.default).not.toBe(ChunkedPeer);
    // The plugin redirects y-webrtc's own import only: the provider's peers are ChunkedPeers.
    const relay = await startRelay();
    const secret = newSecret();
    const a = await joinAsNodePeer({ secret, relay: relay.url });
    const b = await joinAsNodePeer({ secret, relay: relay.url });
    try {
      await waitFor(() => a.peerCount() === 1 && b.peerCount() === 1, 'the two peers to connect');
      const room = (a.provider as unknown as { room: { webrtcConns: Map<string, { peer: unknown }> } }).room;
      for (const conn of room.webrtcConns.values()) expect(conn.peer).toBeInstanceOf(ChunkedPeer);
    } finally {
      a.destroy();
      b.destroy();
      await relay.stop();
    }
  });
});

describe('peers over real WebRTC', () => {
  let relay: Relay;
  const peers: NodePeer[] = [];
  beforeAll(async () => {
    relay = await startRelay({ record: true });
  });
  afterEach(() => {
    for (const peer of peers.splice(0)) peer.destroy();
  });
  afterAll(async () => {
    await relay.stop();
  });

  test('a workspace of more than 5 MB reaches a new peer whole', async () => {
    const secret = newSecret();
    const source = buildLargeWorkspace({ targetBytes: 5.2 * 1024 * 1024 });
    const size = source.encodeState().byteLength;
    expect(size).toBeGreaterThan(5 * 1024 * 1024);
    const a = await joinAsNodePeer({ secret, relay: relay.url, workspace: source });
    peers.push(a);
    const b = await joinAsNodePeer({ secret, relay: relay.url });
    peers.push(b);
    await waitFor(() => b.workspace.focusPoints.size === source.focusPoints.size, 'the whole workspace to arrive', 45_000);
    expect(b.workspace.encodeState().byteLength).toBe(size);
    expect(b.workspace.focusPoints.list().map((p) => p.text)).toEqual(source.focusPoints.list().map((p) => p.text));
  });

  test('a peer with the wrong secret for the same room receives nothing, and the relay sees neither secret nor text', async () => {
    const secret = newSecret();
    const a = await joinAsNodePeer({ secret, relay: relay.url });
    peers.push(a);
    a.workspace.initialise({ name: 'Port cities working group' });
    const topic = a.workspace.topics.add('Organised crime in European ports');
    a.workspace.focusPoints.add({ topicId: topic, text: 'Exchange practices with Latin American ports' });
    const friend = await joinAsNodePeer({ secret, relay: relay.url });
    peers.push(friend);
    // Same room name (derived from the right secret) but a wrong password, as someone who
    // learnt the room name from the relay would try.
    const intruder = await joinAsNodePeer({ secret, password: newSecret(), relay: relay.url });
    peers.push(intruder);
    await waitFor(() => friend.workspace.focusPoints.size === 1, 'the partner to receive the workspace');
    // Give the intruder the time the partner needed, several times over.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(intruder.workspace.focusPoints.size).toBe(0);
    expect(intruder.workspace.meta().name).toBe('Untitled workspace');
    expect(intruder.peerCount()).toBe(0);

    const traffic = relay.recorded.join('\n');
    expect(relay.recorded.length).toBeGreaterThan(0);
    expect(traffic).not.toContain(secret);
    for (const text of ['Port cities', 'Organised crime', 'Latin American']) expect(traffic).not.toContain(text);
  });
});
