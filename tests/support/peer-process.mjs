// A Yjs peer in its own Node process (y-webrtc allows one provider per room per JavaScript
// context: y-webrtc #47). Real WebRTC through @roamhq/wrtc; @tavola/webrtc (Tavola's transport),
// or plain y-webrtc with simple-peer when TAVOLA_PLAIN_Y_WEBRTC=1. Driven over IPC by
// tests/support/node-peer.ts.
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { hkdfSync, randomBytes } from 'node:crypto';
import { Awareness } from 'y-protocols/awareness';

const { WebrtcProvider } = process.env.TAVOLA_PLAIN_Y_WEBRTC === '1' ? await import('y-webrtc') : await import('@tavola/webrtc');
const { importVerifyKey } = await import('@tavola/webrtc');

globalThis.WebSocket ??= WebSocket;
// y-webrtc rejects a promise when a message cannot be decrypted (someone in the room with the
// wrong password): Node would end the process for it; a peer must ignore it and carry on.
process.on('unhandledRejection', () => {});

const doc = new Y.Doc();
/** @type {WebrtcProvider | null} */
let provider = null;

/**
 * Join a room. `writers` (a workspace with view links, docs/sync.md): `verifyKey` (base64url), and
 * for a writer its `editSecret`, from which the signing key is derived here with Node's own crypto
 * (the documented derivation, independently of src/sync/access.ts); `forge`: a modified viewer
 * that answers challenges with a made-up proof.
 */
async function join(message) {
  let tavola;
  if (message.writers) {
    const { verifyKey, editSecret, forge } = message.writers;
    const subtle = globalThis.crypto.subtle;
    let signingKey = null;
    if (editSecret) {
      const seed = Buffer.from(hkdfSync('sha256', Buffer.from(editSecret, 'utf8'), Buffer.from('tavola/link/v2', 'utf8'), Buffer.from('tavola signing key', 'utf8'), 32));
      const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
      signingKey = await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    }
    const writers = { room: message.roomName, verifyKey: await importVerifyKey(new Uint8Array(Buffer.from(verifyKey, 'base64url'))), signingKey };
    tavola = { doc, awareness: new Awareness(doc), writers };
    if (forge) {
      // Answers every challenge with 64 random bytes as its "proof", and sends its changes anyway.
      const { ChunkedPeer } = await import('@tavola/webrtc');
      const original = ChunkedPeer.prototype._onWriters;
      ChunkedPeer.prototype._onWriters = function (bytes) {
        if (bytes[1] === 1 && !this._answered) {
          this._answered = true;
          const forged = new Uint8Array(66);
          forged[0] = 0x70;
          forged[1] = 2;
          forged.set(randomBytes(64), 2);
          this.send(forged);
          return;
        }
        return original.call(this, bytes);
      };
    }
  }
  if (message.deafFirstLink) {
    // Its first connection goes deaf after the challenge and sync step 1 it sends on opening: what
    // it sends after (its replies, its proof, its presence) is lost, as in the join of stop 28 that
    // stayed empty. Its later connections work.
    const { ChunkedPeer } = await import('@tavola/webrtc');
    const send = ChunkedPeer.prototype.send;
    let first = null;
    ChunkedPeer.prototype.send = function (data) {
      if (this.connected) {
        first ??= this;
        if (this === first) {
          this._sentOpen = (this._sentOpen ?? 0) + 1;
          if (this._sentOpen > 2) return;
        }
      }
      return send.call(this, data);
    };
  }
  if (message.loseFirstChallenge) {
    // The first writers' challenge it sends is lost on the way: its partner never proves it writes
    // in answer to it (tests/sync/silent-link.test.ts).
    const { ChunkedPeer, WRITERS_MESSAGE, CHALLENGE } = await import('@tavola/webrtc');
    const send = ChunkedPeer.prototype.send;
    let lost = false;
    ChunkedPeer.prototype.send = function (data) {
      const bytes = data instanceof Uint8Array ? data : null;
      if (!lost && bytes && bytes[0] === WRITERS_MESSAGE && bytes[1] === CHALLENGE) {
        lost = true;
        return;
      }
      return send.call(this, data);
    };
  }
  provider = new WebrtcProvider(message.roomName, doc, {
    signaling: [message.relay],
    password: message.password,
    ...(tavola ? { awareness: tavola.awareness } : {}),
    peerOpts: { wrtc, ...(tavola ? { tavola } : {}) },
  });
  provider.on('peers', ({ removed }) => {
    linksClosed += removed.length;
  });
}

/** Connections to partners that closed since the peer joined. */
let linksClosed = 0;

const connectedPeers = () => {
  const room = provider?.room;
  return room ? [...room.webrtcConns.values()].filter((conn) => conn.connected).length : 0;
};

process.on('message', (message) => {
  const reply = (value) => process.send({ id: message.id, value });
  switch (message.type) {
    case 'join':
      void join(message).then(() => reply(true));
      return;
    case 'roles': {
      // What each connected partner proved in a room with writers, and the changes ignored from them.
      const conns = provider ? [...provider.room.webrtcConns.values()].filter((conn) => conn.connected) : [];
      return reply(conns.map((conn) => ({ role: conn.peer.partnerRole ?? null, ignored: conn.peer.ignoredUpdates ?? 0, settledMs: conn.peer.settledMs ?? null })));
    }
    case 'apply':
      Y.applyUpdate(doc, new Uint8Array(Buffer.from(message.update, 'base64')), 'test');
      return reply(true);
    case 'state':
      return reply(Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'));
    case 'count':
      return reply(doc.getMap(message.map).size);
    case 'peers':
      return reply(connectedPeers());
    case 'linksClosed':
      return reply(linksClosed);
    case 'received': {
      // Document updates received over WebRTC, duplicates included (Tavola's peer counts them).
      const room = provider?.room;
      let updates = 0;
      if (room) for (const conn of room.webrtcConns.values()) updates += conn.peer.received?.updates ?? 0;
      return reply(updates);
    }
    case 'meshLinks': {
      // Pairs of partners this peer knows to be linked to each other (both announce it).
      const mesh = provider?.room?.mesh;
      if (!mesh) return reply(0);
      const ids = [...mesh.links.keys()];
      let pairs = 0;
      for (const a of ids) for (const b of ids) if (a < b && mesh.linked(a, b)) pairs++;
      return reply(pairs);
    }
    case 'clientId':
      return reply(doc.clientID);
    case 'vanish':
      // As a tab that is closed or a laptop that loses the network: the links and the relay go,
      // with no goodbye (provider.destroy() would first tell everyone its presence is gone).
      if (provider?.room) {
        for (const conn of provider.room.webrtcConns.values()) conn.peer._pc?.close();
        for (const conn of provider.signalingConns) conn.destroy();
      }
      return reply(true);
    case 'leave':
      provider?.destroy();
      provider = null;
      return reply(true);
    default:
      return reply(null);
  }
});
process.send({ ready: true });
