import { fromBase64, toBase64 } from '../lib/bytes';
import { mergeUpdates, type Workspace } from '../model';

/**
 * A safety net for the last edits before a tab or the browser closes (y-indexeddb #28): IndexedDB
 * commits a little after each edit, so an edit made just before the window closes may never
 * reach it. The edits of the last few seconds are written, merged, to localStorage (synchronous)
 * in the task that made them, and applied again on the next open (applying an update twice
 * changes nothing). Not at `pagehide`: a browser that quits ends its pages without running it,
 * and an IndexedDB write issued just before then is lost about once in twelve here, where a
 * localStorage write made in the same task was kept every time (docs/document.md).
 */
const KEY_PREFIX = 'tavola.journal.';
const KEEP_MS = 5_000;
/**
 * Larger changes (a backup merged in, a sample loaded) are IndexedDB's alone: encoding them again
 * at every keystroke of the next seconds would cost more than the net is worth, and they would
 * not fit in localStorage anyway.
 */
const MAX_JOURNALED_BYTES = 256 * 1024;

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

/** Keep the last seconds of this person's edits in `store`, written in the task that made them. */
export function startJournal(workspaceId: string, workspace: Workspace, store: Storage = localStorage): () => void {
  let recent: { at: number; update: Uint8Array }[] = [];
  let scheduled = false;
  const write = () => {
    scheduled = false;
    const now = Date.now();
    recent = recent.filter((entry) => now - entry.at < KEEP_MS);
    if (recent.length === 0) return;
    try {
      store.setItem(journalKey(workspaceId), toBase64(mergeUpdates(recent.map((entry) => entry.update))));
    } catch {
      // Storage full: IndexedDB is the only copy, as without the journal.
    }
  };
  const stopUpdates = workspace.observeUpdates((update, local) => {
    if (!local || update.byteLength > MAX_JOURNALED_BYTES) return;
    recent.push({ at: Date.now(), update });
    let bytes = 0;
    for (let i = recent.length - 1; i >= 0; i--) {
      bytes += recent[i]!.update.byteLength;
      if (bytes > MAX_JOURNALED_BYTES) {
        recent = recent.slice(i + 1);
        break;
      }
    }
    // Once per task, however many transactions it made; before the task ends.
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(write);
    }
  });
  return stopUpdates;
}
