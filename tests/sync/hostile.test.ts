// Issue 9: a hostile peer with the key. Each attack once froze or bloated a partner's page; here
// the partner is a @tavola/webrtc provider in this process (with the checks Tavola's PeerConnection
// turns on), the attacker a Node process writing raw bytes to the data channel (real WebRTC
// through @roamhq/wrtc, through a real relay). docs/sync.md, "Limits", lists what is checked.
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  CHUNK_SIZE,
  ChunkedPeer,
  WebrtcProvider,
  FRAME_IDLE_TIMEOUT_MS,
  MAX_AWARENESS_CLIENTS,
  MAX_MESSAGE_SIZE,
  MAX_OUTBOX_BYTES,
  MAX_PENDING_BYTES,
  MESSAGE_BURST,
  Reassembler,
  STEP1_BURST,
  frameHeader,
  frameMessage,
  parseMessage,
  sharedReassemblyBudget,
  syncMessage,
} from '@tavola/webrtc';
import { deriveKey, encryptJson } from '../../packages/webrtc/src/crypto.js';
import { Workspace } from '../../src/model';
import { newSecret, roomNameFor } from '../../src/sync/link';
import { buildLargeWorkspace } from '../support/large-workspace';
import { startHostilePeer, type HostilePeer } from '../support/hostile-peer';
import { startNodePeer, waitFor, type NodePeer } from '../support/node-peer';
import { startRelay, type Relay } from '../support/relay';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const MiB = 1024 * 1024;
const memory = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

