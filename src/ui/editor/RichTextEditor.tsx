import { createEffect, createMemo, createSignal, For, on, onCleanup, Show, untrack } from 'solid-js';
import { baseKeymap, chainCommands, exitCode, setBlockType, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { MarkType, NodeType } from 'prosemirror-model';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorState, Plugin, type Command, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from 'y-prosemirror';
import { t, tn } from '../../i18n';
import { safeHref, type CoRichText } from '../../model';
import type { EditingTarget } from '../../sync/presence';
import { useWorkspace } from '../shell/context';
import { useCanEdit } from '../kit/can-edit';
import { cleanPastedHTML } from './paste';
import { keepStoredMarks } from './stored-marks';
import { richSchema } from './schema';
import { textColorOn, textColorOnWhite } from '../shell/person-colour';
import './editor.css';

const { nodes, marks } = richSchema;

/** The editor's state for its toolbar: which marks and block the selection has. */
interface Formatting {
  bold: boolean;
  italic: boolean;
  link: boolean;
  block: 'paragraph' | 'heading1' | 'heading2' | 'other';
  list: 'bullet_list' | 'ordered_list' | null;
}

const NONE: Formatting = { bold: false, italic: false, link: false, block: 'paragraph', list: null };

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

function formattingOf(state: EditorState): Formatting {
  const { $from } = state.selection;
  const parent = $from.parent;
  let list: Formatting['list'] = null;
  for (let depth = $from.depth; depth > 0; depth--) {
    const name = $from.node(depth).type.name;
    if (name === 'bullet_list' || name === 'ordered_list') {
      list = name;
      break;
    }
  }
  return {
    bold: markActive(state, marks.bold!),
    italic: markActive(state, marks.italic!),
    link: markActive(state, marks.link!),
    block: parent.type === nodes.paragraph ? 'paragraph' : parent.type === nodes.heading ? (parent.attrs.level === 1 ? 'heading1' : 'heading2') : 'other',
    list,
  };
}

/** A heading button: the block becomes that heading, or back to a paragraph when it is one already. */
function toggleHeading(level: 1 | 2): Command {
  return (state, dispatch) => {
    const parent = state.selection.$from.parent;
    if (parent.type === nodes.heading && parent.attrs.level === level) return setBlockType(nodes.paragraph!)(state, dispatch);
    return setBlockType(nodes.heading!, { level })(state, dispatch);
  };
}

/** A list button: wrap in that list; in it already, lift out; in the other kind, change kind. */
function toggleList(type: NodeType): Command {
  return (state, dispatch) => {
    const current = formattingOf(state).list;
    if (current === type.name) return liftListItem(nodes.list_item!)(state, dispatch);
    if (current) {
      const { $from } = state.selection;
      for (let depth = $from.depth; depth > 0; depth--) {
        const node = $from.node(depth);
        if (node.type === nodes.bullet_list || node.type === nodes.ordered_list) {
          if (dispatch) dispatch(state.tr.setNodeMarkup($from.before(depth), type));
          return true;
        }
      }
    }
    return wrapInList(type)(state, dispatch);
  };
}

const insertHardBreak: Command = chainCommands(exitCode, (state, dispatch) => {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(nodes.hard_break!.create()).scrollIntoView());
  return true;
});

/** Ask for a link's address (http, https or mailto only); with a link under the selection, remove it. */
function editLink(view: EditorView): void {
  const { state } = view;
  if (markActive(state, marks.link!)) {
    const { from, to } = state.selection;
    const range = state.selection.empty ? linkRange(state) : { from, to };
    if (range) view.dispatch(state.tr.removeMark(range.from, range.to, marks.link!));
    return;
  }
  if (state.selection.empty) return;
  const given = window.prompt(t('editor.linkPrompt'), 'https://');
  if (given === null) return;
  const trimmed = given.trim();
  const href = safeHref(trimmed) ?? safeHref(/^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(trimmed) ? `https://${trimmed}` : '');
  if (!href) return void window.alert(t('editor.linkRefused'));
  toggleMark(marks.link!, { href })(view.state, view.dispatch);
  view.focus();
}

function linkRange(state: EditorState): { from: number; to: number } | null {
  const { $from } = state.selection;
  const start = $from.start();
  let from = -1;
  let to = -1;
  $from.parent.forEach((child, offset) => {
    const at = start + offset;
    const inside = at <= $from.pos && $from.pos <= at + child.nodeSize;
    if (marks.link!.isInSet(child.marks) && inside) {
      from = at;
      to = at + child.nodeSize;
    }
  });
  return from >= 0 ? { from, to } : null;
}

/** The plain text length the model's limit counts: one line per block (src/model/rich-text.ts). */
function plainLength(state: EditorState | { doc: EditorState['doc'] }): number {
  return state.doc.textBetween(0, state.doc.content.size, '\n', '\n').length;
}

/**
 * A partner's presence as y-prosemirror hands it over (unvalidated: a peer may send anything),
 * read as sync/presence.ts's profile allows. Checked here rather than with its zod schema, which
 * would split presence out of the initial bundle into a chunk of its own.
 */
