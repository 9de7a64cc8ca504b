/**
 * Where character indexes of a text field are drawn, relative to the field's top left corner (the
 * classic mirror technique: a hidden div styled like the field, measured up to the index).
 *
 * Measuring lays out the mirror, and with it whatever else on the page has changed: done on every
 * partner's keystroke, right as the text changed, it forced a layout each time (about 4 ms a
 * keystroke in a profile, docs/performance.md). So measurements are asked for, and all that were
 * asked for are taken together once a frame, just before it is drawn: every style read first,
 * then every mirror written, then every position read (one layout for all), and only then the
 * answers handed out, whose writes the frame's own layout takes in.
 *
 * A field's computed style is read once, when it is first measured: reading it every frame
 * recalculated the page's style, and its resolved width and height forced a layout before the
 * mirrors were even written (about half of B's style work per partner's keystroke in a trace,
 * docs/performance.md). Its size then comes from a ResizeObserver, its font and box do not change
 * while it lives. So a frame with carets to place costs one layout, the one that measures them.
 */
const COPIED = [
  'overflowX', 'overflowY',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
  'textAlign', 'textTransform', 'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize', 'direction',
] as const;

export interface CaretBox {
  top: number;
  left: number;
  height: number;
}

type Field = HTMLTextAreaElement | HTMLInputElement;

interface Request {
  field: Field;
  /** The indexes to measure, read when the frame comes (the text may change again before it). */
  indexes: () => number[];
  done: (boxes: CaretBox[]) => void;
}

/** What a field's mirror copies from it: read once per field (its size apart, see `sizes`). */
interface FieldStyle {
  copied: string[];
  lineHeight: number;
  border: { top: number; left: number };
}

const styles = new WeakMap<Field, FieldStyle>();
/** Each measured field's border box, kept by a ResizeObserver (a textarea grows with its text). */
const sizes = new WeakMap<Field, { width: number; height: number }>();
let resizes: ResizeObserver | null = null;

function styleOf(field: Field): FieldStyle {
  let known = styles.get(field);
  if (!known) {
    const style = getComputedStyle(field);
    known = {
      copied: COPIED.map((prop) => style[prop]),
      lineHeight: Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.3,
      border: { top: Number.parseFloat(style.borderTopWidth), left: Number.parseFloat(style.borderLeftWidth) },
    };
    styles.set(field, known);
    // The first size is read here, in the frame's read phase; the observer keeps it from then on.
    sizes.set(field, { width: field.offsetWidth, height: field.offsetHeight });
    resizes ??= new ResizeObserver((entries) => {
      for (const entry of entries) {
        const box = entry.borderBoxSize[0];
        if (box) sizes.set(entry.target as Field, { width: box.inlineSize, height: box.blockSize });
      }
    });
    resizes.observe(field, { box: 'border-box' });
  }
  return known;
}

/** One request per asker: asking again before the frame replaces the earlier request. */
const requests = new Map<object, Request>();
let frame: number | null = null;
const mirrors: HTMLDivElement[] = [];

/** Measure `indexes()` of `field` before the next frame, and give the boxes to `done`. */
export function measureCarets(asker: object, field: Field, indexes: () => number[], done: (boxes: CaretBox[]) => void): void {
  requests.set(asker, { field, indexes, done });
  frame ??= requestAnimationFrame(measureAll);
}

/** Forget what `asker` asked for (its field is going away). */
export function cancelCaretMeasure(asker: object): void {
  requests.delete(asker);
}

function measureAll(): void {
  frame = null;
  const asked = [...requests.values()].filter((request) => request.field.isConnected);
  requests.clear();
  // Read: texts and indexes, and the style of a field measured for the first time.
  const jobs = asked.map((request) => {
    const { copied, lineHeight, border } = styleOf(request.field);
    const size = sizes.get(request.field)!;
    return { request, copied, lineHeight, border, size, value: request.field.value, indexes: request.indexes() };
  });
  // Write: one mirror per index, all before anything is read back.
  let used = 0;
  const markers = jobs.map((job) =>
    job.indexes.map((index) => {
      const mirror = mirrorAt(used++);
      const target = mirror.style;
      COPIED.forEach((prop, i) => (target[prop] = job.copied[i]!));
      target.boxSizing = 'border-box';
      target.width = `${job.size.width}px`;
      target.height = `${job.size.height}px`;
      target.overflow = 'hidden';
      target.whiteSpace = job.request.field instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
      mirror.textContent = job.value.slice(0, index);
      const marker = document.createElement('span');
      marker.textContent = job.value.slice(index) || '.';
      mirror.appendChild(marker);
      return marker;
    }),
  );
  for (const mirror of mirrors.slice(used)) mirror.textContent = '';
  // Read: every position, in one layout.
  const boxes = jobs.map((job, j) => {
    const { scrollTop, scrollLeft } = job.request.field;
    return markers[j]!.map((marker) => ({ top: marker.offsetTop + job.border.top - scrollTop, left: marker.offsetLeft + job.border.left - scrollLeft, height: job.lineHeight }));
  });
  // Write: the carets themselves.
  jobs.forEach((job, j) => job.request.done(boxes[j]!));
}

function mirrorAt(i: number): HTMLDivElement {
  let mirror = mirrors[i];
  if (!mirror) {
    mirror = document.createElement('div');
    mirror.setAttribute('aria-hidden', 'true');
    const style = mirror.style;
    style.position = 'absolute';
    style.visibility = 'hidden';
    style.top = '0';
    style.left = '-9999px';
    style.overflowWrap = 'break-word';
    document.body.appendChild(mirror);
    mirrors.push(mirror);
  }
  return mirror;
}
