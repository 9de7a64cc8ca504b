import { createEffect, createSignal, For, onCleanup, onMount, untrack } from 'solid-js';
import { t } from '../../i18n';
import { LIMITS, type CoText } from '../../model';
import { announceEditing } from '../../state/peers';
import { bindText } from '../../state/text-binding';
import type { Participant } from '../../sync/presence';
import { cancelCaretMeasure, measureCarets, type CaretBox } from './caret-position';
import { useWorkspace } from '../shell/context';
import { autoGrow } from '../kit/autogrow';
import { textColorOn } from '../shell/person-colour';
import { reportProblem } from '../kit/write-problem';
import { useCanEdit } from '../kit/can-edit';

// One selection listener and one resize observer for every field: a topic may show hundreds,
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
const resizeWatchers = new Map<Element, () => void>();
let resizes: ResizeObserver | null = null;
function watchResize(el: HTMLTextAreaElement, fn: () => void): () => void {
  resizes ??= new ResizeObserver((entries) => {
    for (const entry of entries) resizeWatchers.get(entry.target)?.();
  });
  resizeWatchers.set(el, fn);
  resizes.observe(el);
  return () => {
    resizeWatchers.delete(el);
    resizes?.unobserve(el);
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
  const [carets, setCarets] = createSignal<({ person: Participant } & CaretBox)[]>([]);
  /** The partners whose caret is in this point, and where in its text. */
  const remoteCarets = () =>
    participants().flatMap((person) => {
      const editing = person.editing;
      if (person.self || !editing || editing.kind !== 'focusPoint' || editing.id !== props.pointId || !editing.head) return [];
      const index = props.text.indexOf(editing.head);
      return index === null ? [] : [{ person, index }];
    });
  // Measured once a frame at most, with every other field's carets (caret-position.ts).
  const asker = {};
  const relayout = () => {
    if (carets().length === 0 && remoteCarets().length === 0) return;
    let measured: { person: Participant; index: number }[] = [];
    measureCarets(
      asker,
      el,
      () => (measured = remoteCarets()).map((caret) => caret.index),
      (boxes) => setCarets(measured.map((caret, i) => ({ person: caret.person, ...boxes[i]! }))),
    );
  };
  // Follows each partner's caret (the participants' store is reconciled: read down to the heads).
  createEffect(() => {
    remoteCarets();
    untrack(relayout);
  });
  onCleanup(() => cancelCaretMeasure(asker));
  // A row showing a partner's caret is drawn whole (its name may stand above the row: styles.css).
  createEffect(() => {
    const shown = carets().length > 0;
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
      relayout();
    });
    const stopResize = watchResize(el, relayout);
    onCleanup(() => {
      stopSelection();
      stopText();
      stopResize();
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
      <For each={carets()}>{(caret) => <RemoteCaret person={caret.person} top={caret.top} left={caret.left} height={caret.height} />}</For>
    </div>
  );
}

function RemoteCaret(props: { person: Participant; top: number; left: number; height: number }) {
  return (
    <span
      class="remote-caret"
      data-testid="remote-caret"
      data-name={props.person.name}
      style={{ top: `${props.top}px`, left: `${props.left}px`, height: `${props.height}px`, 'background-color': props.person.color }}
    >
      <span class="remote-caret-name" style={{ 'background-color': props.person.color, color: textColorOn(props.person.color) }}>
        {props.person.organisation || props.person.name}
      </span>
    </span>
  );
}
