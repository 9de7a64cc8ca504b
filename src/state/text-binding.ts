import { onCleanup } from 'solid-js';
import { transformPosition, type CoText, type TextChange } from '../model';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/**
 * Bind a text field to a co-edited text: typing becomes the smallest splice, a partner's edit
 * updates the field without moving the caret (it is shifted by what was inserted or removed
 * before it), and nothing is written halfway through an IME composition (accents, CJK input).
 * A change the model refuses (e.g. before the workspace has arrived) is taken back from the field
 * and handed to `onRefused`, so it never escapes from the input event; without `onRefused` it is
 * thrown as before.
 */
export function bindText(el: TextField, text: CoText, onLocalChange?: () => void, onRefused?: (error: unknown) => void): void {
  let shown = text.value;
  let composing = false;
  let deferred: TextChange[][] = [];
  el.value = shown;

  const writeLocal = () => {
    try {
      write();
    } catch (error) {
      if (!onRefused) throw error;
      deferred = [];
      showRemote(null);
      onRefused(error);
    }
  };

  const write = () => {
    const next = el.value;
    if (next === shown) return;
    if (deferred.length === 0) {
      text.set(next);
    } else {
      // Partners edited during the composition: replay our splice at the place their edits moved it to.
      let start = 0;
      while (start < shown.length && start < next.length && shown[start] === next[start]) start++;
      let endShown = shown.length;
      let endNext = next.length;
      while (endShown > start && endNext > start && shown[endShown - 1] === next[endNext - 1]) {
        endShown--;
        endNext--;
      }
      let from = start;
      let to = endShown;
      for (const changes of deferred) {
        from = transformPosition(from, changes);
        to = Math.max(from, transformPosition(to, changes));
      }
      if (to > from) text.delete(from, to - from);
      const inserted = next.slice(start, endNext);
      if (inserted) text.insert(from, inserted);
      deferred = [];
      showRemote(null);
    }
    shown = text.value;
    onLocalChange?.();
  };

  const showRemote = (changes: TextChange[] | null) => {
    const focused = document.activeElement === el;
    let start = el.selectionStart ?? 0;
    let end = el.selectionEnd ?? 0;
    if (changes) {
      start = transformPosition(start, changes);
      end = transformPosition(end, changes);
    }
    shown = text.value;
    if (el.value !== shown) el.value = shown;
    if (focused) el.setSelectionRange(Math.min(start, shown.length), Math.min(end, shown.length), el.selectionDirection ?? 'none');
  };

  const onInput = (event: Event) => {
    if (composing || (event as InputEvent).isComposing) return;
    writeLocal();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    writeLocal();
  };

  el.addEventListener('input', onInput);
  el.addEventListener('compositionstart', onCompositionStart);
  el.addEventListener('compositionend', onCompositionEnd);
  const stop = text.observe((changes, local) => {
    if (composing) {
      if (!local) deferred.push(changes);
      return;
    }
    // This field's own typing: the field already shows it.
    if (local && el.value === text.value) {
      shown = text.value;
      return;
    }
    // A partner's edit, or an undo: keep the caret on the same character.
    showRemote(changes);
  });
  onCleanup(() => {
    stop();
    el.removeEventListener('input', onInput);
    el.removeEventListener('compositionstart', onCompositionStart);
    el.removeEventListener('compositionend', onCompositionEnd);
  });
}
