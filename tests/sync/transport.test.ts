import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CHUNK_SIZE, FRAME_MARKER, NoWebrtcError, Reassembler, WebrtcProvider, frameMessage } from '@tavola/webrtc';
import { newSecret } from '../../src/sync/link';
import { buildLargeWorkspace } from '../support/large-workspace';
import { startNodePeer, waitFor, type NodePeer } from '../support/node-peer';
import { startRelay, type Relay } from '../support/relay';

describe('framing', () => {
  test('a message is split into frames and reassembled whole', () => {
    const message = new Uint8Array(3 * CHUNK_SIZE + 17).map((_, i) => (i * 7) & 0xff);
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
});

describe('Node peers over real WebRTC', () => {
  let relay: Relay;
  const peers: NodePeer[] = [];
  beforeAll(async () => {
    relay = await startRelay({ record: true });
  });
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  });
  afterAll(async () => {
    await relay.stop();
  });

  test('a workspace of more than 5 MB reaches a new peer whole', async () => {
    const secret = newSecret();
    const source = buildLargeWorkspace({ targetBytes: 5.2 * 1024 * 1024 });
    const state = source.encodeState();
    expect(state.byteLength).toBeGreaterThan(5 * 1024 * 1024);
    const a = await startNodePeer({ secret, relay: relay.url });
    peers.push(a);
    await a.apply(state);
    const b = await startNodePeer({ secret, relay: relay.url });
    peers.push(b);
    const started = Date.now();
    await waitFor(async () => (await b.count('focusPoints')) === source.focusPoints.size, 'the whole workspace to arrive', 45_000);
    console.log(`${(state.byteLength / 1024 / 1024).toFixed(1)} MB reached a new Node peer in ${Date.now() - started} ms`);
    const received = await b.workspace();
    expect(received.focusPoints.list().map((p) => p.text)).toEqual(source.focusPoints.list().map((p) => p.text));
  });

  test('a peer with the wrong secret for the same room receives nothing; the relay sees neither secret nor text', async () => {
    const secret = newSecret();
    const source = new (await import('../../src/model')).Workspace();
    source.initialise({ name: 'Port cities working group' });
    const topic = source.topics.add('Organised crime in European ports');
    source.focusPoints.add({ topicId: topic, text: 'Exchange practices with Latin American ports' });
    const a = await startNodePeer({ secret, relay: relay.url });
    peers.push(a);
    await a.apply(source.encodeState());
    const friend = await startNodePeer({ secret, relay: relay.url });
    peers.push(friend);
    // The room name is derived from the right secret, as someone who read it off the relay would.
    const intruder = await startNodePeer({ secret, password: newSecret(), relay: relay.url });
    peers.push(intruder);
    await waitFor(async () => (await friend.count('focusPoints')) === 1, 'the partner to receive the workspace');
    // Give the intruder the time the partner needed, several times over.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await intruder.workspace()).focusPoints.size).toBe(0);
    expect(await intruder.peerCount()).toBe(0);
    expect(await a.peerCount()).toBe(1);

    const traffic = relay.recorded.join('\n');
    expect(relay.recorded.length).toBeGreaterThan(0);
    expect(traffic).not.toContain(secret);
    for (const text of ['Port cities', 'Organised crime', 'Latin American']) expect(traffic).not.toContain(text);
  });
});

describe('one package for the transport', () => {
  test('without WebRTC, a provider says so at once rather than never connecting', () => {
    // Node has no RTCPeerConnection: a program that forgets peerOpts.wrtc is told how to fix it.
    expect('RTCPeerConnection' in globalThis).toBe(false);
    expect(() => new WebrtcProvider('no-webrtc-here', new Y.Doc(), { signaling: [] })).toThrow(NoWebrtcError);
    expect(() => new WebrtcProvider('no-webrtc-here', new Y.Doc(), { signaling: [] })).toThrow(/peerOpts: \{ wrtc \}/);
  });
});
