import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import { UndoHistory, Workspace } from '../../src/model';

/** The editor's writes as y-prosemirror makes them: straight into the fragment, its key as origin. */
function editorTypes(ws: Workspace, practiceId: string, text: string): void {
  const fragment = ws.practices.section(practiceId, 'context')!.bindFragment();
  ws.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [paragraph]);
  }, ySyncPluginKey);
}

describe('rich text in the one history', () => {
  it('undoes the editor’s edits (ySyncPluginKey origin) with everything else, in order, one step per action', () => {
    const ws = new Workspace();
    const history = new UndoHistory(ws, { captureTimeout: 0 });
    history.trackOrigin(ySyncPluginKey, 'rich-text.edit');
    const id = ws.practices.add({ title: 'Pact' });
    history.stopCapturing();
    editorTypes(ws, id, 'Typed in the editor');
    ws.practices.update(id, { status: 'final' });
    expect(history.undo()).toBe(true);
    expect(ws.practices.get(id)).toMatchObject({ status: 'draft', context: 'Typed in the editor' });
    expect(history.undo()).toBe(true);
    expect(ws.practices.get(id)!.context).toBe('');
    expect(history.redo()).toBe(true);
    expect(ws.practices.get(id)!.context).toBe('Typed in the editor');
  });

  it('never undoes a partner’s rich-text edit', () => {
    const ws = new Workspace();
    const partner = new Workspace();
    const history = new UndoHistory(ws, { captureTimeout: 0 });
    history.trackOrigin(ySyncPluginKey, 'rich-text.edit');
    const id = ws.practices.add({ title: 'Pact' });
    partner.applyUpdate(ws.encodeState());
    editorTypes(ws, id, 'Mine');
    editorTypes(partner, id, 'Theirs');
    ws.applyUpdate(partner.encodeStateSince(ws.stateVector()));
    // Two paragraphs inserted at once at one place: their order follows the client ids.
    expect(ws.practices.get(id)!.context.split('\n').sort()).toEqual(['Mine', 'Theirs']);
    history.undo();
    expect(ws.practices.get(id)!.context).toBe('Theirs');
  });

  it('an editor letting go of the shared manager detaches its listeners and leaves the history working', () => {
    const ws = new Workspace();
    const history = new UndoHistory(ws, { captureTimeout: 0 });
    const manager = history.managerForEditor();
    let added = 0;
    manager.on('stack-item-added', () => added++);
    const id = ws.practices.add({ title: 'Pact' });
    expect(added).toBe(1);
    // y-prosemirror's undo plugin calls destroy() when its editor goes.
    manager.destroy();
    ws.practices.update(id, { status: 'final' });
    expect(added).toBe(1);
    expect(history.canUndo()).toBe(true);
    expect(history.undo()).toBe(true);
    expect(ws.practices.get(id)!.status).toBe('draft');
    // The shared manager's undo is the history's.
    expect(manager.undo()).not.toBeNull();
    expect(ws.practices.get(id)).toBeUndefined();
  });
});
