// One person of the bench's call (docs/performance.md, "A call of ten"), in its own Node process:
// y-webrtc allows one provider per room per JavaScript context (y-webrtc #47). Real WebRTC through
// @roamhq/wrtc, the provider from ./webrtc.mjs (Tavola's chunking transport), a real relay.
// Driven over IPC by call-peers.ts. Lean on purpose, as ten processes share two cores with two
// browsers: no logging, and presence only as the app sends it (its profile once, then where its
// caret is whenever that changes: the app looks at every selection change, and sends nothing when
// the caret's anchors are as they were, src/sync/presence.ts setLocalEditing).
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebrtcProvider } from './webrtc.mjs';

globalThis.WebSocket ??= WebSocket;
globalThis.crypto ??= webcrypto;
// y-webrtc rejects a promise for each message it cannot decrypt; a peer carries on.
process.on('unhandledRejection', () => {});
process.on('disconnect', () => process.exit(0));

/** @type {Y.Doc} */
let doc = new Y.Doc();
/** @type {InstanceType<typeof WebrtcProvider> | null} */
let provider = null;
/** @type {{ timer: ReturnType<typeof setTimeout> | null, typed: number }} */
const typing = { timer: null, typed: 0 };

const textOf = (pointId) => /** @type {Y.Map<unknown>} */ (doc.getMap('focusPoints').get(pointId)).get('text');

const connectedPeers = () => {
  const room = provider?.room;
  return room ? [...room.webrtcConns.values()].filter((conn) => conn.connected).length : 0;
};

/** Type one character every `intervalMs` at the end of the point's text, each its own transaction. */
function startTyping({ pointId, intervalMs, startDelayMs, chars }) {
  const text = /** @type {Y.Text} */ (textOf(pointId));
  const awareness = provider.awareness;
  typing.typed = 0;
  let due = performance.now() + startDelayMs;
  const tick = () => {
    doc.transact(() => text.insert(text.length, chars[typing.typed % chars.length]), 'typing');
    typing.typed++;
    const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
    const editing = { kind: 'focusPoint', id: pointId, field: 'text', anchor: caret, head: caret };
    if (JSON.stringify(awareness.getLocalState()?.editing ?? null) !== JSON.stringify(editing)) awareness.setLocalStateField('editing', editing);
    due += intervalMs;
    typing.timer = setTimeout(tick, Math.max(0, due - performance.now()));
  };
  typing.timer = setTimeout(tick, Math.max(0, due - performance.now()));
}

process.on('message', (message) => {
  const reply = (value) => process.send({ id: message.id, value });
  switch (message.type) {
    case 'load': {
      doc = new Y.Doc();
      const state = readFileSync(message.statePath);
      Y.applyUpdate(doc, new Uint8Array(state.buffer, state.byteOffset, state.byteLength), 'load');
      return reply(state.byteLength);
    }
    case 'join':
      provider = new WebrtcProvider(message.roomName, doc, {
        signaling: [message.relay],
        password: message.password,
        peerOpts: { wrtc, config: { iceServers: [] } },
      });
      provider.awareness.setLocalStateField('user', message.profile);
      return reply(true);
    case 'peers':
      return reply(connectedPeers());
    case 'type':
      startTyping(message);
      return reply(true);
    case 'stop':
      if (typing.timer) clearTimeout(typing.timer);
      typing.timer = null;
      provider?.awareness.setLocalStateField('editing', null);
      return reply(typing.typed);
    case 'length':
      return reply(/** @type {Y.Text} */ (textOf(message.pointId)).length);
    case 'leave':
      provider?.destroy();
      provider = null;
      return reply(true);
    default:
      return reply(null);
  }
});
process.send({ ready: true });
