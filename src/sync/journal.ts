import { fromBase64, toBase64 } from '../lib/bytes';
import { mergeUpdates, type Workspace } from '../model';

/**
 * A safety net for the last edits before a tab closes (y-indexeddb #28): IndexedDB commits a
 * little after each edit, so an edit made just before the window closes may never reach it.
 * The edits of the last few seconds are written to localStorage — synchronous — when the page is
 * hidden or closed, and applied again on the next open (applying an update twice changes nothing).
 */
const KEY_PREFIX = 'tavola.journal.';
const KEEP_MS = 5_000;

export function journalKey(workspaceId: string): string {
  return `${KEY_PREFIX}${workspaceId}`;
}

/** Apply what the last session journaled, then forget it. Returns whether there was anything. */
export function replayJournal(workspaceId: string, workspace: Workspace, store: Storage = localStorage): boolean {
  const key = journalKey(workspaceId);
  let text: string | null = null;
  try {
    text = store.getItem(key);
  } catch {
    return false;
  }
  if (!text) return false;
  try {
    workspace.applyUpdate(fromBase64(text), 'journal');
  } catch {
    // A damaged journal holds nothing we can use; the stored workspace is intact without it.
  }
  store.removeItem(key);
  return true;
}

/** Keep the last seconds of this person's edits, and write them out when the page goes away. */
export function startJournal(workspaceId: string, workspace: Workspace, store: Storage = localStorage): () => void {
  let recent: { at: number; update: Uint8Array }[] = [];
  const stopUpdates = workspace.observeUpdates((update, local) => {
    if (!local) return;
    const now = Date.now();
    recent = recent.filter((entry) => now - entry.at < KEEP_MS);
    recent.push({ at: now, update });
  });
  const flush = () => {
    const now = Date.now();
    const pending = recent.filter((entry) => now - entry.at < KEEP_MS).map((entry) => entry.update);
    if (pending.length === 0) return;
    try {
      store.setItem(journalKey(workspaceId), toBase64(mergeUpdates(pending)));
    } catch {
      // Storage full: nothing more can be done as the page closes.
    }
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    stopUpdates();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
