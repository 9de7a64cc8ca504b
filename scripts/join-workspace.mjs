#!/usr/bin/env node
// Join a Tavola workspace from its share link and print its topics and focus points.
// A plain Yjs program that knows only docs/sync.md, docs/keeper.md and docs/document.md, with
// @tavola/webrtc (packages/webrtc: y-webrtc's API and wire protocol, with the chunking peer, so
// workspaces over 256 KiB arrive too) and, when the link names keepers, Hocuspocus's provider:
// the workspace arrives from partners online, or from a keeper with nobody online.
//
//   node scripts/join-workspace.mjs '<share link>' [--relay ws://…] [--timeout 20]
//
// @roamhq/wrtc gives Node a WebRTC stack, ws a WebSocket for the relay and the keepers. Read
// only: it never writes to the workspace or to a keeper's log.
import { createHash, createPrivateKey, createPublicKey, hkdfSync, webcrypto } from 'node:crypto';
import { Awareness } from 'y-protocols/awareness';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebrtcProvider, importVerifyKey } from '@tavola/webrtc';

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

// The link: <app>#/<kind>/<workspaceId>/<secret>[/<verify key>][?relay=<url>&relay=<url>]
// kind: `edit` or `view` (docs/sync.md, "Edit and view links"), or `join` (links made before).
const fragment = link.slice(link.indexOf('#') + 1);
const [path, query = ''] = fragment.split('?');
const [, kind, workspaceId, linkSecret, linkVerifyKey] = path.split('/');
if (!['join', 'edit', 'view'].includes(kind) || !workspaceId || !linkSecret || linkSecret.length < 22 || (kind === 'view' && !linkVerifyKey)) {
  console.error('This is not a complete Tavola workspace link.');
  process.exit(2);
}
// An edit secret E gives the view secret V and the writers' verify key K (HKDF-SHA-256, salt
// "tavola/link/v2"); V is what every holder shares: room, password, keeper keys.
const hkdf32 = (secret, info) => Buffer.from(hkdfSync('sha256', Buffer.from(secret), Buffer.from('tavola/link/v2'), Buffer.from(info), 32));
let secret = linkSecret;
let verifyKey = linkVerifyKey ?? null;
if (kind === 'edit') {
  secret = hkdf32(linkSecret, 'tavola view secret').toString('base64url');
  const seed = hkdf32(linkSecret, 'tavola signing key');
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  verifyKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64url');
}
const relays = new URLSearchParams(query).getAll('relay');
const keepers = new URLSearchParams(query).getAll('keeper');
if (extraRelay) relays.push(extraRelay);
if (relays.length === 0) relays.push('ws://localhost:4444');

// The room: "tavola-" + base64url(SHA-256("tavola/room/v1/" + secret)), or "tavola/room/v2/" + V
// for edit and view links; the password: that secret.
const roomName = `tavola-${createHash('sha256').update(`tavola/room/${kind === 'join' ? 'v1' : 'v2'}/${secret}`).digest('base64url')}`;

const doc = new Y.Doc();
// With view links, this reader takes changes only from partners that prove they write (it says
// it views: it never writes), as the app does (docs/sync.md, "The writers' handshake").
const writers = verifyKey ? { room: roomName, verifyKey: await importVerifyKey(new Uint8Array(Buffer.from(verifyKey, 'base64url'))), signingKey: null } : undefined;
const tavola = writers ? { doc, awareness: new Awareness(doc), writers } : undefined;
// No STUN/TURN servers unless given: like the app's default, no third party learns who meets whom.
const iceServers = (process.env.TAVOLA_ICE_SERVERS ?? '').split(',').filter(Boolean).map((urls) => ({ urls }));
const provider = new WebrtcProvider(roomName, doc, {
  signaling: relays,
  password: secret,
  ...(tavola ? { awareness: tavola.awareness } : {}),
  peerOpts: { wrtc, config: { iceServers }, ...(tavola ? { tavola } : {}) },
});

