// Reading and writing a workspace's stored Yjs updates in the page's IndexedDB, the way
// y-indexeddb keeps them (database tavola-ws-<id>, object store 'updates', autoincrement keys).
import type { Page } from 'playwright-core';

/** Every stored update of a workspace, merged into one. */
export async function readStoredState(page: Page, workspaceId: string): Promise<Uint8Array[]> {
  const encoded = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
      const request = db.transaction('updates').objectStore('updates').getAll();
      request.onsuccess = () => resolve(request.result as Uint8Array[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return updates.map((update) => {
      let binary = '';
      for (let i = 0; i < update.length; i += 0x8000) binary += String.fromCharCode(...update.subarray(i, i + 0x8000));
      return btoa(binary);
    });
  }, `tavola-ws-${workspaceId}`);
  return encoded.map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
}

/**
 * Add an update to a workspace's stored updates; the app sees it when it next opens the workspace.
 * With `replace`, the stored updates are replaced by it, as y-indexeddb's merge of them leaves one.
 */
export async function storeUpdate(page: Page, workspaceId: string, update: Uint8Array, { replace = false } = {}): Promise<void> {
  await page.evaluate(
    async ([name, b64, replacing]) => {
      const binary = atob(b64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('updates', 'readwrite');
        if (replacing) transaction.objectStore('updates').clear();
        transaction.objectStore('updates').add(bytes);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    [`tavola-ws-${workspaceId}`, Buffer.from(update).toString('base64'), replace] as const,
  );
}
