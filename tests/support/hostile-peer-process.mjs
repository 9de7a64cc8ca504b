// A hostile peer with the right key, in its own Node process: it joins a workspace's room as a
// Tavola peer would (real WebRTC through @roamhq/wrtc, @tavola/webrtc), then writes whatever bytes it likes straight to the data
// channel of each connection, under y-webrtc. Driven over IPC by tests/support/hostile-peer.ts.
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { hkdfSync } from 'node:crypto';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider, importVerifyKey, FRAME_MARKER, HEADER_SIZE, CHUNK_SIZE, frameHeader, syncMessage, varUintBytes as varUint } from '@tavola/webrtc';

globalThis.WebSocket ??= WebSocket;
process.on('unhandledRejection', () => {});
// The peer on the other side closing on us mid-send is what these attacks expect.
process.on('uncaughtException', (error) => console.error('[hostile peer]', error));

const doc = new Y.Doc();
/** @type {WebrtcProvider | null} */
let provider = null;
/** @type {{ roomName: string, relay: string, password: string } | null} */
let joined = null;
/** Every connection this peer had: when it opened, when it closed, and whether this side closed it. */
const connections = [];
const seen = new WeakSet();

function watchConnections() {
  const room = provider?.room;
  if (!room) return;
  for (const conn of room.webrtcConns.values()) {
    if (seen.has(conn.peer)) continue;
    seen.add(conn.peer);
    const record = { createdAt: Date.now(), initiator: conn.peer.initiator, openedAt: null, closedAt: null, localError: null, received: { step2: 0, other: 0 } };
    connections.push({ record, conn });
    conn.peer.on('connect', () => (record.openedAt ??= Date.now()));
    // Watched every 20 ms: a connection may have opened (or closed) before.
    if (conn.connected || conn.closed) record.openedAt = Date.now();
    if (conn.closed) record.closedAt = Date.now();
    conn.peer.on('close', () => {
      record.closedAt = Date.now();
      record.localError ??= conn.peer.droppedFor ?? null;
    });
    conn.peer.on('data', (data) => {
      if (data[0] === 0 && data[1] === 1) record.received.step2++;
      else record.received.other++;
    });
  }
}
setInterval(watchConnections, 20);

const open = () => connections.filter(({ record, conn }) => record.openedAt !== null && record.closedAt === null && conn.peer._channel);

/** Write bytes to a data channel as they are, waiting while its buffer is full. */
async function sendRaw(channel, bytes) {
  while (channel.readyState === 'open' && channel.bufferedAmount > 4 * 1024 * 1024) await new Promise((r) => setTimeout(r, 5));
  if (channel.readyState !== 'open') return false;
  try {
    channel.send(bytes);
  } catch {
    // Closed under us: the victim dropped this peer between the check and the send.
    return false;
  }
  return true;
}

const enc = (text) => new TextEncoder().encode(text);
const varBytes = (bytes) => [...varUint(bytes.length), ...bytes];
function awarenessMessage(clients) {
  const body = [...varUint(clients.length)];
  for (const { clientID, clock, state } of clients) body.push(...varUint(clientID), ...varUint(clock), ...varBytes(enc(JSON.stringify(state))));
  return new Uint8Array([1, ...varBytes(body)]);
}

/** Updates that can never apply: each depends on a first change of the same client that is never sent. */
function undeliverableUpdates(count, bytes) {
  const source = new Y.Doc();
  source.clientID = 4_000_000_000 + Math.floor(Math.random() * 1000);
  source.getText('junk').insert(0, 'the missing first change');
  const updates = [];
  for (let i = 0; i < count; i++) {
    const before = Y.encodeStateVector(source);
    source.getText('junk').insert(0, 'x'.repeat(bytes));
    updates.push(Y.encodeStateAsUpdate(source, before));
  }
  return updates;
}

