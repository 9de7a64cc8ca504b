import { IndexeddbPersistence } from 'y-indexeddb';
import { mergeUpdates, Workspace } from '../model';
import { takeEarlyRead, type EarlyRead } from './early-read';
import { replayJournal, startJournal } from './journal';
import { isPartnersOrigin } from './origins';

/** One IndexedDB database per workspace. Part of the storage contract: see docs/document.md. */
export function databaseName(workspaceId: string): string {
  return `tavola-ws-${workspaceId}`;
}

export interface StoredWorkspace {
  workspace: Workspace;
  /** Stop saving and release the document. */
  close(): Promise<void>;
}

/** A stored update Yjs cannot read: the workspace is not opened, and nothing stored is removed. */
export class UnreadableStoredCopy extends Error {
  constructor(cause: unknown) {
    super(`a stored change cannot be read${cause instanceof Error && cause.message ? ` (${cause.message})` : ''}`, { cause });
    this.name = 'UnreadableStoredCopy';
  }
}

/** Open a workspace from this browser's storage (empty if it was never saved here). */
export async function openStoredWorkspace(workspaceId: string): Promise<StoredWorkspace> {
  // Until the workspace has arrived (a partner's link was just opened), nothing may write to it.
  const workspace = new Workspace(undefined, { refuseWritesUntilReceived: true });
  const name = databaseName(workspaceId);
  // What the page read while the app's code loaded (early-read.ts): y-indexeddb then reads only
  // what was stored after it (another tab's changes), and it is applied once that read is done.
  const early = await takeEarlyRead(name);
  const persistence = new IndexeddbPersistence(name, workspace.doc);
  const loadingEarly = early && applyWhenLoaded(persistence, workspace, early);
  const storing = storeAfterLoading(persistence);
  await persistence.whenSynced;
  if (loadingEarly?.failure) {
    storing.stop();
    await persistence.destroy();
    workspace.destroy();
    throw new UnreadableStoredCopy(loadingEarly.failure.error);
  }
  watchWriteFailures(persistence);
  await dropEmptyUpdates(persistence);
  // After the stored updates, so what the journal adds is saved like any other change.
  replayJournal(workspaceId, workspace);
  const stopJournal = startJournal(workspaceId, workspace);
  return {
    workspace,
    async close() {
      stopJournal();
      storing.stop();
      await persistence.destroy();
      workspace.destroy();
    },
  };
}

/**
 * What the page read early (early-read.ts), applied as y-indexeddb applies what it reads (one
 * transaction, itself the origin) when its own read is done, and before storeAfterLoading
 * listens: with a listener there, Yjs would encode the whole load as an update. Made before
 * storeAfterLoading, so its `synced` listener runs first. The page's reference to the updates is
 * let go once they are applied (a large group's are tens of megabytes); the workspace keeps them
 * as what it opened with when nothing was read before them, to answer a new peer without encoding
 * the workspace again (stateForNewPeer, src/model/new-peer.ts).
 */
function applyWhenLoaded(persistence: IndexeddbPersistence, workspace: Workspace, early: EarlyRead): { failure: { error: unknown } | null } {
  readOnlyAfter(persistence, early.lastKey);
  let updates: readonly Uint8Array[] | null = early.updates;
  const result: { failure: { error: unknown } | null } = { failure: null };
  persistence.once('synced', () => {
    try {
      workspace.applyUpdates(updates ?? [], persistence, { keepAsOpened: true });
    } catch (error) {
      result.failure = { error };
    } finally {
      updates = null;
    }
  });
  return result;
}

/**
 * y-indexeddb reads the stored updates from the key in `_dbref` on (0 when it is made), once its
 * database is open: set before then, it reads only those stored after `lastKey`. It sets
 * `_dbref` itself after that read, to its newest key, as always.
 */
function readOnlyAfter(persistence: IndexeddbPersistence, lastKey: number): void {
  (persistence as unknown as { _dbref: number })._dbref = lastKey + 1;
}

/** How long partners' changes may wait to be stored together, in one IndexedDB transaction. */
export const PARTNERS_STORE_DELAY_MS = 200;

/** A partners' change this large is stored at once, alone (a new peer's whole workspace). */
const STORE_AT_ONCE_BYTES = 64 * 1024;

/**
 * How the document's changes reach y-indexeddb.
 *
 * Nothing while it loads: y-indexeddb listens for the document's updates from the moment it is
 * made, and ignores the one its own load makes, yet with a listener there Yjs encodes that load as
 * an update: the whole stored workspace again (about 110 ms for 6.5 MB, docs/performance.md). So
 * its listener is off until the load is applied, and ours is on in the same task that finishes it,
 * so nothing after it goes unstored. Nothing is lost before it either: y-indexeddb stores the
 * document's state as it was before loading (what was written before then) as part of the load;
 * and nothing writes to this document meanwhile (an empty workspace refuses writes:
 * refuseWritesUntilReceived).
 *
 * Then this copy's own changes, and whatever else is applied here (a backup, the journal), are
 * stored at once, each as y-indexeddb stores it (the journal covers the moment after, journal.ts).
 * Partners' changes (applied with a partners' origin: a WebRTC room, the keepers, origins.ts) wait
 * up to PARTNERS_STORE_DELAY_MS and are stored together, merged: in a call of ten they come 70 a
 * second, and one IndexedDB transaction each took 1.7 s of a watching browser's main thread in
 * 28 s (docs/performance.md).
 * What waits is stored before any change of this copy's, when the page is hidden or left, and when
 * the workspace closes; a browser that quits within the delay loses at most that much of the
 * partners' changes, which they still hold and send again at the next connection.
 */
