import { createRoot, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { SystemAction, type Workspace } from '../model';
import { createViewOnly } from './registry';
import { isViewOnly } from './session';

/**
 * Whether this browser may change a workspace (issue 14): it may unless it holds only the
 * workspace's view link. This file is the one place that decides it for the screens (`canEditOf`)
 * and that refuses a write the screens should never have offered (`guardViewOnly`).
 *
 * A viewer's own write would never reach the group (its partners refuse a viewer's changes,
 * packages/webrtc), so its copy would differ from everyone else's for good: nothing here writes.
 */

/** Thrown by a person's change asked of a workspace this browser may only read. */
export class ViewOnlyWorkspace extends Error {
  constructor(readonly action: string) {
    super(`This browser holds the view link of this workspace: it can read it, not change it (${action}).`);
    this.name = 'ViewOnlyWorkspace';
  }
}

/** Whether this browser may change workspace `id`, read now (the registry's entry: an edit or an old join link). */
export function canEditNow(id: string): boolean {
  return !isViewOnly(id);
}

const accessors = new Map<string, Accessor<boolean>>();

/**
 * Whether this browser may change workspace `id`, following the list of workspaces (the view link
 * replaced by the edit link, here or in another tab): one accessor per workspace, for every screen.
 */
export function canEditOf(id: string): Accessor<boolean> {
  let accessor = accessors.get(id);
  if (!accessor) {
    // Kept for the page's life: one small subscription per workspace opened in this tab.
    accessor = createRoot(() => {
      const viewOnly = createViewOnly(id);
      return () => !viewOnly();
    });
    accessors.set(id, accessor);
  }
  return accessor;
}

const guarded = new WeakMap<Workspace, string>();

/**
 * Belt and braces under the screens, which offer no change to a viewer: on a view-only copy,
 * a person's change through the model throws ViewOnlyWorkspace (attempt() and the text fields say
 * so and take it back), the copy's own repairs and migrations are skipped (the writers' copies
 * make them, and this one receives theirs), and any other write that still happens under this
 * copy's client id is reported as an error on the console (a test catches it). Safe to call again.
 */
export function guardViewOnly(workspace: Workspace, id: string): void {
  if (guarded.has(workspace)) return;
  guarded.set(workspace, id);
  const transact = workspace.transact.bind(workspace);
  workspace.transact = (action, fn) => {
    if (canEditNow(id)) return transact(action, fn);
    if (workspace.originOf(action) instanceof SystemAction) {
      console.warn(`Tavola: ${action} skipped in a view-only copy of the workspace.`);
      return;
    }
    throw new ViewOnlyWorkspace(action);
  };
  // Migrations write under deterministic client ids (src/model/rich-text.ts), not through transact.
  const migrate = workspace.migrate.bind(workspace);
  workspace.migrate = (options) => (canEditNow(id) ? migrate(options) : []);
  const migrateNotes = workspace.meetings.migrateNotes.bind(workspace.meetings);
  workspace.meetings.migrateNotes = (ids) => (canEditNow(id) ? migrateNotes(ids) : 0);
  const migrateSections = workspace.practices.migrateSections.bind(workspace.practices);
  workspace.practices.migrateSections = (ids) => (canEditNow(id) ? migrateSections(ids) : 0);
  workspace.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (canEditNow(id) || !transaction.local) return;
    const own = workspace.doc.clientID;
    if ((transaction.afterState.get(own) ?? 0) === (transaction.beforeState.get(own) ?? 0)) return;
    const origin = transaction.origin as { name?: unknown; key?: unknown } | null;
    console.error(`Tavola: a view-only copy of the workspace wrote into its document (${String(origin?.name ?? origin?.key ?? origin)}).`);
  });
}

/** Throws ViewOnlyWorkspace when `workspace` is open here as view-only (for writes that bypass the model's transact: backups). */
export function assertCanEdit(workspace: Workspace, action: string): void {
  const id = guarded.get(workspace);
  if (id !== undefined && !canEditNow(id)) throw new ViewOnlyWorkspace(action);
}
