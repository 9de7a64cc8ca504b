// The writers' handshake's deadline (packages/webrtc/src/chunked-peer.js, docs/sync.md "The
// writers' handshake"), on a scripted RTCPeerConnection and fake clocks. A writer's proof is sent
// after what it had already queued: a new peer's whole workspace. In a loaded CI run (stop 28) a
// 5.8 MB workspace took more than PROOF_TIMEOUT_MS to arrive, the joining browser took the writer
// for a viewer, and refused the workspace for good: it stayed empty.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { FakePeerConnection } from './fake-rtc';
import { ChunkedPeer, PROOF_TIMEOUT_MS, SILENT_LINK_MS, MAX_CHALLENGES, CHALLENGE, PROOF, VIEWER, frameMessage, proofBytes, sign, syncMessage, writersMessage } from '@tavola/webrtc';

const OWN_FINGERPRINT = 'sha-256 AA:BB:CC';
const PARTNER_FINGERPRINT = 'sha-256 DD:EE:FF';

/** The two DTLS certificates the proof is bound to, as the SDPs state them. */
class FingerprintedConnection extends FakePeerConnection {
  override localDescription = { type: 'offer', sdp: `v=0\r\na=fingerprint:${OWN_FINGERPRINT}\r\n` };
  override remoteDescription = { type: 'answer', sdp: `v=0\r\na=fingerprint:${PARTNER_FINGERPRINT}\r\n` };
  override async setLocalDescription() {}
  override async setRemoteDescription() {}
}

/** Let the real crypto (sign, verify: Node's thread pool) and the promises after it finish. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};
/** Until `done()`, letting real I/O run (the clocks of the test are fake). */
const until = async (done: () => boolean) => {
  for (let i = 0; i < 5000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
};

const ROOM = 'tavola-room';

/** This side: a ChunkedPeer in a room with writers, its channel open and its challenge sent. */
async function connectedPeer() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const doc = new Y.Doc();
  const peer = new ChunkedPeer({
    initiator: true,
    wrtc: { RTCPeerConnection: FingerprintedConnection },
    tavola: { doc, awareness: new Awareness(doc), writers: { room: ROOM, verifyKey: pair.publicKey, signingKey: null } },
  });
  // As y-webrtc.js does: then the peer knows a sync step 1 goes out when the channel opens.
  (peer as unknown as { webrtcConn: object }).webrtcConn = {};
  const channel = FakePeerConnection.last!.channels[0]!;
  channel.open();
  await settle();
  const challenge = (channel.sent as Uint8Array[]).find((bytes) => bytes[0] === 0x70 && bytes[1] === CHALLENGE);
  expect(challenge, 'the challenge sent when the channel opened').toBeDefined();
  const nonce = challenge!.slice(2);
  /** The partner's proof over this connection, signed with the writers' key. */
  const proof = async () => writersMessage(PROOF, await sign(pair.privateKey, proofBytes(ROOM, PARTNER_FINGERPRINT, OWN_FINGERPRINT, nonce)));
  return { peer, doc, channel, proof };
}

