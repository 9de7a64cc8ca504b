// Issue 14: the state layer's guard under the screens (src/state/access.ts). A workspace this
// browser holds only the view link of refuses a person's change, skips its own repairs and
// migrations, and is never written under its own client id; once the edit link is here, it writes.
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';

const stored = new Map<string, string>();
vi.stubGlobal('localStorage', { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) });

const { registry } = await import('../../src/state/registry');
const { assertCanEdit, canEditOf, guardViewOnly, ViewOnlyWorkspace } = await import('../../src/state/access');
const { Workspace } = await import('../../src/model');
const { buildWorkingGroup } = await import('../../src/model/sample');

const VIEW = { secret: 'v'.repeat(43), verifyKey: 'k'.repeat(43) };

/** A writer's copy of the sample, and a viewer's copy that received it. */
function viewerOfSample(id: string) {
  const writer = new Workspace();
  buildWorkingGroup(writer);
  const viewer = new Workspace(new Y.Doc(), { refuseWritesUntilReceived: true });
  viewer.applyUpdate(writer.encodeState());
  registry.add({ id, name: 'Sample', kind: 'view', ...VIEW });
  guardViewOnly(viewer, id);
  return { writer, viewer };
}

const ownChanges = (workspace: InstanceType<typeof Workspace>) => workspace.stateVector().get(workspace.clientId) ?? 0;

describe('a view-only copy', () => {
  it('refuses every change a person asks for, through the model and its texts', () => {
    const { viewer } = viewerOfSample('viewonly-one');
    const topic = viewer.topics.list()[0]!;
    const pointId = viewer.focusPoints.ofTopic(topic.id)[0]!.id;
    expect(() => viewer.topics.add('New topic')).toThrow(ViewOnlyWorkspace);
    expect(() => viewer.focusPoints.setStatus(pointId, 'done')).toThrow(ViewOnlyWorkspace);
    expect(() => viewer.focusPoints.remove(pointId)).toThrow(ViewOnlyWorkspace);
    expect(() => viewer.rename('Renamed')).toThrow(ViewOnlyWorkspace);
    const text = viewer.focusPoints.textOf(pointId)!;
    expect(() => text.insert(0, 'x')).toThrow(ViewOnlyWorkspace);
    const notes = viewer.meetings.notes(viewer.meetings.list()[0]!.id)!;
    expect(() => notes.insert(0, 'x')).toThrow(ViewOnlyWorkspace);
    expect(() => assertCanEdit(viewer, 'backup.merge')).toThrow(ViewOnlyWorkspace);
    expect(ownChanges(viewer)).toBe(0);
  });

  it('skips its own migrations and repairs, and still follows the writers', () => {
    const { writer, viewer } = viewerOfSample('viewonly-two');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(viewer.migrate()).toEqual([]);
    expect(viewer.meetings.migrateNotes()).toBe(0);
    expect(viewer.practices.migrateSections()).toBe(0);
    viewer.transact('repair', () => {
      throw new Error('a skipped repair never runs');
    });
    warn.mockRestore();
    const before = writer.stateVector();
    writer.topics.add('Added by a writer');
    viewer.applyUpdate(writer.encodeStateSince(before));
    expect(viewer.topics.list().map((t) => t.title)).toContain('Added by a writer');
    expect(ownChanges(viewer)).toBe(0);
  });

  it('writes again once this browser holds the edit link, and says so reactively', () => {
    const { viewer } = viewerOfSample('viewonly-three');
    const canEdit = canEditOf('viewonly-three');
    expect(canEdit()).toBe(false);
    registry.update('viewonly-three', { kind: 'edit', secret: 'e'.repeat(24), verifyKey: undefined });
    expect(canEdit()).toBe(true);
    viewer.topics.add('Now an editor');
    expect(ownChanges(viewer)).toBeGreaterThan(0);
  });

  it('reports a write that bypasses the model under its own client id', () => {
    const { viewer } = viewerOfSample('viewonly-four');
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    viewer.doc.transact(() => viewer.doc.getMap('topics').set('stray', 1), 'somebody');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('view-only copy of the workspace wrote'));
    error.mockRestore();
  });
});