function personOf(user: unknown): { name: string; organisation: string; color: string } {
  const raw = (typeof user === 'object' && user !== null ? user : {}) as Record<string, unknown>;
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
  return {
    name: text(raw.name, 80) || t('editor.someone'),
    organisation: text(raw.organisation, 120),
    color: typeof raw.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(raw.color) ? raw.color : '#777777',
  };
}

/** A remote caret: a line in the person's colour with their organisation (or name) above it. */
function caretOf(user: unknown): HTMLElement {
  const person = personOf(user);
  const caret = document.createElement('span');
  caret.className = 'rich-caret';
  caret.dataset.testid = 'remote-caret';
  caret.dataset.name = person.name;
  // Set through CSSOM (the page's CSP refuses style attributes); the colour is checked (#rrggbb).
  caret.style.borderColor = person.color;
  const label = document.createElement('span');
  label.className = 'rich-caret-name';
  label.style.backgroundColor = person.color;
  label.style.color = textColorOn(person.color);
  label.textContent = person.organisation || person.name;
  caret.append('\u2060', label, '\u2060');
  return caret;
}

function selectionOf(user: unknown): { class: string; style: string } {
  return { class: 'rich-selection', style: `background-color: ${personOf(user).color}33` };
}

export interface RichTextEditorProps {
  text: CoRichText;
  label: string;
  placeholder?: string;
  testId: string;
  /** What this editor is, for partners (`kind`, `id`, `field`): "Rotterdam is typing" and their carets. */
  target: EditingTarget;
  class?: string;
}

/**
 * A co-edited rich text: ProseMirror bound to the field's Y.XmlFragment by y-prosemirror, with
 * partners' carets and selections in their colour (its cursor plugin, on Tavola's presence) and
 * undo in the app's one history (UndoHistory, so Ctrl+Z takes back only this person's edits).
 * View only: not editable (no toolbar, no caret of this person's for partners), the writers' text
 * and carets shown as they come.
 */
