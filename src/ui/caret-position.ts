/**
 * Where a character index of a textarea is drawn, relative to the textarea's top left corner
 * (the classic mirror technique: a hidden div styled like the textarea, measured up to the index).
 */
const COPIED = [
  'boxSizing', 'width', 'height', 'overflowX', 'overflowY',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
  'textAlign', 'textTransform', 'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize', 'direction',
] as const;

let mirror: HTMLDivElement | null = null;

export function caretCoordinates(el: HTMLTextAreaElement | HTMLInputElement, index: number): { top: number; left: number; height: number } {
  if (!mirror) {
    mirror = document.createElement('div');
    mirror.setAttribute('aria-hidden', 'true');
    document.body.appendChild(mirror);
  }
  const style = getComputedStyle(el);
  const target = mirror.style;
  for (const prop of COPIED) target[prop] = style[prop];
  target.position = 'absolute';
  target.visibility = 'hidden';
  target.top = '0';
  target.left = '-9999px';
  target.overflow = 'hidden';
  target.whiteSpace = el instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
  target.overflowWrap = 'break-word';
  mirror.textContent = el.value.slice(0, index);
  const marker = document.createElement('span');
  marker.textContent = el.value.slice(index) || '.';
  mirror.appendChild(marker);
  const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.3;
  return {
    top: marker.offsetTop + Number.parseFloat(style.borderTopWidth) - el.scrollTop,
    left: marker.offsetLeft + Number.parseFloat(style.borderLeftWidth) - el.scrollLeft,
    height: lineHeight,
  };
}