describe('reading frames and messages', () => {
  test('a claimed size costs nothing until it is sent: the buffer grows with the frames', () => {
    const total = 30 * MiB;
    const reassembler = new Reassembler(MAX_MESSAGE_SIZE, { used: 0, max: 100 * MiB });
    reassembler.push(frameHeader(1, 0, Math.ceil(total / CHUNK_SIZE), total, new Uint8Array(CHUNK_SIZE)));
    expect(reassembler.held).toBeLessThanOrEqual(2 * CHUNK_SIZE);
    const message = new Uint8Array(5 * CHUNK_SIZE + 3).map((_, i) => i & 0xff);
    const frames = frameMessage(message, 2);
    const other = new Reassembler();
    const results = frames.map((frame) => other.push(frame));
    expect(results.at(-1)).toEqual(message);
    expect(other.held).toBe(0);
  });

  test('messages over the limit are refused at their first frame; unfinished messages of all peers share one bound', () => {
    expect(MAX_MESSAGE_SIZE).toBeLessThanOrEqual(128 * MiB);
    const claim = (total: number) => frameHeader(1, 0, Math.ceil(total / CHUNK_SIZE), total, new Uint8Array(CHUNK_SIZE));
    expect(() => new Reassembler().push(claim(MAX_MESSAGE_SIZE + 1))).toThrow(/over the limit/);
    const budget = { used: 0, max: 3 * CHUNK_SIZE };
    const a = new Reassembler(MAX_MESSAGE_SIZE, budget);
    const b = new Reassembler(MAX_MESSAGE_SIZE, budget);
    a.push(claim(10 * MiB));
    a.push(frameHeader(1, 1, 160, 10 * MiB, new Uint8Array(CHUNK_SIZE)));
    expect(budget.used).toBe(2 * CHUNK_SIZE);
    expect(() => b.push(claim(10 * MiB))).toThrow(/all peers/);
    // A refused message gives its bytes back; so does one given up.
    expect(budget.used).toBe(2 * CHUNK_SIZE);
    a.reset();
    expect(budget.used).toBe(0);
  });

  test('every y-webrtc message is read before y-webrtc sees it; garbage is refused', () => {
    const awareness = (body: number[]) => new Uint8Array([1, body.length, ...body]);
    const good = [
      new Uint8Array([0, 0, 1, 0]),
      syncMessage(1, new Uint8Array([0, 0])),
      syncMessage(2, new Uint8Array([0, 0])),
      awareness([1, 5, 1, 4, ...new TextEncoder().encode('null')]),
      new Uint8Array([3]),
    ];
    expect(good.map((m) => parseMessage(m).type)).toEqual(['step1', 'step2', 'update', 'awareness', 'queryAwareness']);
    const garbage: [string, number[]][] = [
      ['empty', []],
      ['a sync message with nothing in it', [0]],
      ['an unknown sync type', [0, 7, 0]],
      ['a number that never ends', [0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
      ['a length past the end', [0, 2, 50, 1, 2]],
      ['bytes after the end', [0, 2, 1, 0, 9]],
      ['a state vector cut short', [0, 0, 2, 3, 1]],
      ['awareness cut short', [1, 4, 1, 5, 1]],
      ['awareness that is not JSON', [1, 6, 1, 5, 1, 2, 0x7b, 0x7b]],
      ['a query with a tail', [3, 1]],
      ['a tab-to-tab message', [4, 1, 1, 0x61]],
      ['an unknown type', [9]],
      ['a frame marker alone', [0xff, 0x54]],
    ];
    for (const [what, bytes] of garbage) expect(() => parseMessage(new Uint8Array(bytes)), what).toThrow();
    const doc = new Y.Doc();
    const presence = new Awareness(doc);
    presence.setLocalState({ user: { name: 'x'.repeat(10_000) } });
    const update = encodeAwarenessUpdate(presence, [doc.clientID]);
    presence.destroy();
    const big = new Uint8Array([1, 0x80 | (update.length & 0x7f), update.length >> 7, ...update]);
    expect(() => parseMessage(big)).toThrow(/presence state of/);
  });

  test('a peer that does not read is dropped once its queue is full', async () => {
    const peer = new ChunkedPeer({ initiator: false, wrtc });
    peer.on('error', () => undefined);
    // Open, as far as the peer knows (what is sent before that is not kept), and the channel
    // reports a full buffer for ever: nothing leaves the queue.
    (peer as unknown as { _connected: boolean })._connected = true;
    Object.defineProperty(peer, 'bufferSize', { get: () => 1 << 30 });
    const message = new Uint8Array(MiB);
    let sent = 0;
    while (!peer.droppedFor && sent < 2 * (MAX_OUTBOX_BYTES / MiB)) {
      peer.send(message);
      sent++;
    }
    expect(peer.droppedFor).toMatch(/not reading/);
    expect(sent).toBeLessThanOrEqual(MAX_OUTBOX_BYTES / MiB + 1);
    peer.destroy();
  });
});

interface Victim {
  doc: Y.Doc;
  awareness: Awareness;
  provider: WebrtcProvider;
  /** Every peer this victim had, including closed ones. */
  peers(): ChunkedPeer[];
  transactions: number;
  destroy(): void;
}

async function startVictim(secret: string, relay: string, doc = new Y.Doc()): Promise<Victim> {
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name: 'Victim', organisation: '', color: '#1f77b4' } });
  let provider: WebrtcProvider | null = null;
  provider = new WebrtcProvider(await roomNameFor(secret), doc, {
    signaling: [relay],
    password: secret,
    awareness,
    peerOpts: { wrtc, tavola: { doc, awareness, origin: () => (provider as unknown as { room: unknown } | null)?.room } },
  });
  const all = new Set<ChunkedPeer>();
  const timer = setInterval(() => {
    const room = (provider as unknown as { room: { webrtcConns: Map<string, { peer: ChunkedPeer }> } | null }).room;
    room?.webrtcConns.forEach((conn) => all.add(conn.peer));
  }, 10);
  const victim: Victim = {
    doc,
    awareness,
    provider,
    peers: () => [...all],
    transactions: 0,
    destroy() {
      clearInterval(timer);
      provider?.destroy();
      awareness.destroy();
    },
  };
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin !== null && tr.origin === (provider as unknown as { room: unknown }).room) victim.transactions++;
  });
  return victim;
}

