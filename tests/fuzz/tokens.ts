/**
 * Text typed in a fuzz run is made of tokens, each one character (one code point) used once in
 * the whole run, so a token is present in a text or not, and "the text typed was kept" is a set
 * question. One character per token makes every position a token boundary: a smallest splice
 * (CoText.set keeps the common prefix and suffix, character by character) never keeps half a
 * token, which a multi-character token like `~p3k17~` would suffer whenever two tokens share a
 * prefix. Most tokens are CJK ideographs (one UTF-16 unit); one in seven is from CJK Extension B,
 * a surrogate pair, so edits next to and between pairs are exercised too.
 */

const BMP_FIRST = 0x4e00; // CJK Unified Ideographs: 20,992 of them
const BMP_COUNT = 0x9fff - 0x4e00 + 1;
const ASTRAL_FIRST = 0x20000; // CJK Extension B: 42,720, each a surrogate pair
const ASTRAL_COUNT = 0x2a6df - 0x20000 + 1;

export function isToken(codePoint: number): boolean {
  return (codePoint >= BMP_FIRST && codePoint < BMP_FIRST + BMP_COUNT) || (codePoint >= ASTRAL_FIRST && codePoint < ASTRAL_FIRST + ASTRAL_COUNT);
}

/** The tokens in `text`, in order (characters that are not tokens, such as a joining space, skipped). */
export function tokensIn(text: string): string[] {
  const found: string[] = [];
  for (const char of text) if (isToken(char.codePointAt(0)!)) found.push(char);
  return found;
}

/** Hands out tokens, and remembers who typed each one (for reports). */
export class Tokens {
  private bmp = 0;
  private astral = 0;
  private readonly who = new Map<string, string>();

  /** A fresh token typed by `peer`; `astral` picks a surrogate pair. */
  next(peer: number, astral: boolean): string {
    const char = astral ? String.fromCodePoint(ASTRAL_FIRST + (this.astral++ % ASTRAL_COUNT)) : String.fromCodePoint(BMP_FIRST + (this.bmp++ % BMP_COUNT));
    this.who.set(char, `p${peer}k${this.who.size}`);
    return char;
  }

  private readonly where = new Map<string, string>();

  /** Remember where a token was typed (step, operation, text), for reports. */
  note(token: string, where: string): void {
    if (!this.where.has(token)) this.where.set(token, where);
  }

  /** How a report names a token: `~p3k17~` (typed by peer 3, the 17th token of the run) and the character. */
  label(token: string): string {
    const where = this.where.get(token);
    return `~${this.who.get(token) ?? '?'}~(${token}${where ? `, ${where}` : ''})`;
  }
}

/** True when `index` is not between the two halves of a surrogate pair in `text`. */
export function isBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const code = text.charCodeAt(index);
  return !(code >= 0xdc00 && code <= 0xdfff && isHigh(text.charCodeAt(index - 1)));
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The UTF-16 positions in `text` where a token may go (never inside a surrogate pair). */
export function boundaries(text: string): number[] {
  const result: number[] = [];
  for (let i = 0; i <= text.length; i++) if (isBoundary(text, i)) result.push(i);
  return result;
}
