import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Order is a fractional index string on each record, ties broken by id (DESIGN.md: a Y.Array
 * delete-and-insert move duplicates under concurrency, yjs #673; a single `order` field written
 * last-writer-wins leaves exactly one copy).
 */
export interface Ordered {
  id: string;
  order: string;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order < b.order) return -1;
  if (a.order > b.order) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortOrdered<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(compareOrdered);
}

export const FIRST_KEY = generateKeyBetween(null, null);

const BASE_62_KEY = /^[0-9A-Za-z]+$/;

/** Is this a key that fractional-indexing accepts? A peer may have written anything. */
export function isValidOrderKey(key: string): boolean {
  // fractional-indexing checks a key's head and length but not its digits: "a0~" passes its
  // check, sorts after "a0z", and generateKeyBetween("a0~", "a1") returns "a0V", which sorts
  // before it. Only base62 digits keep "between" meaning between.
  if (typeof key !== 'string' || !BASE_62_KEY.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * New order keys that put `movingId` at `index` of `siblings` (sorted, may include the moving
 * item). Usually one key; when the neighbours share a key (two peers inserted at the same spot
 * at once) the tied run is re-keyed too, so the item lands exactly where it was asked to.
 */
export function orderKeysForPlacement(
  siblings: readonly Ordered[],
  movingId: string,
  index: number,
): Map<string, string> {
  const others = sortOrdered(siblings.filter((s) => s.id !== movingId));
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1];
  const after = others[at];
  const result = new Map<string, string>();
  try {
    if (!before || !after || before.order < after.order) {
      result.set(movingId, generateKeyBetween(before?.order ?? null, after?.order ?? null));
      return result;
    }
    // Tied (or out of order) neighbours: re-key the run of equal keys around the gap.
    let start = at - 1;
    while (start > 0 && others[start - 1]!.order >= before.order) start--;
    let end = at;
    while (end < others.length - 1 && others[end + 1]!.order <= after.order) end++;
    const run = [...others.slice(start, at).map((o) => o.id), movingId, ...others.slice(at, end + 1).map((o) => o.id)];
    const low = others[start - 1]?.order ?? null;
    const high = others[end + 1]?.order ?? null;
    const keys = generateNKeysBetween(low, high, run.length);
    run.forEach((id, i) => result.set(id, keys[i]!));
    return result;
  } catch {
    // A neighbour carries a key fractional-indexing rejects: re-key the whole list.
    const ids = others.map((o) => o.id);
    ids.splice(at, 0, movingId);
    const keys = generateNKeysBetween(null, null, ids.length);
    result.clear();
    ids.forEach((id, i) => result.set(id, keys[i]!));
    return result;
  }
}
