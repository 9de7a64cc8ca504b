/**
 * Partners' carets in a text field, drawn by the browser's own layout: a layer over the field
 * holds the field's text, invisible, with each caret an element at its character index, and is
 * laid out with the field's font, box and wrapping (the mirror technique, shown rather than
 * measured). So no caret position is ever read back: the carets move with the frame's own layout.
 *
 * Measuring them instead (a hidden mirror read back with offsetTop, once a frame) forced a layout
 * of the whole page before each frame: in a call of ten, 2.4 s of B's main thread in 12 s of
 * typing (docs/performance.md).
 *
 * The field's computed style is read once, when its first caret appears; its font and box do not
 * change while it lives.
 */
const COPIED = [
  'boxSizing',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
  'textAlign', 'textTransform', 'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize', 'direction',
] as const;

const styles = new WeakMap<HTMLElement, string[]>();

/** Give `layer` the field's font, box and wrapping (read once per field). */
export function styleLayerLike(layer: HTMLElement, field: HTMLTextAreaElement): void {
  let copied = styles.get(field);
  if (!copied) {
    const style = getComputedStyle(field);
    copied = COPIED.map((prop) => style[prop]);
    styles.set(field, copied);
  }
  const target = layer.style;
  COPIED.forEach((prop, i) => (target[prop] = copied[i]!));
}

/** The field's text cut at each caret (in index order): what comes before each, and after the last. */
export function caretSegments<C extends { index: number }>(value: string, carets: readonly C[]): { parts: { before: string; caret: C }[]; rest: string } {
  const sorted = [...carets].sort((a, b) => a.index - b.index);
  let at = 0;
  const parts = sorted.map((caret) => {
    const index = Math.min(Math.max(caret.index, at), value.length);
    const before = value.slice(at, index);
    at = index;
    return { before, caret };
  });
  return { parts, rest: value.slice(at) };
}
