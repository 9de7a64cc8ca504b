import type { EditorState, Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';

/**
 * A partner's edit reaches the editor as one transaction that replaces the whole document
 * (y-prosemirror's `_typeChanged`), and ProseMirror drops the stored marks on any step. So a
 * Ctrl+B pressed before typing was lost whenever a partner typed in between, and the next Ctrl+B
 * turned bold on where it should have ended. Stored marks are the person's own intent: they are
 * kept across a partner's change (not across an undo, which moves this person's own text).
 */
export function keepStoredMarks(state: EditorState, tr: Transaction): Transaction {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
  if (state.storedMarks && tr.docChanged && meta?.isChangeOrigin && !meta.isUndoRedoOperation && !tr.storedMarksSet) tr.setStoredMarks(state.storedMarks);
  return tr;
}