// The keepers (docs/keeper.md, "Derivations" and "Sealed entries"): HKDF-SHA-256 over the secret
// gives the token and the AES-GCM key; the keeper's document is a Y.Map `entries` of entry id →
// 0x01 ‖ nonce (12) ‖ AES-GCM(kind byte ‖ Yjs update), bound to the document name and entry id.
// With writers (edit and view links, "Version 2"): salt "tavola/keeper/v2" over V, the name binds
// the verify key K, the token sent is `token.K` (a reader's), and only entries 0x02 ‖ nonce ‖
// AES-GCM ‖ Ed25519 signature that verify with K are applied.
const keeperLinks = [];
if (keepers.length > 0) {
  const subtle = webcrypto.subtle;
  const text = new TextEncoder();
  const version = verifyKey ? 2 : 1;
  const base = await subtle.importKey('raw', text.encode(secret), 'HKDF', false, ['deriveBits', 'deriveKey']);
  const hkdf = (info) => ({ name: 'HKDF', hash: 'SHA-256', salt: text.encode(`tavola/keeper/v${version}`), info: text.encode(info) });
  const keeperToken = Buffer.from(await subtle.deriveBits(hkdf('tavola keeper token'), base, 256)).toString('base64url');
  const key = await subtle.deriveKey(hkdf('tavola keeper sealing key'), base, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  const documentName =
    version === 1
      ? `tavola-k1-${createHash('sha256').update(`tavola/keeper/document/v1/${keeperToken}`).digest('base64url')}`
      : `tavola-k2-${createHash('sha256').update(`tavola/keeper/document/v2/${keeperToken}/${verifyKey}`).digest('base64url')}`;
  const token = version === 1 ? keeperToken : `${keeperToken}.${verifyKey}`;
  const writersKey = version === 2 ? await subtle.importKey('raw', Buffer.from(verifyKey, 'base64url'), { name: 'Ed25519' }, false, ['verify']) : null;
  const log = new Y.Doc();
  const entries = log.getMap('entries');
  const opened = new Set();
  const unseal = async (id, sealed) => {
    const signature = version === 2 ? 64 : 0;
    if (!(sealed instanceof Uint8Array) || sealed.byteLength < 30 + signature || sealed[0] !== version) return;
    try {
      const context = `tavola/keeper/entry/v${version}\u0000${documentName}\u0000${id}`;
      const body = sealed.subarray(0, sealed.byteLength - signature);
      if (writersKey && !(await subtle.verify({ name: 'Ed25519' }, writersKey, sealed.subarray(body.byteLength), Buffer.concat([text.encode(`${context}\u0000`), body])))) return;
      const additionalData = text.encode(context);
      const plain = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: body.subarray(1, 13), additionalData }, key, body.subarray(13)));
      Y.applyUpdate(doc, plain.subarray(1), 'keeper');
    } catch {
      // Not sealed with this workspace's key (garbage, another workspace): ignored.
    }
  };
  entries.observe((event) => {
    for (const [id, change] of event.changes.keys) {
      if (change.action === 'delete' || opened.has(id)) continue;
      opened.add(id);
      void unseal(id, entries.get(id));
    }
  });
  for (const url of keepers) {
    const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
    const keeper = new HocuspocusProvider({ websocketProvider: socket, name: documentName, token, document: log, awareness: null });
    keeper.attach();
    keeperLinks.push({ socket, keeper });
  }
}

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
    if (!arrived) console.error(keepers.length > 0 ? 'Neither a partner nor a keeper sent the workspace in time: is the keeper reachable, or someone with the workspace online?' : 'No partner sent the workspace in time: is someone with the workspace online?');
    else print();
    provider.destroy();
    for (const { socket, keeper } of keeperLinks) {
      keeper.destroy();
      socket.destroy();
    }
    setTimeout(() => process.exit(arrived ? 0 : 1), 100);
  }
}, 100);
let lastUpdate = Date.now();
doc.on('update', () => {
  lastUpdate = Date.now();
});
