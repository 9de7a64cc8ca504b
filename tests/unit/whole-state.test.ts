// A new peer is answered with the stored updates its partner opened with, not the workspace
// encoded again (stateForNewPeer in src/model/new-peer.ts, packages/webrtc/src/chunked-peer.js `wholeState`).
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import { ChunkedPeer, syncMessage } from '@tavola/webrtc';
import { Workspace } from '../../src/model';
import { stateForNewPeer } from '../../src/model/new-peer';
import { FakePeerConnection } from './fake-rtc';

/** A workspace as another session stored it, in the order stored: a merged state and two later updates. */
function stored(): Uint8Array[] {
  const doc = new Y.Doc();
  const ws = new Workspace(doc);
  ws.initialise({ name: 'Port cities' });
  const topic = ws.topics.add('Ports', undefined, 'topic');
  for (let i = 0; i < 20; i++) ws.focusPoints.add({ topicId: topic, text: `Point ${i}` });
  const base = Y.encodeStateAsUpdate(doc);
  const later: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => later.push(update));
  ws.topics.add('Customs', undefined, 'topic');
  ws.focusPoints.textOf(ws.focusPoints.list()[3]!.id)!.set('Point 3, agreed');
  return [base, later[0]!, later[1]!];
}

/** What a new peer holds after applying the parts in order to an empty document. */
function received(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  new Workspace(doc); // its shared types defined, so toJSON shows them
  for (const part of parts) Y.applyUpdate(doc, part);
  return doc;
}

describe('the whole state for a new peer (stateForNewPeer)', () => {
  it('is the first stored update, then one update with the others and every change since: together, this copy', () => {
    const updates = stored();
    const ws = new Workspace();
    ws.applyUpdates(updates, 'stored', { keepAsOpened: true });
    // Changes of this session: a new point, an edit, a removal.
    const topic = ws.topics.list()[0]!.id;
    ws.focusPoints.add({ topicId: topic, text: 'Compare port controls' });
    ws.focusPoints.textOf(ws.focusPoints.list()[0]!.id)!.set('Point 0 and more');
    ws.focusPoints.remove(ws.focusPoints.list()[5]!.id);
    const parts = stateForNewPeer(ws)!;
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe(updates[0]); // the stored bytes themselves, not encoded again
    const peer = received(parts);
    expect(peer.toJSON()).toEqual(ws.doc.toJSON());
    expect(Y.encodeStateVector(peer)).toEqual(Y.encodeStateVector(ws.doc));
    expect(Y.encodeStateAsUpdate(ws.doc, Y.encodeStateVector(peer))).toEqual(Y.encodeStateAsUpdate(ws.doc, Y.encodeStateVector(ws.doc)));
    // A point removed this session is removed there too.
    expect(new Workspace(peer).focusPoints.list().length).toBe(20);
    expect(new Workspace(peer).focusPoints.list().map((p) => p.text)).toEqual(ws.focusPoints.list().map((p) => p.text));
  });

  it('with one stored update, is that update (the same bytes) and what changed since', () => {
    const source = new Workspace();
    source.initialise({ name: 'Port cities' });
    const state = Y.encodeStateAsUpdate(source.doc);
    const ws = new Workspace();
    ws.applyUpdates([state], 'stored', { keepAsOpened: true });
    const parts = stateForNewPeer(ws)!;
    expect(parts[0]).toBe(state);
    expect(received(parts).toJSON()).toEqual(ws.doc.toJSON());
  });

  it('is not kept when the copy held something before the stored updates, or was not asked to keep them', () => {
    const updates = stored();
    const held = new Workspace();
    Y.applyUpdate(held.doc, updates[0]!);
    held.applyUpdates([updates[1]!, updates[2]!], 'stored', { keepAsOpened: true });
    expect(stateForNewPeer(held)).toBeNull();
    const notAsked = new Workspace();
    notAsked.applyUpdates(updates, 'stored');
    expect(stateForNewPeer(notAsked)).toBeNull();
    // Updates that wait for what they build on: not a whole state.
    const partial = new Workspace();
    partial.applyUpdates([updates[2]!], 'stored', { keepAsOpened: true });
    expect(stateForNewPeer(partial)).toBeNull();
  });

  it('is not used when the first stored update holds less than half of them (later updates build on it, none is a whole state)', () => {
    const doc = new Y.Doc();
    const stored: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => stored.push(update));
    const source = new Workspace(doc);
    source.initialise({ name: 'Port cities' });
    const topic = source.topics.add('Ports', undefined, 'topic');
    for (let i = 0; i < 20; i++) source.focusPoints.add({ topicId: topic, text: `Point ${i}: ${'a long paste. '.repeat(100)}` });
    const ws = new Workspace();
    ws.applyUpdates(stored, 'stored', { keepAsOpened: true });
    expect(ws.focusPoints.list()).toHaveLength(20);
    expect(stateForNewPeer(ws)).toBeNull();
  });
});

describe('a new peer answered with the whole state (chunked-peer.js)', () => {
  function connected(wholeState: () => Uint8Array[] | null) {
    const doc = new Y.Doc();
    const peer = new ChunkedPeer({ initiator: true, wrtc: { RTCPeerConnection: FakePeerConnection }, tavola: { doc, awareness: new Awareness(doc), wholeState } });
    (peer as unknown as { webrtcConn: object }).webrtcConn = {};
    const toYWebrtc: Uint8Array[] = [];
    peer.on('data', (data: Uint8Array) => toYWebrtc.push(data));
    const channel = FakePeerConnection.last!.channels[0]!;
    channel.open();
    channel.sent.length = 0;
    return { peer, channel, toYWebrtc };
  }

  it('a sync step 1 with an empty state vector gets the parts: a sync step 2, then an update; y-webrtc does not encode the document', () => {
    const parts = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
    let asked = 0;
    const { peer, channel, toYWebrtc } = connected(() => (asked++, parts));
    channel.receive(syncMessage(0, new Uint8Array([0])));
    expect(asked).toBe(1);
    expect(toYWebrtc).toHaveLength(0);
    expect(channel.sent.map((bytes) => [...(bytes as Uint8Array)])).toEqual([[...syncMessage(1, parts[0]!)], [...syncMessage(2, parts[1]!)]]);
    peer.destroy();
  });

  it('a sync step 1 that holds something, or no kept state, is answered by y-webrtc as always', () => {
    let asked = 0;
    const { peer, channel, toYWebrtc } = connected(() => (asked++, null));
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    channel.receive(syncMessage(0, Y.encodeStateVector(doc)));
    expect(asked).toBe(0);
    expect(toYWebrtc).toHaveLength(1);
    channel.receive(syncMessage(0, new Uint8Array([0])));
    expect(asked).toBe(1);
    expect(toYWebrtc).toHaveLength(2);
    expect(channel.sent).toHaveLength(0);
    peer.destroy();
  });
});