// The attacker is a Node process on @roamhq/wrtc, whose native code now and then crashes
// (SIGSEGV) when the victim tears its data channel down mid-flood. That is the attacker's stack,
// not the page under test: a crashed attempt is run again, and every attempt asserts everything.
describe('a hostile peer with the key, over real WebRTC', { retry: 2 }, () => {
  let relay: Relay;
  const cleanups: (() => Promise<void> | void)[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    relay = await startRelay();
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    expect(uncaught).toEqual([]);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    await relay.stop();
  });

  async function setUp(doc?: Y.Doc): Promise<{ victim: Victim; hostile: HostilePeer }> {
    const secret = newSecret();
    const victim = await startVictim(secret, relay.url, doc);
    cleanups.push(() => victim.destroy());
    const hostile = await startHostilePeer({ secret, relay: relay.url });
    cleanups.push(() => hostile.stop());
    return { victim, hostile };
  }

  const droppedFor = (victim: Victim) => victim.peers().map((peer) => peer.droppedFor).filter(Boolean);

  test('a flood of sync step 1 gets a few answers, then the peer is dropped; memory stays bounded', async () => {
    const source = buildLargeWorkspace({ targetBytes: 1 * MiB });
    const state = source.encodeState();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const { victim, hostile } = await setUp(doc);
    const index = await hostile.connected();
    global.gc?.();
    const before = memory();
    const since = Date.now();
    await hostile.attack({ name: 'step1Flood', params: { count: 500 } });
    const dropMs = await hostile.droppedAfter(index, since);
    const after = memory();
    expect(droppedFor(victim)).toEqual([expect.stringMatching(/whole state too often/)]);
    // y-webrtc answers the first step 1 of a connection itself; of the flood, at most STEP1_BURST more.
    const answered = (await hostile.connections())[index]!.received.step2;
    expect(answered).toBeLessThanOrEqual(STEP1_BURST + 1);
    console.log(`[measure] 500 step-1 requests on a ${(state.byteLength / MiB).toFixed(1)} MB state: ${answered} answered, peer dropped after ${dropMs} ms, victim memory ${((after - before) / MiB).toFixed(1)} MB more`);
    expect(after - before).toBeLessThan((STEP1_BURST + 2) * 2 * state.byteLength + 64 * MiB);
  });

  test('updates that can never apply: the peer is dropped, and the document keeps none of them', async () => {
    const { victim, hostile } = await setUp();
    const index = await hostile.connected();
    const since = Date.now();
    await hostile.attack({ name: 'undeliverable', params: { count: 300, bytes: 50_000 } });
    const dropMs = await hostile.droppedAfter(index, since);
    expect(droppedFor(victim)).toEqual([expect.stringMatching(/waiting for dependencies/)]);
    expect(victim.doc.store.pendingStructs).toBeNull();
    expect(victim.doc.store.pendingDs).toBeNull();
    // What the victim would send the next partner holds none of it.
    expect(Y.encodeStateAsUpdate(victim.doc).byteLength).toBeLessThan(1024);
    console.log(`[measure] 300 undeliverable updates of 50 KB: peer dropped after ${dropMs} ms (pending bound ${MAX_PENDING_BYTES} bytes)`);
  });

  test('a flood of tiny valid updates is applied in batches, and the peer is dropped', async () => {
    const { victim, hostile } = await setUp();
    const index = await hostile.connected();
    const since = Date.now();
    const { sent } = await hostile.attack({ name: 'tinyUpdates', params: { count: 20_000 } });
    const dropMs = await hostile.droppedAfter(index, since);
    expect(droppedFor(victim)).toEqual([expect.stringMatching(/messages at once/)]);
    const applied = victim.doc.getMap('junkMap').size;
    expect(applied).toBeGreaterThan(0);
    // Fewer transactions than updates: applied in batches, not one by one.
    expect(victim.transactions).toBeLessThan(MESSAGE_BURST);
    console.log(`[measure] ${sent} tiny updates: peer dropped after ${dropMs} ms, ${victim.transactions} transactions on the victim`);
  });

  test('a presence flood: at most 100 clients per connection, no state of 10 KB, and they leave with the peer', async () => {
    const { victim, hostile } = await setUp();
    let index = await hostile.connected();
    let since = Date.now();
    await hostile.attack({ name: 'presenceFlood', params: { clients: 2_000, stateBytes: 500, perMessage: 10 } });
    let dropMs = await hostile.droppedAfter(index, since);
    expect(droppedFor(victim)).toEqual([expect.stringMatching(new RegExp(`more than ${MAX_AWARENESS_CLIENTS} clients`))]);
    // The fake clients went with the peer, at once.
    expect([...victim.awareness.getStates().keys()]).toEqual([victim.awareness.clientID]);
    console.log(`[measure] 2,000 fake presence clients: peer dropped after ${dropMs} ms`);

    await hostile.rejoin();
    index = await hostile.connected();
    since = Date.now();
    await hostile.attack({ name: 'presenceFlood', params: { clients: 20, stateBytes: 10_000, perMessage: 1 } });
    dropMs = await hostile.droppedAfter(index, since);
    expect(droppedFor(victim)[1]).toMatch(/presence state of/);
    expect([...victim.awareness.getStates().keys()]).toEqual([victim.awareness.clientID]);
  });

  test('a tab-to-tab message (bcPeerId) over WebRTC drops the peer and adds no tab', async () => {
    const { victim, hostile } = await setUp();
    const index = await hostile.connected();
    await hostile.attack({ name: 'bcPeerId' });
    await hostile.droppedAfter(index, Date.now());
    expect(droppedFor(victim)).toEqual([expect.stringMatching(/bcPeerId/)]);
    expect((victim.provider as unknown as { room: { bcConns: Set<string> } }).room.bcConns.size).toBe(0);
  });

  test('garbage sync and awareness messages drop the peer and never throw', async () => {
    const { victim, hostile } = await setUp();
    const garbage = [
      [0],
      [0, 7, 0],
      [0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      [0, 2, 50, 1, 2],
      // A Yjs update that Yjs cannot read (y-protocols alone would log it and carry on).
      [0, 2, 6, 1, 1, 0xff, 0xff, 0xff, 0x0f],
      [0, 1, 4, 9, 9, 9, 9],
      [1, 4, 1, 5, 1],
      [1, 6, 1, 5, 1, 2, 0x7b, 0x7b],
      [3, 1],
      [200, 1],
    ];
    for (const [i, bytes] of garbage.entries()) {
      if (i > 0) await hostile.rejoin();
      const index = await hostile.connected();
      await hostile.attack({ name: 'raw', params: { base64: [Buffer.from(bytes).toString('base64')] } });
      await hostile.droppedAfter(index, Date.now());
      expect(droppedFor(victim), `garbage ${i}: ${bytes.join(',')}`).toHaveLength(i + 1);
    }
    expect(victim.doc.share.size).toBe(0);
  });

  test('frames: over the limit, out of order, a bad marker, and a message never finished', async () => {
    const { victim, hostile } = await setUp();
    const attacks = [
      { name: 'bigFrames', params: { total: MAX_MESSAGE_SIZE + 1, send: 4 * CHUNK_SIZE } },
      { name: 'outOfOrder' },
      { name: 'badMarker' },
    ] as const;
    for (const [i, attack] of attacks.entries()) {
      if (i > 0) await hostile.rejoin();
      const index = await hostile.connected();
      await hostile.attack(attack);
      await hostile.droppedAfter(index, Date.now());
      expect(droppedFor(victim)).toHaveLength(i + 1);
    }
    expect(droppedFor(victim)).toEqual([
      expect.stringMatching(/over the limit/),
      expect.stringMatching(/out of order/),
      expect.stringMatching(/not a y-webrtc message/),
    ]);
    // 10 MB claimed, 5 MB sent, then silence: given up, and its bytes given back.
    await hostile.rejoin();
    const index = await hostile.connected();
    const since = Date.now();
    await hostile.attack({ name: 'bigFrames', params: { total: 10_000_000, send: 5_000_000 } });
    await waitFor(() => sharedReassemblyBudget.used > 0, 'the frames to arrive');
    const dropMs = await hostile.droppedAfter(index, since, FRAME_IDLE_TIMEOUT_MS + 30_000);
    expect(droppedFor(victim)[3]).toMatch(/stopped arriving/);
    expect(sharedReassemblyBudget.used).toBe(0);
    console.log(`[measure] an unfinished 10 MB message: peer dropped ${dropMs} ms after its first frame`);
  }, 90_000);

  test('signalling that does not fit is dropped: an answer from a peer with no connection, one to another peer, another key, garbage', async () => {
    const secret = newSecret();
    const room = await roomNameFor(secret);
    const victim = await startVictim(secret, relay.url);
    cleanups.push(() => victim.destroy());
    const roomOf = () => (victim.provider as unknown as { room: { peerId: string; webrtcConns: Map<string, unknown> } | null }).room;
    await waitFor(() => roomOf() !== null && victim.provider.connected, 'the victim to reach the relay');
    const peerId = roomOf()!.peerId;
    const socket = new WebSocket(relay.url);
    cleanups.push(() => socket.close());
    await new Promise((resolve, reject) => socket.on('open', resolve).on('error', reject));
    const key = await deriveKey(secret, room);
    const otherKey = await deriveKey(newSecret(), room);
    const publish = async (data: unknown, withKey = key) =>
      socket.send(JSON.stringify({ type: 'publish', topic: room, data: Buffer.from(await encryptJson(data, withKey)).toString('base64') }));
    const answer = { type: 'answer', sdp: 'v=0' };
    // The victim must be subscribed before anything is published.
    await new Promise((r) => setTimeout(r, 200));
    await publish({ type: 'signal', from: 'ghost-a', to: 'somebody-else', signal: answer, token: 1 });
    await publish({ type: 'signal', from: 'ghost-b', to: peerId, signal: answer, token: 1 });
    await publish({ type: 'signal', from: 'ghost-c', to: peerId, signal: { type: 'offer', sdp: 'not sdp' }, token: 1 });
    await publish({ type: 'signal', from: 'ghost-d', to: peerId, signal: answer }, otherKey);
    await publish({ type: 'announce' });
    socket.send(JSON.stringify({ type: 'publish', topic: room, data: 'bm90IGEgbWVzc2FnZQ==' }));
    socket.send(JSON.stringify({ type: 'publish', topic: room, data: 42 }));
    // A real partner still connects afterwards, and nothing was thrown on the way (afterEach).
    const partner: NodePeer = await startNodePeer({ secret, relay: relay.url });
    cleanups.push(() => partner.stop());
    await waitFor(async () => (await partner.peerCount()) >= 1, 'a real partner to connect after the garbage');
    expect([...roomOf()!.webrtcConns.keys()].filter((id) => id.startsWith('ghost-a') || id.startsWith('ghost-d'))).toEqual([]);
  });

  test('a partner whose link closes with no goodbye is gone from presence at once, not after the 30 s timeout', async () => {
    const secret = newSecret();
    const victim = await startVictim(secret, relay.url);
    cleanups.push(() => victim.destroy());
    const partner: NodePeer = await startNodePeer({ secret, relay: relay.url });
    cleanups.push(() => partner.stop());
    const partnerId = await partner.clientId();
    await waitFor(() => victim.awareness.getStates().has(partnerId), "the partner's presence to arrive");
    const removals: unknown[] = [];
    victim.awareness.on('update', ({ removed }: { removed: number[] }, origin: unknown) => {
      if (removed.includes(partnerId)) removals.push(origin);
    });
    await partner.vanish();
    await waitFor(() => !victim.awareness.getStates().has(partnerId), "the partner's presence to go");
    // Removed by the closed connection, not by y-protocols' outdated-state timer ('timeout').
    expect(removals).toEqual(['connection closed']);
  });

  test('a plain y-webrtc peer (no Tavola transport) still joins a small workspace', async () => {
    const secret = newSecret();
    const source = new Workspace();
    source.initialise({ name: 'Small group' });
    const topic = source.topics.add('Ports');
    source.focusPoints.add({ topicId: topic, text: 'Exchange practices' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, source.encodeState());
    const victim = await startVictim(secret, relay.url, doc);
    cleanups.push(() => victim.destroy());
    const plain: NodePeer = await startNodePeer({ secret, relay: relay.url, plain: true });
    cleanups.push(() => plain.stop());
    await waitFor(async () => (await plain.count('focusPoints')) === 1, 'the plain peer to receive the workspace');
    const received = await plain.workspace();
    expect(received.focusPoints.list().map((p) => p.text)).toEqual(['Exchange practices']);
    // And its edits come back, with no peer dropped.
    const more = new Workspace();
    more.applyUpdate(received.encodeState());
    const before = Y.encodeStateVector(more.doc);
    more.focusPoints.add({ topicId: topic, text: 'From the plain peer' });
    await plain.apply(Y.encodeStateAsUpdate(more.doc, before));
    await waitFor(() => doc.getMap('focusPoints').size === 2, 'the plain peer\'s edit to arrive');
    expect(droppedFor(victim)).toEqual([]);
  });
});
