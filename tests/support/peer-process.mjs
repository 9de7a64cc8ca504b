// A plain y-webrtc peer in its own Node process (y-webrtc allows one provider per room per
// JavaScript context: y-webrtc #47). Real WebRTC through @roamhq/wrtc, Tavola's chunking transport
// through scripts/register-peer-loader.mjs. Driven over IPC by tests/support/node-peer.ts.
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';

globalThis.WebSocket ??= WebSocket;
// y-webrtc rejects a promise when a message cannot be decrypted (someone in the room with the
// wrong password): Node would end the process for it; a peer must ignore it and carry on.
process.on('unhandledRejection', () => {});

const doc = new Y.Doc();
/** @type {WebrtcProvider | null} */
let provider = null;

const connectedPeers = () => {
  const room = provider?.room;
  return room ? [...room.webrtcConns.values()].filter((conn) => conn.connected).length : 0;
};

process.on('message', (message) => {
  const reply = (value) => process.send({ id: message.id, value });
  switch (message.type) {
    case 'join':
      provider = new WebrtcProvider(message.roomName, doc, {
        signaling: [message.relay],
        password: message.password,
        peerOpts: { wrtc },
      });
      return reply(true);
    case 'apply':
      Y.applyUpdate(doc, new Uint8Array(Buffer.from(message.update, 'base64')), 'test');
      return reply(true);
    case 'state':
      return reply(Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'));
    case 'count':
      return reply(doc.getMap(message.map).size);
    case 'peers':
      return reply(connectedPeers());
    case 'leave':
      provider?.destroy();
      provider = null;
      return reply(true);
    default:
      return reply(null);
  }
});
process.send({ ready: true });
