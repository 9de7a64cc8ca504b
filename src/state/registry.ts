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
