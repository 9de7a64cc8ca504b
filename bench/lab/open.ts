// The floor of a cold open: the page of the same origin as the app reads the workspace's stored
// updates from IndexedDB and applies them to a Y.Doc, as y-indexeddb does (one transaction,
// Y.applyUpdate for each), then shows one line and waits for that frame. Only yjs is bundled.
// Open as open.html?db=tavola-ws-<id>; the result is window.__floor.
import * as Y from 'yjs';

interface FloorResult {
  readStartAt: number;
  readAt: number;
  appliedAt: number;
  domAt: number;
  paintAt: number;
  updates: number;
  bytes: number;
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

async function open(name: string): Promise<FloorResult> {
  const readStartAt = performance.now();
  const db = await request(indexedDB.open(name));
  const updates = (await request(db.transaction('updates').objectStore('updates').getAll())) as Uint8Array[];
  const readAt = performance.now();
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  }, 'floor', false);
  const appliedAt = performance.now();
  document.getElementById('out')!.textContent = `${doc.getMap('topics').size} topics, ${doc.getMap('focusPoints').size} focus points`;
  const domAt = performance.now();
  // The same "after the next frame" as bench/lib/probe.js's afterPaint.
  const paintAt = await (window as unknown as { __bench: { afterPaint(): Promise<number> } }).__bench.afterPaint();
  db.close();
  // Kept, so that the heap measured afterwards holds the document.
  (window as unknown as { __floorDoc: Y.Doc }).__floorDoc = doc;
  return { readStartAt, readAt, appliedAt, domAt, paintAt, updates: updates.length, bytes: updates.reduce((n, u) => n + u.byteLength, 0) };
}

const name = new URLSearchParams(location.search).get('db');
const w = window as unknown as { __floor: Promise<FloorResult> };
w.__floor = name ? open(name) : Promise.reject(new Error('no ?db='));