/** The partner's workspace: a sync step 2 with its whole state. */
function partnerState(): Uint8Array {
  const partner = new Y.Doc();
  partner.getText('note').insert(0, 'Exchange practices with Latin American ports. '.repeat(40));
  return syncMessage(1, Y.encodeStateAsUpdate(partner));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

test('a writer whose proof comes behind a workspace that takes longer than the deadline to arrive is a writer, and its workspace applies', async () => {
  const { peer, doc, channel, proof } = await connectedPeer();
  const frames = frameMessage(partnerState(), 1, 64);
  expect(frames.length).toBeGreaterThan(20);
  // The frames trickle in over twice the deadline, never more than a third of it apart.
  const groups = 8;
  const perGroup = Math.ceil(frames.length / groups);
  for (let i = 0; i < groups; i++) {
    for (const frame of frames.slice(i * perGroup, (i + 1) * perGroup)) channel.receive(frame);
    vi.advanceTimersByTime(PROOF_TIMEOUT_MS / 4);
  }
  expect(peer.partnerRole).toBe('unknown');
  channel.receive(await proof());
  await until(() => peer.partnerRole !== 'unknown');
  expect(peer.partnerRole).toBe('writer');
  expect(doc.getText('note').toString()).toMatch(/^Exchange practices/);
  expect(peer.ignoredUpdates).toBe(0);
  peer.destroy();
});

test('a proof that comes after the deadline still counts: the partner becomes a writer and is asked again for what it sent', async () => {
  const { peer, doc, channel, proof } = await connectedPeer();
  // It answers our sync step 1 (with nothing yet), then is silent past the deadline.
  channel.receive(syncMessage(1, Y.encodeStateAsUpdate(new Y.Doc())));
  vi.advanceTimersByTime(PROOF_TIMEOUT_MS + 1);
  expect(peer.partnerRole).toBe('viewer');
  expect(peer.destroyed).toBe(false);
  // Meanwhile its workspace came, and was not applied.
  channel.receive(partnerState());
  expect(peer.ignoredUpdates).toBe(2);
  expect(doc.getText('note').length).toBe(0);
  const sentBefore = channel.sent.length;
  channel.receive(await proof());
  await until(() => peer.partnerRole !== 'viewer');
  expect(peer.partnerRole).toBe('writer');
  // A sync step 1 with this document's state goes out, and the partner's answer applies.
  const asked = (channel.sent as Uint8Array[]).slice(sentBefore);
  expect(asked.map((bytes) => [bytes[0], bytes[1]])).toEqual([[0, 0]]);
  channel.receive(partnerState());
  expect(doc.getText('note').toString()).toMatch(/^Exchange practices/);
  peer.destroy();
});

test('a plain y-webrtc peer (its empty reply to the challenge) is a viewer at once; a proof after that is not looked at', async () => {
  const { peer, channel, proof } = await connectedPeer();
  channel.receive(new Uint8Array(0));
  expect(peer.partnerRole).toBe('viewer');
  channel.receive(await proof());
  await settle();
  expect(peer.partnerRole).toBe('viewer');
  peer.destroy();
});

test('a partner that answers our sync step 1 but neither proves nor says it views within the deadline is a viewer', async () => {
  const { peer, doc, channel } = await connectedPeer();
  channel.receive(partnerState());
  expect(peer.partnerRole).toBe('unknown');
  vi.advanceTimersByTime(PROOF_TIMEOUT_MS - 1);
  expect(peer.partnerRole).toBe('unknown');
  vi.advanceTimersByTime(2);
  expect(peer.partnerRole).toBe('viewer');
  expect(doc.getText('note').length).toBe(0);
  expect(peer.destroyed).toBe(false);
  peer.destroy();
});

test('a partner that sends nothing at all within the deadline is on a broken link: the connection closes (y-webrtc makes a new one), and it is not taken for a viewer', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const { peer, channel } = await connectedPeer();
    const errors: Error[] = [];
    peer.on('error', (error: Error) => errors.push(error));
    vi.advanceTimersByTime(SILENT_LINK_MS - 1);
    expect(peer.destroyed || peer.destroying).toBe(false);
    vi.advanceTimersByTime(2);
    await settle();
    expect(peer.destroyed).toBe(true);
    expect(peer.partnerRole).toBe('unknown');
    expect(channel.readyState).toBe('closed');
    expect(errors.map((error) => error.message)).toEqual([`the partner answered nothing for ${SILENT_LINK_MS} ms`]);
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([expect.stringMatching(/^Tavola closes a connection on which the partner answered nothing/)]);
  } finally {
    warn.mockRestore();
  }
});

