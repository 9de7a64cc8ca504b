// The peer's choice of channel (packages/webrtc/src/peer.js), on a scripted RTCPeerConnection:
// when offers crossed unseen, each side's channel opens over the one connection, and the partner
// may send on its own before ours has opened. A reply must go out on the channel that is open.
// (Seen once in a full CI run: a browser back from offline never got its partner's answer to its
// sync step 1, so it never received the edits made while it was away.)
import { describe, expect, test, vi } from 'vitest';
import { FIRST_MESSAGE_WAIT_MS, WebrtcPeer } from '@tavola/webrtc';
import { FakeChannel, FakePeerConnection } from './fake-rtc';

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
    // Not connected before the partner's first message (see the next describe).
    expect(connects()).toBe(0);
    // Its first message connects this side, then is answered at once, as y-webrtc answers a sync step 1.
    peer.on('data', () => peer.send(new Uint8Array([0, 1, 2])));
    theirs.receive(new Uint8Array([0, 0, 7]));
    expect(connects()).toBe(1);
    expect(peer.connected).toBe(true);
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

/**
 * Signalling states as a WebRTC stack keeps them: an offer set in the wrong state fails, as
 * Chromium's "Failed to set local offer sdp: Called in wrong state: have-remote-offer". The test
 * decides when createOffer resolves.
 */
class StatefulConnection extends FakePeerConnection {
  offerMade: (() => void) | null = null;
  localOffersSet = 0;
  override async createOffer() {
    await new Promise<void>((resolve) => (this.offerMade = resolve));
    return { type: 'offer', sdp: 'v=0 fake offer' };
  }
  override async setLocalDescription(description: { type: string; sdp: string }) {
    if (description.type === 'offer') {
      if (this.signalingState !== 'stable') throw new DOMException(`Failed to set local offer sdp: Called in wrong state: ${this.signalingState}`, 'InvalidStateError');
      this.localOffersSet++;
      this.signalingState = 'have-local-offer';
    } else if (description.type === 'rollback') {
      this.signalingState = 'stable';
      return;
    } else {
      if (this.signalingState !== 'have-remote-offer') throw new DOMException(`Failed to set local answer sdp: Called in wrong state: ${this.signalingState}`, 'InvalidStateError');
      this.signalingState = 'stable';
    }
    this.localDescription = description;
  }
  override async setRemoteDescription(description: { type: string }) {
    if (description.type === 'offer') {
      if (this.signalingState !== 'stable') throw new DOMException(`Failed to set remote offer sdp: Called in wrong state: ${this.signalingState}`, 'InvalidStateError');
      this.signalingState = 'have-remote-offer';
    } else this.signalingState = 'stable';
    this.remoteDescription = description;
  }
}

describe("the partner's channel", () => {
  test('this side sends on it once the partner’s first message came, before reading it: what it sent at once was lost in Chromium', async () => {
    const peer = new WebrtcPeer({ initiator: false, wrtc: fake });
    const pc = FakePeerConnection.last!;
    const events: string[] = [];
    peer.on('connect', () => {
      events.push('connect');
      peer.send(new Uint8Array([0, 0]));
    });
    peer.on('data', () => events.push('data'));
    const theirs = new FakeChannel('theirs', 'open');
    pc.ondatachannel!({ channel: theirs });
    await tick();
    expect(events).toEqual([]);
    expect(theirs.sent).toHaveLength(0);
    theirs.receive(new Uint8Array([0, 0, 7]));
    expect(events).toEqual(['connect', 'data']);
    expect(theirs.sent).toHaveLength(1);
    peer.destroy();
  });

  test(`a partner that sends nothing: this side connects ${FIRST_MESSAGE_WAIT_MS} ms after the channel opened`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'queueMicrotask'] });
    try {
      const peer = new WebrtcPeer({ initiator: false, wrtc: fake });
      const pc = FakePeerConnection.last!;
      let connects = 0;
      peer.on('connect', () => connects++);
      pc.ondatachannel!({ channel: new FakeChannel('theirs', 'open') });
      vi.advanceTimersByTime(FIRST_MESSAGE_WAIT_MS - 1);
      expect(connects).toBe(0);
      vi.advanceTimersByTime(2);
      expect(connects).toBe(1);
      expect(peer.connected).toBe(true);
      peer.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('glare', () => {
  const stateful = { RTCPeerConnection: StatefulConnection };
  const settle = async () => {
    for (let i = 0; i < 10; i++) await tick();
  };
  /** An initiator on a stateful connection, and the signals it sends. */
  const initiator = () => {
    const peer = new WebrtcPeer({ initiator: true, wrtc: stateful });
    const pc = FakePeerConnection.last as StatefulConnection;
    const signals: { type: string }[] = [];
    peer.on('signal', (signal: { type: string }) => signals.push(signal));
    return { peer, pc, signals };
  };

  test("the partner's offer, accepted while ours is still being made: ours is never set, the partner's is answered, the connection stays", async () => {
    const { peer, pc, signals } = initiator();
    await tick(); // our offer's timer: createOffer is under way
    expect(pc.offerMade).not.toBeNull();
    peer.signal({ type: 'offer', sdp: 'v=0 their offer' });
    await tick();
    pc.offerMade!();
    await settle();
    expect(pc.localOffersSet).toBe(0);
    expect(signals.map((signal) => signal.type)).toEqual(['answer']);
    expect(peer.destroyed).toBe(false);
    // Our own channel went; the partner's is the one this side sends on.
    expect(pc.channels[0]!.readyState).toBe('closed');
    const theirs = new FakeChannel('theirs', 'open');
    pc.ondatachannel!({ channel: theirs });
    theirs.receive(new Uint8Array([0, 0, 7]));
    expect(peer.connected).toBe(true);
    peer.send(new Uint8Array([1]));
    expect(theirs.sent).toHaveLength(1);
    peer.destroy();
  });

  test("the partner's offer, accepted after ours was set: ours is rolled back, the partner's answered", async () => {
    const { peer, pc, signals } = initiator();
    await tick();
    pc.offerMade!();
    await settle();
    expect(pc.signalingState).toBe('have-local-offer');
    peer.signal({ type: 'offer', sdp: 'v=0 their offer' });
    await settle();
    expect(signals.map((signal) => signal.type)).toEqual(['offer', 'answer']);
    expect(pc.signalingState).toBe('stable');
    expect(peer.destroyed).toBe(false);
    peer.destroy();
  });

  test("the partner's offer before our offer's timer: answered, and no offer of ours follows", async () => {
    const { peer, pc, signals } = initiator();
    peer.signal({ type: 'offer', sdp: 'v=0 their offer' });
    await settle();
    expect(pc.offerMade).toBeNull();
    expect(signals.map((signal) => signal.type)).toEqual(['answer']);
    expect(peer.destroyed).toBe(false);
    peer.destroy();
  });
});
