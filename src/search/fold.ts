// Case and accent folding for search: what the index stores, what a query is turned into, and
// where a match sits in the original text (for snippets). No DOM, no Yjs.

/** Letters that NFD does not split into a base letter and a mark. */
const LETTERS: Record<string, string> = { ß: 'ss', ẞ: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPECIAL = /[ßẞøłæœđðþı]/g;
const MARKS = /\p{M}+/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** Lowercase, without accents: "Düsseldorf" → "dusseldorf", "Coopération" → "cooperation", "Straße" → "strasse". */
export function fold(text: string): string {
  // Most words are plain ASCII: nothing to take off them (a third of the time building the index).
  if (ASCII.test(text)) return text.toLowerCase();
  return text.toLowerCase().normalize('NFD').replace(MARKS, '').replace(SPECIAL, (c) => LETTERS[c] ?? c);
}

/**
 * `text` folded, with, for each UTF-16 unit of the result, the index in `text` of the character
 * it came from: a match found in the folded text is then a range of the original.
 */
export function foldWithMap(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let index = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const part = code < 0x80 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char) : fold(char);
    folded += part;
    for (let i = 0; i < part.length; i++) from.push(index);
    index += char.length;
  }
  return { folded, from };
}

/** A piece of a snippet: text, marked when it is (part of) a match. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * A short piece of `text` around the first place one of `terms` (folded words, as the index
 * keeps them) starts a word, with every such place in it marked. Whitespace runs read as one
 * space. Null when no term is found (the text changed since the index matched).
 */
export function snippet(text: string, terms: readonly string[], options: { before?: number; length?: number } = {}): SnippetPart[] | null {
  const before = options.before ?? 40;
  const length = options.length ?? 150;
  const { folded, from } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const term of new Set(terms)) {
    if (!term) continue;
    let at = folded.indexOf(term);
    while (at !== -1) {
      if (at === 0 || !WORD_CHAR.test(folded[at - 1]!)) {
        const start = from[at]!;
        const end = at + term.length < folded.length ? from[at + term.length]! : text.length;
        ranges.push([start, Math.max(end, start + 1)]);
      }
      at = folded.indexOf(term, at + term.length);
    }
  }
  if (ranges.length === 0) return null;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // Overlapping matches (a term and its prefix) as one.
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  const first = merged[0]!;
  // A text that fits is shown whole.
  let start = text.length <= length ? 0 : Math.max(0, first[0] - before);
  if (start > 0) {
    // Begin at a word: after the next space before the match, if there is one.
    const space = text.slice(start, first[0]).search(/\s/);
    if (space !== -1) start += space + 1;
  }
  let end = Math.min(text.length, Math.max(start + length, first[1]));
  if (end < text.length) {
    const cut = text.slice(first[1], end).search(/\s\S*$/);
    if (cut !== -1) end = first[1] + cut;
  }
  const parts: SnippetPart[] = [];
  const push = (piece: string, mark: boolean) => {
    const clean = piece.replace(/\s+/g, ' ');
    if (clean) parts.push({ text: clean, mark });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [s, e] of merged) {
    if (e <= start || s >= end) continue;
    push(text.slice(at, Math.max(at, s)), false);
    push(text.slice(Math.max(at, s), Math.min(e, end)), true);
    at = Math.min(e, end);
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  return parts;
}
