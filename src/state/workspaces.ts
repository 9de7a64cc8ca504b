import { newId } from '../model';
import { newSecret } from '../sync/link';
import { deleteKeeperCopies } from '../sync/keeper/local';
import { deleteStoredWorkspace } from '../sync/persistence';
import { registry } from './registry';
import { acquireWorkspace, closeWorkspaceNow } from './session';

/** Create a workspace in this browser and list it on the home screen. Returns its id. */
export async function addWorkspace(name: string): Promise<string> {
  const id = newId();
  const handle = acquireWorkspace(id);
  try {
    const { workspace } = await handle.ready;
    workspace.initialise({ name });
    registry.add({ id, name: workspace.meta().name, secret: newSecret(), kind: 'edit' });
  } finally {
    handle.release();
  }
  return id;
}

/** A new workspace holding the sample working group, built through the model's own API. */
export async function addSampleWorkspace(): Promise<string> {
  const id = newId();
  const handle = acquireWorkspace(id);
  try {
    // The sample's data and builder load when asked for: the first screen does not carry them.
    const [{ workspace }, { buildWorkingGroup }] = await Promise.all([handle.ready, import('../model/sample')]);
    buildWorkingGroup(workspace);
    registry.add({ id, name: workspace.meta().name, secret: newSecret(), kind: 'edit' });
  } finally {
    handle.release();
  }
  return id;
}

export async function renameWorkspace(id: string, name: string): Promise<void> {
  const handle = acquireWorkspace(id);
  try {
    const { workspace } = await handle.ready;
    workspace.rename(name);
    registry.update(id, { name: workspace.meta().name });
  } finally {
    handle.release();
  }
}

/** Remove the workspace and its stored data from this browser. Partners' copies are untouched. */
export async function deleteWorkspace(id: string): Promise<void> {
  await closeWorkspaceNow(id);
  await deleteStoredWorkspace(id);
  await deleteKeeperCopies(id);
  registry.remove(id);
}
