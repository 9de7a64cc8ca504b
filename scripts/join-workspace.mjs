#!/usr/bin/env node
// Join a Tavola workspace from its share link and print its topics and focus points.
// A plain Yjs program that knows only docs/sync.md and docs/document.md, with @tavola/webrtc
// (packages/webrtc: y-webrtc's API and wire protocol, with the chunking peer, so workspaces over
// 256 KiB arrive too).
//
//   node scripts/join-workspace.mjs '<share link>' [--relay ws://…] [--timeout 20]
//
// @roamhq/wrtc gives Node a WebRTC stack, ws a WebSocket for the relay.
import { createHash, webcrypto } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebrtcProvider } from '@tavola/webrtc';

globalThis.WebSocket ??= WebSocket;
globalThis.crypto ??= webcrypto;
// y-webrtc rejects a promise for each message it cannot decrypt (someone with another key).
process.on('unhandledRejection', () => {});

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const extraRelay = option('relay');
const timeoutSeconds = Number(option('timeout') ?? 20);
const link = args[0];
if (!link) {
  console.error("usage: join-workspace.mjs '<share link>' [--relay ws://host:port] [--timeout seconds]");
  process.exit(2);
}

// The link: <app>#/join/<workspaceId>/<secret>[?relay=<url>&relay=<url>]
const fragment = link.slice(link.indexOf('#') + 1);
const [path, query = ''] = fragment.split('?');
const [, join, workspaceId, secret] = path.split('/');
if (join !== 'join' || !workspaceId || !secret || secret.length < 22) {
  console.error('This is not a complete Tavola workspace link.');
  process.exit(2);
}
const relays = new URLSearchParams(query).getAll('relay');
if (extraRelay) relays.push(extraRelay);
if (relays.length === 0) relays.push('ws://localhost:4444');

// The room: "tavola-" + base64url(SHA-256("tavola/room/v1/" + secret)); the password: the secret.
const roomName = `tavola-${createHash('sha256').update(`tavola/room/v1/${secret}`).digest('base64url')}`;

const doc = new Y.Doc();
// No STUN/TURN servers unless given: like the app's default, no third party learns who meets whom.
const iceServers = (process.env.TAVOLA_ICE_SERVERS ?? '').split(',').filter(Boolean).map((urls) => ({ urls }));
const provider = new WebrtcProvider(roomName, doc, { signaling: relays, password: secret, peerOpts: { wrtc, config: { iceServers } } });

// A focus point's topic and order key are one value, `place` (docs/document.md); a point from
// layout 1 has them as two fields.
const placeOf = (record) => {
  const place = record.get('place');
  return place && typeof place === 'object' ? place : { topicId: record.get('topicId'), order: record.get('order') };
};

const ordered = (map) =>
  [...map.entries()]
    .filter(([, record]) => record instanceof Y.Map && !record.get('deletedAt'))
    .map(([id, record]) => ({ id, record, ...placeOf(record) }))
    .map((entry) => ({ ...entry, order: typeof entry.order === 'string' ? entry.order : '~' }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));

const print = () => {
  const meta = doc.getMap('meta');
  console.log(`# ${meta.get('name') ?? 'Untitled workspace'}`);
  const points = ordered(doc.getMap('focusPoints'));
  for (const topic of ordered(doc.getMap('topics'))) {
    console.log(`\n## ${topic.record.get('title')?.toString() ?? ''}`);
    for (const point of points.filter((p) => p.topicId === topic.id)) {
      console.log(`- [${point.record.get('status') ?? 'proposed'}] ${point.record.get('text')?.toString() ?? ''}`);
    }
  }
};

const started = Date.now();
const timer = setInterval(() => {
  const arrived = doc.getMap('meta').has('schemaVersion');
  const settled = arrived && Date.now() - lastUpdate > 500;
  if (settled || Date.now() - started > timeoutSeconds * 1000) {
    clearInterval(timer);
    if (!arrived) console.error('No partner sent the workspace in time: is someone with the workspace online?');
    else print();
    provider.destroy();
    setTimeout(() => process.exit(arrived ? 0 : 1), 100);
  }
}, 100);
let lastUpdate = Date.now();
doc.on('update', () => {
  lastUpdate = Date.now();
});