function storeAfterLoading(persistence: IndexeddbPersistence): { stop(): void } {
  const { doc } = persistence;
  const storeUpdate = (persistence as unknown as { _storeUpdate: (update: Uint8Array, origin: unknown) => void })._storeUpdate;
  doc.off('update', storeUpdate);
  let waiting: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (waiting.length === 0) return;
    const updates = waiting;
    waiting = [];
    storeUpdate(updates.length === 1 ? updates[0]! : mergeUpdates(updates), null);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    // y-indexeddb's own: another tab's stored changes, read in at a merge.
    if (origin === persistence) return;
    if (!isPartnersOrigin(origin) || update.byteLength >= STORE_AT_ONCE_BYTES) {
      flush();
      storeUpdate(update, origin);
      return;
    }
    waiting.push(update);
    timer ??= setTimeout(flush, PARTNERS_STORE_DELAY_MS);
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  let listening = false;
  persistence.once('synced', () => {
    if ((persistence as unknown as { _destroyed: boolean })._destroyed) return;
    doc.on('update', onUpdate);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    listening = true;
  });
  return {
    stop() {
      flush();
      if (!listening) return;
      listening = false;
      doc.off('update', onUpdate);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
    },
  };
}

const writeFailureListeners = new Set<(error: DOMException | null) => void>();

/** Called when the browser refuses to store a change (a full disk, most of the time). */
export function onWriteFailure(listener: (error: DOMException | null) => void): () => void {
  writeFailureListeners.add(listener);
  return () => writeFailureListeners.delete(listener);
}

/**
 * A full disk shows only when a write transaction commits: the request has already succeeded,
 * so y-indexeddb never hears of it and the change is silently not stored. Transactions' abort
 * events reach their database, so listen there.
 */
function watchWriteFailures(persistence: IndexeddbPersistence): void {
  const db = (persistence as unknown as { db: IDBDatabase | null }).db;
  db?.addEventListener('abort', (event) => {
    const transaction = event.target as IDBTransaction | null;
    for (const listener of writeFailureListeners) listener(transaction?.error ?? null);
  });
}

/**
 * y-indexeddb stores the document's state as it was before loading at every load: for a fresh
 * document, an empty update (two zero bytes). Unremoved, every reload of an unchanged workspace
 * grows its database (y-indexeddb #31). It carries nothing, so it goes. It is the newest entry
 * (written with the load, before anything else may write), so only that one is read: reading every
 * stored update to find it cost 30 ms of a large group's opening. One left by a page closed in
 * between is removed with everything else at y-indexeddb's next merge of the stored updates.
 */
async function dropEmptyUpdates(persistence: IndexeddbPersistence): Promise<void> {
  const db = (persistence as unknown as { db: IDBDatabase | null }).db;
  if (!db) return;
  await new Promise<void>((resolve) => {
    const transaction = db.transaction('updates', 'readwrite');
    const store = transaction.objectStore('updates');
    const newest = store.openKeyCursor(null, 'prev');
    newest.onsuccess = () => {
      const key = newest.result?.primaryKey;
      if (key === undefined) return;
      const read = store.get(key);
      read.onsuccess = () => {
        const value = read.result as Uint8Array | undefined;
        if (value?.byteLength === 2 && value[0] === 0 && value[1] === 0) store.delete(key);
      };
    };
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => resolve();
    transaction.onabort = () => resolve();
  });
}

/** Whether this browser holds a workspace's database (true when the browser cannot tell). */
export async function storedWorkspaceExists(workspaceId: string): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((db) => db.name === databaseName(workspaceId));
  } catch {
    return true;
  }
}

/** Remove a workspace's stored data from this browser. */
export function deleteStoredWorkspace(workspaceId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(databaseName(workspaceId));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('The browser could not delete the stored workspace.'));
    // Another tab still has it open: the deletion completes when that tab lets go.
    request.onblocked = () => resolve();
  });
}

export type PersistenceState = 'granted' | 'refused' | 'unsupported';

/**
 * Ask the browser to keep our data under storage pressure. Without it, a browser may evict
 * IndexedDB of sites not used for a while; we say so on the home screen.
 */
export async function requestPersistentStorage(): Promise<PersistenceState> {
  if (!navigator.storage?.persist) return 'unsupported';
  try {
    if (await navigator.storage.persisted()) return 'granted';
    return (await navigator.storage.persist()) ? 'granted' : 'refused';
  } catch {
    return 'refused';
  }
}
