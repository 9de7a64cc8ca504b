import * as Y from 'yjs';
import type { Workspace } from './workspace';

/**
 * The whole workspace, for a partner who holds nothing of it (a new peer's sync step 1 with an
 * empty state vector), without encoding it again: the first update the copy opened with, then one
 * update with the others and everything since (Yjs's encoding of the document from the state
 * vector it had then: the changes after it, and every deletion). Applied in that order to an empty
 * document, they make this one. Stored updates are in the order they were made, so the first
 * builds on nothing; it is used only when it holds at least half of what was opened (a merged
 * state, as y-indexeddb stores one when it merges the stored updates, or a workspace received
 * whole): otherwise, or when the copy did not open from stored updates (it was made or received
 * in this session: Workspace.openedWith is null), null, and the partner is sent the encoded state.
 * Encoding 6.5 MB took 110–200 ms of the main thread while a partner waited (docs/performance.md).
 * In a module of its own, so that the first screen's code does not carry it (src/sync/peers.ts).
 */
export function stateForNewPeer(workspace: Workspace): Uint8Array[] | null {
  const opened = workspace.openedWith;
  if (!opened) return null;
  const [first, ...rest] = opened.updates;
  const total = opened.updates.reduce((sum, update) => sum + update.byteLength, 0);
  if (!first || first.byteLength * 2 < total) return null;
  const since = Y.encodeStateAsUpdate(workspace.doc, opened.stateVector);
  return [first, rest.length === 0 ? since : Y.mergeUpdates([...rest, since])];
}
