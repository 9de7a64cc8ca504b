import * as Y from 'yjs';

/** A position in a co-edited text that moves with the text around it (plain JSON, safe to share). */
export type TextAnchor = Record<string, unknown>;

/** One change to a text, in the order Yjs reports them: keep, insert or remove characters. */
export type TextChange = { retain: number } | { insert: string } | { delete: number };

/**
 * A co-edited text (Y.Text underneath). The rest of the app edits and observes texts through
 * this handle only, so it never names a Y type.
 */
export class CoText {
  constructor(
    private readonly ytext: Y.Text,
    private readonly transact: (fn: () => void) => void,
  ) {}

  get value(): string {
    return this.ytext.toString();
  }

  get length(): number {
    return this.ytext.length;
  }

  /** Replace the whole value with `next`, written as the smallest splice so concurrent edits elsewhere in the text survive. */
  set(next: string): void {
    const current = this.ytext.toString();
    if (current === next) return;
    const { index, remove, insert } = spliceBetween(current, next);
    this.transact(() => {
      if (remove > 0) this.ytext.delete(index, remove);
      if (insert) this.ytext.insert(index, insert);
    });
  }

  insert(index: number, text: string): void {
    this.transact(() => this.ytext.insert(index, text));
  }

  delete(index: number, length: number): void {
    this.transact(() => this.ytext.delete(index, length));
  }

  /**
   * A position that stays attached to the text around it while others edit (a Yjs relative
   * position, as JSON): for sharing carets with partners.
   */
  anchorAt(index: number): TextAnchor {
    return Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.ytext, Math.max(0, Math.min(index, this.ytext.length)))) as TextAnchor;
  }

  /** Where an anchor (from anchorAt, possibly a partner's) is now; null if it is not in this text. */
  indexOf(anchor: TextAnchor): number | null {
    const doc = this.ytext.doc;
    if (!doc) return null;
    try {
      const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor), doc);
      return absolute && absolute.type === this.ytext ? absolute.index : null;
    } catch {
      return null;
    }
  }

  /** Calls `listener` after every change, with the changes and whether they came from this document's own edits. */
  observe(listener: (changes: TextChange[], local: boolean) => void): () => void {
    const handler = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      listener(event.delta as TextChange[], transaction.local);
    };
    this.ytext.observe(handler);
    return () => this.ytext.unobserve(handler);
  }
}

/** The single splice that turns `a` into `b`: common prefix and suffix kept, the middle replaced. */
export function spliceBetween(a: string, b: string): { index: number; remove: number; insert: string } {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  // Never split a surrogate pair: step back if the prefix ends inside one.
  if (start > 0 && isHighSurrogate(a.charCodeAt(start - 1))) start--;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  if (endA < a.length && isLowSurrogate(a.charCodeAt(endA))) {
    endA++;
    endB++;
  }
  return { index: start, remove: endA - start, insert: b.slice(start, endB) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Where a caret at `position` in the old text lands after `changes`. Text inserted exactly at the
 * caret goes after it, so a partner typing where you stand never pushes your caret along.
 */
export function transformPosition(position: number, changes: readonly TextChange[]): number {
  let oldCursor = 0;
  let result = position;
  for (const change of changes) {
    if (oldCursor >= position) break;
    if ('retain' in change) {
      oldCursor += change.retain;
    } else if ('insert' in change) {
      result += change.insert.length;
    } else {
      result -= Math.min(change.delete, position - oldCursor);
      oldCursor += change.delete;
    }
  }
  return result;
}