/** Each attack is a list of messages (or a generator of them), written to every open connection. */
const attacks = {
  step1Flood: ({ count }) => Array.from({ length: count }, () => new Uint8Array([0, 0, 1, 0])),
  undeliverable: ({ count, bytes }) => undeliverableUpdates(count, bytes).map((u) => syncMessage(2, u)),
  tinyUpdates({ count }) {
    const source = new Y.Doc();
    const messages = [];
    for (let i = 0; i < count; i++) {
      const before = Y.encodeStateVector(source);
      source.getMap('junkMap').set(`k${i % 50}`, i);
      messages.push(syncMessage(2, Y.encodeStateAsUpdate(source, before)));
    }
    return messages;
  },
  presenceFlood({ clients, stateBytes, perMessage }) {
    const messages = [];
    const filler = 'p'.repeat(stateBytes);
    for (let i = 0; i < clients; i += perMessage) {
      const batch = [];
      for (let j = i; j < Math.min(clients, i + perMessage); j++) {
        batch.push({ clientID: 1_000_000 + j, clock: 1, state: { user: { name: `Fake ${j}`, organisation: filler, color: '#1f77b4' } } });
      }
      messages.push(awarenessMessage(batch));
    }
    return messages;
  },
  bcPeerId: () => [new Uint8Array([4, 1, ...varBytes(enc('a-fake-tab'))])],
  raw: ({ base64 }) => base64.map((b) => new Uint8Array(Buffer.from(b, 'base64'))),
  /** Frames claiming `total` bytes, of which `send` are sent (then silence, unless send >= total). */
  bigFrames({ total, send }) {
    const count = Math.ceil(total / CHUNK_SIZE);
    const frames = [];
    for (let index = 0, sent = 0; sent < send && index < count; index++, sent += CHUNK_SIZE) {
      frames.push(frameHeader(7, index, count, total, new Uint8Array(Math.min(CHUNK_SIZE, total - sent)).fill(1)));
    }
    return frames;
  },
  outOfOrder: () => [frameHeader(1, 0, 3, 3 * CHUNK_SIZE, new Uint8Array(CHUNK_SIZE)), frameHeader(1, 2, 3, 3 * CHUNK_SIZE, new Uint8Array(CHUNK_SIZE))],
  badMarker: () => [new Uint8Array([FRAME_MARKER[0], 0x00, ...new Uint8Array(HEADER_SIZE)])],
};

/**
 * In a workspace with view links the hostile peer is a member gone bad: it holds the edit secret
 * and proves it writes (docs/sync.md, "The writers' handshake"), so its changes are applied and
 * every limit is tried as before. The signing key is derived here as documented.
 */
async function peerOptsFor(message) {
  if (!message.writers) return { peerOpts: { wrtc } };
  const { verifyKey, editSecret } = message.writers;
  const seed = Buffer.from(hkdfSync('sha256', Buffer.from(editSecret, 'utf8'), Buffer.from('tavola/link/v2', 'utf8'), Buffer.from('tavola signing key', 'utf8'), 32));
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const signingKey = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  const writers = { room: message.roomName, verifyKey: await importVerifyKey(new Uint8Array(Buffer.from(verifyKey, 'base64url'))), signingKey };
  // The provider's own presence is the one the peer's checks know as this peer's.
  const awareness = new Awareness(doc);
  return { awareness, peerOpts: { wrtc, tavola: { doc, awareness, writers } } };
}

process.on('message', async (message) => {
  const reply = (value) => process.send({ id: message.id, value });
  try {
    switch (message.type) {
      case 'join':
        joined = { roomName: message.roomName, relay: message.relay, password: message.password, writers: message.writers };
        provider = new WebrtcProvider(joined.roomName, doc, { signaling: [joined.relay], password: joined.password, ...(await peerOptsFor(joined)) });
        return reply(true);
      case 'rejoin': {
        // A new provider (a new y-webrtc peer id) rather than y-webrtc's own reconnection after a
        // drop, where both sides announce at once and the crossing offers can take 15 s to settle.
        const old = provider;
        provider = null;
        old?.destroy();
        await old?.key;
        await new Promise((r) => setTimeout(r, 50));
        provider = new WebrtcProvider(joined.roomName, doc, { signaling: [joined.relay], password: joined.password, ...(await peerOptsFor(joined)) });
        return reply(true);
      }
      case 'connections':
        watchConnections();
        return reply(connections.map(({ record }) => record));
      case 'attack': {
        const targets = open();
        const messages = attacks[message.name](message.params ?? {});
        let sent = 0;
        for (const { conn } of targets) {
          for (const bytes of messages) {
            if (!(await sendRaw(conn.peer._channel ?? { readyState: 'closed' }, bytes))) break;
            sent++;
          }
        }
        return reply({ targets: targets.length, sent });
      }
      case 'update':
        // A valid update, through y-webrtc as any peer would send it.
        Y.applyUpdate(doc, new Uint8Array(Buffer.from(message.update, 'base64')), 'hostile');
        return reply(true);
      case 'leave':
        provider?.destroy();
        provider = null;
        return reply(true);
      default:
        return reply(null);
    }
  } catch (error) {
    return reply({ error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
