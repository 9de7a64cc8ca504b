import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import { LIMITS, Workspace } from '../../src/model';
import { journalKey, replayJournal, startJournal } from '../../src/sync/journal';

/** A Storage of our own: the journal must be written in the task of the edit, with no page event. */
function memoryStorage(): Storage & { writes: number } {
  const items = new Map<string, string>();
  return {
    writes: 0,
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem(key: string, value: string) {
      this.writes++;
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('the journal of the last edits (sync/journal.ts)', () => {
  it('is written before the task of an edit ends, once per task, and brings the edit back on the next open', async () => {
    const store = memoryStorage();
    const ws = new Workspace();
    const stop = startJournal('w1', ws, store);
    const topic = ws.topics.add('Ports');
    const id = ws.focusPoints.add({ topicId: topic, text: 'A point' });
    ws.focusPoints.textOf(id)!.set('A point, edited');
    expect(store.getItem(journalKey('w1'))).toBeNull();
    await Promise.resolve();
    // Three transactions, one write: a browser quitting now keeps all three.
    expect(store.writes).toBe(1);
    expect(store.getItem(journalKey('w1'))).not.toBeNull();
    stop();

    // The next open, on a copy that has none of it (IndexedDB lost the last writes).
    const reopened = new Workspace();
    expect(replayJournal('w1', reopened, store)).toBe(true);
    expect(reopened.focusPoints.list().map((point) => point.text)).toEqual(['A point, edited']);
    expect(store.getItem(journalKey('w1'))).toBeNull();
  });

  it('keeps only this person\'s edits, and leaves a change too large for it to IndexedDB', async () => {
    const store = memoryStorage();
    const ws = new Workspace();
    const stop = startJournal('w2', ws, store);
    const partner = new Workspace();
    partner.topics.add('From a partner');
    ws.applyUpdate(partner.encodeState(), 'peer');
    await Promise.resolve();
    expect(store.writes).toBe(0);
    ws.topics.add('Ours');
    await Promise.resolve();
    expect(store.writes).toBe(1);
    const written = store.getItem(journalKey('w2'));
    // One action of about 400 KB (a backup merged in, say).
    ws.transact('test.bulk', () => {
      for (let i = 0; i < 400; i++) ws.topics.add(`Topic ${i} ${'y'.repeat(LIMITS.topicTitle - 20)}`);
    });
    await Promise.resolve();
    expect(store.getItem(journalKey('w2'))).toBe(written);
    const reopened = new Workspace();
    replayJournal('w2', reopened, store);
    expect(reopened.topics.list().map((topic) => topic.title)).toEqual(['Ours']);
    stop();
  });

  it('keeps what is typed in the rich-text editor (y-prosemirror writes with its own key as origin)', async () => {
    const store = memoryStorage();
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Port security pact' });
    const before = ws.encodeState();
    const stop = startJournal('w3', ws, store);
    const fragment = ws.practices.section(id, 'context')!.bindFragment();
    ws.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Typed in the editor')]);
      fragment.insert(fragment.length, [paragraph]);
    }, ySyncPluginKey);
    await Promise.resolve();
    stop();
    const reopened = new Workspace();
    reopened.applyUpdate(before);
    replayJournal('w3', reopened, store);
    expect(reopened.practices.get(id)?.context).toBe('Typed in the editor');
  });
});
