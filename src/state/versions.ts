import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { summarise, type PracticeChanges, type VersionChanges, type VersionSummary, type Workspace } from '../model';
import { changesSince, openVersion, practiceChangesSince, type VersionFailure } from '../model/versions-diff';

/** The workspace's versions, newest first, without their snapshots (a list has no use for them). */
export function createVersionList(workspace: Workspace, deleted: 'exclude' | 'only' = 'exclude'): VersionSummary[] {
  const select = () => workspace.versions.newestFirst(deleted).map(summarise);
  const [versions, setVersions] = createStore<VersionSummary[]>(select());
  onCleanup(workspace.versions.observe(() => setVersions(reconcile(select(), { key: 'id', merge: true }))));
  return versions;
}

/** One version opened read-only; follows its record (a rename, a delete) and nothing else. */
export function createOpenVersion(workspace: Workspace, versionId: string): Accessor<ReturnType<typeof openVersion>> {
  const [opened, setOpened] = createSignal(openVersion(workspace, versionId));
  onCleanup(
    workspace.versions.observe((ids) => {
      if (ids.has(versionId)) setOpened(openVersion(workspace, versionId));
    }),
  );
  return opened;
}

/**
 * What changed in the workspace since a version, kept up to date while partners and this person
 * edit. Changes within one task (a burst of remote updates) are compared once.
 */
export function createVersionChanges(workspace: Workspace, versionId: string): Accessor<{ ok: true; changes: VersionChanges } | VersionFailure> {
  const compare = () => {
    const result = changesSince(workspace, versionId);
    return result.ok ? { ok: true as const, changes: result.changes } : result;
  };
  const [changes, setChanges] = createSignal(compare());
  let pending = false;
  let live = true;
  const schedule = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (live) setChanges(compare());
    });
  };
  const stops = [workspace.topics.observe(schedule), workspace.focusPoints.observe(schedule), workspace.versions.observe((ids) => ids.has(versionId) && schedule())];
  onCleanup(() => {
    live = false;
    for (const stop of stops) stop();
  });
  return changes;
}

/**
 * What changed in the practice sheets since a version (null: the version was saved before sheets
 * were kept), kept up to date like createVersionChanges.
 */
export function createPracticeChanges(workspace: Workspace, versionId: string): Accessor<PracticeChanges[] | null> {
  const compare = () => {
    const result = practiceChangesSince(workspace, versionId);
    return result.ok ? result.practices : null;
  };
  const [changes, setChanges] = createSignal(compare());
  let pending = false;
  let live = true;
  const schedule = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (live) setChanges(compare());
    });
  };
  const stops = [workspace.practices.observe(schedule), workspace.versions.observe((ids) => ids.has(versionId) && schedule())];
  onCleanup(() => {
    live = false;
    for (const stop of stops) stop();
  });
  return changes;
}
