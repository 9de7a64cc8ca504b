// @tavola/webrtc's applyReceived: a whole document received into an empty one reaches the
// document's `update` listeners (y-indexeddb, y-webrtc, the app) as the received bytes, not
// encoded again by Yjs; in every other case exactly as Y.applyUpdate.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyReceived } from '@tavola/webrtc';

function written(fill: (doc: Y.Doc) => void): Y.Doc {
  const doc = new Y.Doc();
  fill(doc);
  return doc;
}

function listen(doc: Y.Doc): { update: Uint8Array; origin: unknown; transaction: unknown }[] {
  const heard: { update: Uint8Array; origin: unknown; transaction: unknown }[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: unknown) => heard.push({ update, origin, transaction }));
  return heard;
}

describe('applyReceived (packages/webrtc/src/chunked-peer.js)', () => {
  it('into an empty document: applied, and the listeners get the received bytes themselves, once', () => {
    const source = written((doc) => {
      doc.getMap('records').set('a', 'one');
      doc.getText('text').insert(0, 'Port cities');
    });
    const state = Y.encodeStateAsUpdate(source);
    const doc = new Y.Doc();
    const heard = listen(doc);
    const origin = { peer: 'A' };
    applyReceived(doc, state, origin);
    expect(doc.getText('text').toString()).toBe('Port cities');
    expect(heard).toHaveLength(1);
    expect(heard[0]!.update).toBe(state);
    expect(heard[0]!.origin).toBe(origin);
    expect(heard[0]!.transaction).toBeInstanceOf(Y.Transaction);
    // What the listeners stored rebuilds the document.
    const stored = new Y.Doc();
    Y.applyUpdate(stored, heard[0]!.update);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(source));
  });

  it('into a document that has content: Yjs\'s own update, holding only what was new', () => {
    const source = written((doc) => doc.getText('text').insert(0, 'Port cities'));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    source.getText('text').insert(11, ' act');
    const heard = listen(doc);
    const state = Y.encodeStateAsUpdate(source);
    applyReceived(doc, state, 'peer');
    expect(doc.getText('text').toString()).toBe('Port cities act');
    expect(heard).toHaveLength(1);
    expect(heard[0]!.update).not.toBe(state);
    expect(heard[0]!.update.byteLength).toBeLessThan(state.byteLength);
    // Nothing new: nothing heard.
    applyReceived(doc, state, 'peer');
    expect(heard).toHaveLength(1);
  });

  it('a part that waits for what it builds on is not handed on as applied; listeners added meanwhile stay', () => {
    const source = written((doc) => doc.getText('text').insert(0, 'Port'));
    const first = Y.encodeStateAsUpdate(source);
    const vector = Y.encodeStateVector(source);
    source.getText('text').insert(4, ' cities');
    const second = Y.encodeStateAsUpdate(source, vector);
    const doc = new Y.Doc();
    const heard = listen(doc);
    let added = 0;
    doc.getText('text').observe(() => {
      if (added === 0) doc.on('update', () => added++);
    });
    // The second half alone: nothing of it can be applied yet.
    applyReceived(doc, second, 'peer');
    expect(doc.getText('text').toString()).toBe('');
    expect(heard).toHaveLength(0);
    applyReceived(doc, first, 'peer');
    expect(doc.getText('text').toString()).toBe('Port cities');
    expect(heard).toHaveLength(1);
    // Both halves were applied at once; the listeners heard them, not the first half's bytes.
    expect(heard[0]!.update).not.toBe(first);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, heard[0]!.update);
    expect(stored.getText('text').toString()).toBe('Port cities');
    // The listener added from an observer during the transaction is still there.
    source.getText('text').insert(0, '> ');
    applyReceived(doc, Y.encodeStateAsUpdate(source, Y.encodeStateVector(doc)), 'peer');
    expect(added).toBeGreaterThan(0);
  });

  it('into an empty document, an update part of which waits: the listeners get what was applied', () => {
    const a = written((doc) => doc.getText('a').insert(0, 'Amsterdam'));
    const b = written((doc) => doc.getText('b').insert(0, 'Lis'));
    const bVector = Y.encodeStateVector(b);
    b.getText('b').insert(3, 'bon');
    const received = Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b, bVector)]);
    const doc = new Y.Doc();
    const heard = listen(doc);
    applyReceived(doc, received, 'peer');
    expect(doc.getText('a').toString()).toBe('Amsterdam');
    expect(heard).toHaveLength(1);
    expect(heard[0]!.update).not.toBe(received);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, heard[0]!.update);
    expect(stored.getText('a').toString()).toBe('Amsterdam');
    expect(stored.getText('b').toString()).toBe('');
  });
});