export default function RichTextEditor(props: RichTextEditorProps) {
  const { peers, participants, history, announce } = useWorkspace();
  const canEdit = useCanEdit();
  const [formatting, setFormatting] = createSignal<Formatting>(NONE);
  const [focused, setFocused] = createSignal(false);
  let mount!: HTMLDivElement;
  let view: EditorView | null = null;

  // Typing in any editor is one action in the history, one step while it goes on.
  history.trackOrigin(ySyncPluginKey, 'rich-text.edit');

  const run = (command: Command) => () => {
    if (!view) return;
    command(view.state, view.dispatch);
    view.focus();
  };

  // The connection the editor is built with. A new one (the network settings changed, a link with
  // a new key) rebuilds the editor for its partners' carets, but never under the person's fingers:
  // while the editor has focus the change waits for the blur, so no keystroke lands in a view
  // being replaced and the selection and pending formatting stay as they are.
  let builtWith = untrack(peers);
  const connection = createMemo(() => {
    const now = peers();
    if (!focused()) builtWith = now;
    return builtWith;
  });

  // Built again only for another connection or another text; what the build reads is untracked.
  createEffect(on([connection, () => props.text], ([connection_, text]) => {
    const fragment = text.bindFragment();
    const maxLength = text.maxLength;
    const plugins: Plugin[] = [
      ySyncPlugin(fragment),
      ...(connection_ ? [yCursorPlugin(connection_.awareness, { cursorBuilder: caretOf, selectionBuilder: selectionOf })] : []),
      yUndoPlugin({ undoManager: history.managerForEditor() }),
      keymap({
        'Mod-z': undo,
        'Mod-y': redo,
        'Mod-Shift-z': redo,
        'Mod-b': toggleMark(marks.bold!),
        'Mod-i': toggleMark(marks.italic!),
        'Mod-Alt-0': setBlockType(nodes.paragraph!),
        'Mod-Alt-1': toggleHeading(1),
        'Mod-Alt-2': toggleHeading(2),
        'Mod-Shift-8': toggleList(nodes.bullet_list!),
        'Mod-Shift-7': toggleList(nodes.ordered_list!),
        Enter: splitListItem(nodes.list_item!),
        'Shift-Enter': insertHardBreak,
        'Mod-Enter': insertHardBreak,
        Tab: sinkListItem(nodes.list_item!),
        'Shift-Tab': liftListItem(nodes.list_item!),
      }),
      keymap(baseKeymap),
      new Plugin({
        // The model's limit on the plain text (LIMITS): an edit past it is refused; a partner's is not.
        filterTransaction: (tr, state) => !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined || plainLength(tr) <= maxLength || plainLength(tr) <= plainLength(state),
      }),
    ];
    const state = EditorState.create({ schema: richSchema, plugins });
    const editor = new EditorView(mount, {
      state,
      editable: () => canEdit(),
      attributes: (s) => ({
        class: `rich-editor-content${s.doc.childCount === 1 && s.doc.firstChild!.isTextblock && s.doc.firstChild!.content.size === 0 ? ' is-empty' : ''}`,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': props.label,
        'data-testid': props.testId,
        // View only: an empty text reads as a dash, not as an invitation to write.
        'data-placeholder': canEdit() ? (props.placeholder ?? '') : '—',
      }),
      transformPastedHTML: cleanPastedHTML,
      // `this`, not `editor`: y-prosemirror dispatches while the view is being constructed.
      dispatchTransaction(this: EditorView, tr: Transaction) {
        // y-prosemirror may still dispatch (an awareness or document change it was told of) after
        // the screen went and the view with it; ProseMirror would throw on a destroyed view.
        if (this.isDestroyed) return;
        const next = this.state.apply(keepStoredMarks(this.state, tr));
        this.updateState(next);
        setFormatting(formattingOf(next));
      },
      handleDOMEvents: {
        focus: () => {
          setFocused(true);
          if (canEdit()) announce(props.target);
          return false;
        },
        blur: () => {
          setFocused(false);
          announce(null);
          return false;
        },
      },
    });
    view = editor;
    setFormatting(formattingOf(editor.state));
    onCleanup(() => {
      if (editor.hasFocus()) announce(null);
      editor.destroy();
      if (view === editor) view = null;
    });
  }));

  // The view link replaced by the edit link (or the other way): the same view, editable or not.
  createEffect(on(canEdit, () => view?.setProps({}), { defer: true }));

  const typing = () =>
    participants().filter((p) => !p.self && p.editing && p.editing.kind === props.target.kind && p.editing.id === props.target.id && p.editing.field === props.target.field);

  /** "{{ names }} is typing" around a marker, split: the text before the names and after them. */
  const typingSentence = (): [string, string] => {
    const [before = '', after = ''] = tn('editor.typing', typing().length, { names: '\u0000' }).split('\u0000');
    return [before, after];
  };

  // The accessible name holds what the button shows ("H1", "1. List"), so a person who says what
  // they see (voice control) reaches it (WCAG 2.5.3, axe's label-content-name-mismatch).
  const button = (name: string, label: string, pressed: () => boolean, command: () => void, text: string, shortcut?: string) => (
    <button
      type="button"
      class={`rich-tool rich-tool-${name}`}
      aria-label={label.toLowerCase().includes(text.toLowerCase().replace(/^[•\s]+/, '')) ? label : t('editor.nameAndLabel', { text, label })}
      aria-pressed={pressed() ? 'true' : 'false'}
      title={shortcut ? t('editor.shortcut', { label, keys: shortcut }) : label}
      data-testid={`${props.testId}-${name}`}
      // Keeps the selection in the editor: the button acts on it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={command}
    >
      {text}
    </button>
  );

  const typingNote = () => (
    <Show when={typing().length > 0}>
      <span class="rich-typing" data-testid={`${props.testId}-typing`} aria-live="polite">
        {/* The sentence around the names, as the language puts it ("{{ names }} is typing"). */}
        {typingSentence()[0]}
        <For each={typing()}>
          {(person, i) => (
            <>
              {i() > 0 ? ', ' : ''}
              <span class="rich-typing-name" style={{ color: textColorOnWhite(person.color) }}>
                {person.organisation || person.name}
              </span>
            </>
          )}
        </For>
        {typingSentence()[1]}
      </span>
    </Show>
  );

  return (
    <div class={`rich-editor ${props.class ?? ''}`} classList={{ focused: focused(), 'view-only': !canEdit() }} data-testid={`${props.testId}-editor`}>
      <Show when={canEdit()}>
      <div class="rich-toolbar" role="toolbar" aria-label={t('editor.formatting', { field: props.label })}>
        {button('bold', t('editor.bold'), () => formatting().bold, run(toggleMark(marks.bold!)), t('editor.show.bold'), 'Ctrl+B')}
        {button('italic', t('editor.italic'), () => formatting().italic, run(toggleMark(marks.italic!)), t('editor.show.italic'), 'Ctrl+I')}
        <span class="rich-tool-gap" aria-hidden="true" />
        {button('heading1', t('editor.heading'), () => formatting().block === 'heading1', run(toggleHeading(1)), t('editor.show.heading'), 'Ctrl+Alt+1')}
        {button('heading2', t('editor.subheading'), () => formatting().block === 'heading2', run(toggleHeading(2)), t('editor.show.subheading'), 'Ctrl+Alt+2')}
        <span class="rich-tool-gap" aria-hidden="true" />
        {button('bullet-list', t('editor.bulletList'), () => formatting().list === 'bullet_list', run(toggleList(nodes.bullet_list!)), t('editor.show.bulletList'), 'Ctrl+Shift+8')}
        {button('ordered-list', t('editor.numberedList'), () => formatting().list === 'ordered_list', run(toggleList(nodes.ordered_list!)), t('editor.show.numberedList'), 'Ctrl+Shift+7')}
        <span class="rich-tool-gap" aria-hidden="true" />
        {button('link', t('editor.link'), () => formatting().link, () => view && editLink(view), t('editor.show.link'))}
        {typingNote()}
      </div>
      </Show>
      <Show when={!canEdit() && typing().length > 0}>
        <div class="rich-toolbar rich-toolbar-view-only">{typingNote()}</div>
      </Show>
      <div class="rich-editor-mount" ref={mount} />
    </div>
  );
}
