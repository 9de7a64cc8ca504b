// The peer's choice of channel (packages/webrtc/src/peer.js), on a scripted RTCPeerConnection:
// when offers crossed unseen, each side's channel opens over the one connection, and the partner
// may send on its own before ours has opened. A reply must go out on the channel that is open.
// (Seen once in a full CI run: a browser back from offline never got its partner's answer to its
// sync step 1, so it never received the edits made while it was away.)
import { describe, expect, test } from 'vitest';
import { WebrtcPeer } from '@tavola/webrtc';

class FakeChannel {
  readyState: 'connecting' | 'open' | 'closed';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  sent: unknown[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;
  constructor(readonly label: string, state: 'connecting' | 'open') {
    this.readyState = state;
  }
  send(data: unknown): void {
    // As RTCDataChannel: sending before the channel opened is an error.
    if (this.readyState !== 'open') throw new DOMException("Failed to execute 'send' on 'RTCDataChannel': RTCDataChannel.readyState is not 'open'", 'InvalidStateError');
    this.sent.push(data);
  }
  open(): void {
    this.readyState = 'open';
    this.onopen?.();
  }
  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.onclose?.();
  }
  receive(data: Uint8Array): void {
    this.onmessage?.({ data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) });
  }
}

class FakePeerConnection {
  static last: FakePeerConnection | null = null;
  signalingState = 'stable';
  iceConnectionState = 'new';
  connectionState = 'new';
  remoteDescription: { type: string } | null = null;
  localDescription: { type: string; sdp: string } | null = null;
  channels: FakeChannel[] = [];
  onicecandidate: unknown = null;
  oniceconnectionstatechange: unknown = null;
  onconnectionstatechange: unknown = null;
  onsignalingstatechange: unknown = null;
  ondatachannel: ((event: { channel: FakeChannel }) => void) | null = null;
  constructor() {
    FakePeerConnection.last = this;
  }
  createDataChannel(label: string): FakeChannel {
    const channel = new FakeChannel(label, 'connecting');
    this.channels.push(channel);
    return channel;
  }
  async createOffer() {
    return { type: 'offer', sdp: 'v=0 fake offer' };
  }
  async createAnswer() {
    return { type: 'answer', sdp: 'v=0 fake answer' };
  }
  async setLocalDescription(description: { type: string; sdp: string }) {
    this.localDescription = description;
  }
  async setRemoteDescription(description: { type: string }) {
    this.remoteDescription = description;
  }
  async addIceCandidate() {}
  close(): void {}
}

const fake = { RTCPeerConnection: FakePeerConnection };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function peerWithOwnChannel() {
  const peer = new WebrtcPeer({ initiator: true, wrtc: fake });
  const pc = FakePeerConnection.last!;
  const own = pc.channels[0]!;
  const data: Uint8Array[] = [];
  let connects = 0;
  peer.on('connect', () => connects++);
  peer.on('data', (bytes: Uint8Array) => data.push(bytes));
  return { peer, pc, own, data, connects: () => connects };
}

describe('a peer with two channels', () => {
  test("the partner's channel opens first: this side sends on it, and a reply to its first message arrives", async () => {
    const { peer, pc, own, data, connects } = peerWithOwnChannel();
    // The partner's channel arrives open while ours is still opening.
    const theirs = new FakeChannel('theirs', 'open');
    pc.ondatachannel!({ channel: theirs });
    await tick();
    expect(connects()).toBe(1);
    expect(peer.connected).toBe(true);
    // Its first message is answered at once, as y-webrtc answers a sync step 1.
    peer.on('data', () => peer.send(new Uint8Array([0, 1, 2])));
    theirs.receive(new Uint8Array([0, 0, 7]));
    expect(data).toHaveLength(1);
    expect(theirs.sent).toHaveLength(1);
    expect(peer.destroyed).toBe(false);
    // Our own channel opening later changes nothing: no second connect, sends stay where they are.
    own.open();
    peer.send(new Uint8Array([9]));
    expect(connects()).toBe(1);
    expect(theirs.sent).toHaveLength(2);
    expect(own.sent).toHaveLength(0);
    // What arrives on our own channel is read too.
    own.receive(new Uint8Array([5]));
    expect(data).toHaveLength(2);
    // The unused channel closing does not end the connection; the used one does.
    own.close();
    await tick();
    expect(peer.destroyed).toBe(false);
    let closed = false;
    peer.on('close', () => (closed = true));
    theirs.close();
    await tick();
    expect(closed).toBe(true);
    expect(peer.destroyed).toBe(true);
  });

  test('our own channel opens first: this side sends on it, and still reads the partner’s', async () => {
    const { peer, pc, own, data, connects } = peerWithOwnChannel();
    own.open();
    expect(connects()).toBe(1);
    const theirs = new FakeChannel('theirs', 'open');
    pc.ondatachannel!({ channel: theirs });
    await tick();
    expect(connects()).toBe(1);
    peer.send(new Uint8Array([1]));
    expect(own.sent).toHaveLength(1);
    expect(theirs.sent).toHaveLength(0);
    theirs.receive(new Uint8Array([2]));
    expect(data).toHaveLength(1);
    theirs.close();
    await tick();
    expect(peer.destroyed).toBe(false);
    peer.destroy();
  });
});
