// Where the browser sizes text areas to their content itself (CSS field-sizing), measuring each
// one (a forced layout per field: slow with a thousand points) is not needed.
const SIZES_ITSELF = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/** Make a text area as tall as its text. */
export function autoGrow(el: HTMLTextAreaElement): void {
  if (SIZES_ITSELF) return;
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + 2}px`;
}
