/**
 * A workspace's stored changes, read while the app's code was still loading (public/read-early.js,
 * run from index.html before the app's modules). y-indexeddb reads them only once the app's code
 * has loaded and opened the workspace: about 100 ms of a cold open on a large group's copy went
 * to that wait (docs/performance.md). Handed over once, to the first opening of that workspace;
 * any later opening reads its storage itself.
 */
export interface EarlyRead {
  /** Every stored update, in the order of their keys (as y-indexeddb reads them). */
  updates: Uint8Array[];
  /** The newest update's key: y-indexeddb reads only what was stored after it. */
  lastKey: number;
}

interface EarlyReadHandle {
  name: string;
  read: Promise<unknown>;
}

declare global {
  interface Window {
    __tavolaEarlyRead?: EarlyReadHandle;
  }
}

/** What read-early.js read of database `name`, or null (none, another database, already taken, or the read failed). */
export async function takeEarlyRead(name: string): Promise<EarlyRead | null> {
  const handle = typeof window === 'undefined' ? undefined : window.__tavolaEarlyRead;
  if (!handle) return null;
  // Once: after the first opening, this page's own writes make the early read stale.
  delete window.__tavolaEarlyRead;
  if (handle.name !== name) return null;
  const result = await handle.read.catch(() => null);
  return isEarlyRead(result) ? result : null;
}

function isEarlyRead(value: unknown): value is EarlyRead {
  if (typeof value !== 'object' || value === null) return false;
  const { updates, lastKey } = value as Partial<EarlyRead>;
  return Number.isSafeInteger(lastKey) && Array.isArray(updates) && updates.every((update) => update instanceof Uint8Array);
}
