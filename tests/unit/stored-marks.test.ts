// @vitest-environment happy-dom
import { toggleMark } from 'prosemirror-commands';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { ySyncPlugin } from 'y-prosemirror';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { keepStoredMarks } from '../../src/ui/editor/stored-marks';
import { richSchema } from '../../src/ui/editor/schema';

/** An editor on its own document, bound as the app binds it, and a partner's copy of that document. */
function editorWithPartner(keep: boolean) {
  const mine = new Y.Doc();
  const partner = new Y.Doc();
  mine.on('update', (update: Uint8Array, origin: unknown) => origin !== 'partner' && Y.applyUpdate(partner, update, 'mine'));
  partner.on('update', (update: Uint8Array, origin: unknown) => origin !== 'mine' && Y.applyUpdate(mine, update, 'partner'));
  const mount = document.createElement('div');
  document.body.append(mount);
  const view: EditorView = new EditorView(mount, {
    state: EditorState.create({ schema: richSchema, plugins: [ySyncPlugin(mine.getXmlFragment('f'))] }),
    dispatchTransaction(this: EditorView, tr: Transaction) {
      this.updateState(this.state.apply(keep ? keepStoredMarks(this.state, tr) : tr));
    },
  });
  return { view, partner: partner.getXmlFragment('f') };
}

function typeText(view: EditorView, text: string): void {
  const { from, to } = view.state.selection;
  view.dispatch(view.state.tr.insertText(text, from, to));
}

describe('stored marks across a partner’s edit', () => {
  for (const keep of [true, false]) {
    it(keep ? 'Ctrl+B, a partner types elsewhere, then typing: the word is bold' : 'without keepStoredMarks the bold is lost (what the test guards against)', () => {
      const { view, partner } = editorWithPartner(keep);
      typeText(view, 'Heading');
      view.dispatch(view.state.tr.split(view.state.selection.from));
      typeText(view, 'Checks by ');
      toggleMark(richSchema.marks.bold!)(view.state, view.dispatch);
      expect(view.state.storedMarks?.map((m) => m.type.name)).toEqual(['bold']);

      // The partner adds to the first paragraph; y-prosemirror replaces the editor's document.
      const first = partner.get(0) as Y.XmlElement;
      (first.get(0) as Y.XmlText).insert('Heading'.length, ' and partners');
      expect(view.state.doc.firstChild!.textContent).toBe('Heading and partners');
      expect(view.state.selection).toBeInstanceOf(TextSelection);

      typeText(view, 'customs');
      const last = view.state.doc.lastChild!;
      const bold = [] as string[];
      last.forEach((node) => node.marks.some((m) => m.type.name === 'bold') && bold.push(node.text ?? ''));
      expect(last.textContent).toBe('Checks by customs');
      if (keep) expect(bold).toEqual(['customs']);
      else expect(bold).toEqual([]);
      view.destroy();
    });
  }
});