test('in a room without writers too: a silent partner closes the link; one that answered our sync step 1 stays connected, however quiet', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const open = () => {
      const doc = new Y.Doc();
      const peer = new ChunkedPeer({ initiator: true, wrtc: { RTCPeerConnection: FingerprintedConnection }, tavola: { doc, awareness: new Awareness(doc) } });
      (peer as unknown as { webrtcConn: object }).webrtcConn = {};
      const channel = FakePeerConnection.last!.channels[0]!;
      channel.open();
      return { peer, channel, doc };
    };
    const silent = open();
    const answered = open();
    await settle();
    // Some frames of a large answer, then its end: the partner is not silent while they come.
    const frames = frameMessage(partnerState(), 1, 64);
    for (const [i, frame] of frames.entries()) {
      answered.channel.receive(frame);
      if (i % 4 === 0) vi.advanceTimersByTime(SILENT_LINK_MS / 5);
    }
    expect(answered.doc.getText('note').toString()).toMatch(/^Exchange practices/);
    vi.advanceTimersByTime(3 * SILENT_LINK_MS);
    await settle();
    expect(silent.peer.destroyed).toBe(true);
    expect(answered.peer.destroyed).toBe(false);
    expect(answered.peer.connected).toBe(true);
    answered.peer.destroy();
  } finally {
    warn.mockRestore();
  }
});

/** The writers' challenges this side sent, as their nonces (hex). */
const challengesSent = (channel: { sent: unknown[] }) =>
  (channel.sent as Uint8Array[]).filter((bytes) => bytes[0] === 0x70 && bytes[1] === CHALLENGE).map((bytes) => Buffer.from(bytes.slice(2)).toString('hex'));

test('a writer that answered our sync step 1 but whose proof never came (our challenge or its proof lost) is challenged again at the deadline; its proof then makes it a writer, and its workspace applies', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const { peer, doc, channel, proof } = await connectedPeer();
    // Its workspace comes (our step 1 was answered), its proof never does.
    channel.receive(partnerState());
    expect(challengesSent(channel)).toHaveLength(1);
    vi.advanceTimersByTime(PROOF_TIMEOUT_MS + 1);
    expect(peer.partnerRole).toBe('viewer');
    expect(doc.getText('note').length).toBe(0);
    // The same challenge again, once.
    const sent = challengesSent(channel);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    vi.advanceTimersByTime(3 * PROOF_TIMEOUT_MS);
    expect(challengesSent(channel)).toHaveLength(2);
    expect(peer.destroyed).toBe(false);
    // This time its proof comes: a writer, asked again for its changes, which now apply.
    channel.receive(await proof());
    await until(() => peer.partnerRole === 'writer');
    expect(peer.partnerRole).toBe('writer');
    channel.receive(partnerState());
    expect(doc.getText('note').toString()).toMatch(/^Exchange practices/);
    peer.destroy();
  } finally {
    warn.mockRestore();
  }
});

test('a partner that says it views is not challenged again; a challenge is answered twice (the second may come at the partner\'s deadline), a third closes the connection', async () => {
  const { peer, channel } = await connectedPeer();
  channel.receive(writersMessage(VIEWER));
  channel.receive(syncMessage(1, Y.encodeStateAsUpdate(new Y.Doc())));
  await settle();
  expect(peer.partnerRole).toBe('viewer');
  vi.advanceTimersByTime(3 * PROOF_TIMEOUT_MS);
  expect(challengesSent(channel)).toHaveLength(1);
  // This side has no signing key: it answers each challenge by saying it views.
  const viewerAnswers = () => (channel.sent as Uint8Array[]).filter((bytes) => bytes[0] === 0x70 && bytes[1] === VIEWER).length;
  const challenge = writersMessage(CHALLENGE, new Uint8Array(32).fill(7));
  for (let i = 0; i < MAX_CHALLENGES; i++) channel.receive(challenge);
  await settle();
  expect(viewerAnswers()).toBe(MAX_CHALLENGES);
  expect(peer.destroyed).toBe(false);
  const errors: Error[] = [];
  peer.on('error', (error: Error) => errors.push(error));
  channel.receive(challenge);
  await settle();
  expect(peer.destroyed).toBe(true);
  expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/challenged more than 2 times/)]);
});
