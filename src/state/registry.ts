import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { WorkspaceRegistry, type WorkspaceEntry } from '../sync/registry';

export const registry = new WorkspaceRegistry();

/** The home screen's list, newest opened first. */
export function createWorkspaceList(): Accessor<WorkspaceEntry[]> {
  const read = () => registry.list().sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1));
  const [list, setList] = createSignal(read());
  onCleanup(registry.subscribe(() => setList(read())));
  return list;
}

/**
 * One workspace's entry in this browser's list, re-read whenever the list changes (in this tab or
 * another). `id` may be an accessor, for screens whose workspace changes with the route.
 */
export function createWorkspaceEntry(id: string | Accessor<string>): Accessor<WorkspaceEntry | undefined> {
  const idOf = typeof id === 'function' ? id : () => id;
  const [version, setVersion] = createSignal(0);
  onCleanup(registry.subscribe(() => setVersion((v) => v + 1)));
  return () => {
    version();
    return registry.get(idOf());
  };
}

/**
 * Whether this browser holds only the workspace's view link (the reactive form of
 * `isViewOnly` in session.ts): true after a view link, false again once its edit link is opened.
 */
export function createViewOnly(id: string | Accessor<string>): Accessor<boolean> {
  const entry = createWorkspaceEntry(id);
  return () => entry()?.kind === 'view';
}
