import { createEffect, createMemo, createSignal, Index, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../../i18n';
import { LIMITS, type CoText } from '../../model';
import { announceEditing } from '../../state/peers';
import { bindText } from '../../state/text-binding';
import type { Participant } from '../../sync/presence';
import { caretSegments, styleLayerLike } from './caret-overlay';
import { useWorkspace } from '../shell/context';
import { autoGrow } from '../kit/autogrow';
import { textColorOn } from '../shell/person-colour';
import { reportProblem } from '../kit/write-problem';
import { useCanEdit } from '../kit/can-edit';

// One selection listener for every field: a topic may show hundreds,
// and a listener each made every selection change (each field's value set at a cold open is
// one) call every field's listener.
const selectionWatchers = new Map<Element, () => void>();
const onSelectionChange = () => {
  const focused = document.activeElement;
  if (focused) selectionWatchers.get(focused)?.();
};
function watchSelection(el: HTMLTextAreaElement, fn: () => void): () => void {
  if (selectionWatchers.size === 0) document.addEventListener('selectionchange', onSelectionChange);
  selectionWatchers.set(el, fn);
  return () => {
    selectionWatchers.delete(el);
    if (selectionWatchers.size === 0) document.removeEventListener('selectionchange', onSelectionChange);
  };
}

/**
 * A focus point's text: bound to its co-edited text, telling partners where this person's caret
 * is, and showing theirs, each in the person's colour with their name. View only: read-only (the
 * text stays selectable and follows the writers), and this person's caret is not announced.
 */
export function FocusPointText(props: {
  pointId: string;
  text: CoText;
  label: string;
  onKeyDown?: (event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) => void;
  ref?: (el: HTMLTextAreaElement) => void;
}) {
  const { peers, participants } = useWorkspace();
  const canEdit = useCanEdit();
  let el!: HTMLTextAreaElement;
  /** Bumped at each change of the text, so carets follow edits made before them. */
  const [changes, setChanges] = createSignal(0);
  /** The partners whose caret is in this point, and where in its text. */
  const remoteCarets = () =>
    participants().flatMap((person) => {
      const editing = person.editing;
      if (person.self || !editing || editing.kind !== 'focusPoint' || editing.id !== props.pointId || !editing.head) return [];
      const index = props.text.indexOf(editing.head);
      return index === null ? [] : [{ person, index }];
    });
  // Drawn by the browser's layout over the field, never measured (caret-overlay.ts).
  const segments = createMemo(() => {
    changes();
    const carets = remoteCarets();
    // Before the field is made (a partner already in this point), its text is the co-text's.
    return carets.length === 0 ? null : caretSegments(el ? el.value : props.text.value, carets);
  });
  // A row showing a partner's caret is drawn whole (its name may stand above the row: styles.css).
  createEffect(() => {
    const shown = segments() !== null;
    el.closest('.point')?.toggleAttribute('data-has-caret', shown);
  });

  const announce = () => {
    if (document.activeElement !== el || !canEdit()) return;
    const backward = el.selectionDirection === 'backward';
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? start;
    announceEditing(peers, {
      kind: 'focusPoint',
      id: props.pointId,
      field: 'text',
      anchor: props.text.anchorAt(backward ? end : start),
      head: props.text.anchorAt(backward ? start : end),
    });
  };

  onMount(() => {
    bindText(el, props.text, () => autoGrow(el), reportProblem);
    autoGrow(el);
    const stopSelection = watchSelection(el, announce);
    const stopText = props.text.observe(() => {
      autoGrow(el);
      setChanges((n) => n + 1);
    });
    onCleanup(() => {
      stopSelection();
      stopText();
    });
    props.ref?.(el);
  });

  return (
    <div class="cotext-wrap">
      <textarea
        ref={el}
        class="cotext point-text"
        aria-label={props.label}
        placeholder={canEdit() ? t('topics.points.describe') : undefined}
        data-testid="focus-point-text"
        maxLength={LIMITS.focusPointText}
        rows={1}
        readOnly={!canEdit()}
        onKeyDown={(event) => props.onKeyDown?.(event)}
        onFocus={announce}
        onPaste={(event) => {
          // Plain text only, and no line breaks: a focus point is one paragraph.
          const pasted = event.clipboardData?.getData('text/plain');
          if (pasted === undefined || !canEdit()) return;
          event.preventDefault();
          document.execCommand('insertText', false, pasted.replace(/\s*\n\s*/g, ' '));
        }}
      />
      <Show when={segments()}>
        {(cut) => (
          <div class="caret-layer" aria-hidden="true" ref={(layer) => styleLayerLike(layer, el)}>
            <Index each={cut().parts}>
              {(part) => (
                <>
                  {part().before}
                  {/* Word joiners: no line may break at a caret where the field's text does not. */}
                  {'\u2060'}
                  <RemoteCaret person={part().caret.person} />
                  {'\u2060'}
                </>
              )}
            </Index>
            {cut().rest}
          </div>
        )}
      </Show>
    </div>
  );
}

function RemoteCaret(props: { person: Participant }) {
  return (
    <span class="remote-caret" data-testid="remote-caret" data-name={props.person.name} style={{ 'background-color': props.person.color }}>
      <span class="remote-caret-name" style={{ 'background-color': props.person.color, color: textColorOn(props.person.color) }}>
        {props.person.organisation || props.person.name}
      </span>
    </span>
  );
}
