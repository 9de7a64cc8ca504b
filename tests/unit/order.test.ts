import { describe, expect, it } from 'vitest';
import { FIRST_KEY, compareOrdered, isValidOrderKey, orderKeysForPlacement, sortOrdered, type Ordered } from '../../src/model/order';

/** Apply placement keys to a list and return the ids in their new order. */
function place(items: Ordered[], movingId: string, index: number): string[] {
  const keys = orderKeysForPlacement(items, movingId, index);
  const all = items.some((i) => i.id === movingId) ? items : [...items, { id: movingId, order: '' }];
  const next = all.map((item) => ({ ...item, order: keys.get(item.id) ?? item.order }));
  for (const item of next) expect(isValidOrderKey(item.order), `key of ${item.id}`).toBe(true);
  return sortOrdered(next).map((i) => i.id);
}

describe('order keys', () => {
  it('sorts by key, then by id when keys tie', () => {
    const items = [
      { id: 'c', order: 'a1' },
      { id: 'b', order: 'a0' },
      { id: 'a', order: 'a1' },
    ];
    expect(sortOrdered(items).map((i) => i.id)).toEqual(['b', 'a', 'c']);
    expect(compareOrdered({ id: 'x', order: 'a0' }, { id: 'x', order: 'a0' })).toBe(0);
    // sortOrdered copies: the input keeps its order.
    expect(items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
  });

  it('accepts fractional-indexing keys and rejects anything else', () => {
    expect(FIRST_KEY).toBe('a0');
    for (const key of ['a0', 'a1', 'a0V', 'Zz', 'b12']) expect(isValidOrderKey(key), key).toBe(true);
    for (const key of ['', '~', 'a00', 'hello world', '0', 'a0~', 'a0 ', 'a0é', 'a-']) expect(isValidOrderKey(key), key).toBe(false);
    expect(isValidOrderKey(42 as unknown as string)).toBe(false);
  });

  it('places into an empty list, at the start, the end and in between', () => {
    expect(place([], 'x', 0)).toEqual(['x']);
    const items = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a2' },
    ];
    expect(place(items, 'x', 0)).toEqual(['x', 'a', 'b', 'c']);
    expect(place(items, 'x', 2)).toEqual(['a', 'b', 'x', 'c']);
    expect(place(items, 'x', 3)).toEqual(['a', 'b', 'c', 'x']);
    // Out-of-range indexes are clamped.
    expect(place(items, 'x', 99)).toEqual(['a', 'b', 'c', 'x']);
    expect(place(items, 'x', -5)).toEqual(['x', 'a', 'b', 'c']);
  });

  it('moves an item already in the list, counting positions without it', () => {
    const items = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a2' },
    ];
    expect(place(items, 'a', 2)).toEqual(['b', 'c', 'a']);
    expect(place(items, 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(place(items, 'a', 1)).toEqual(['b', 'a', 'c']);
    // A plain move writes one key only.
    expect([...orderKeysForPlacement(items, 'a', 1).keys()]).toEqual(['a']);
  });

  it('re-keys a tied run so the item lands exactly between the tied neighbours', () => {
    const items = [
      { id: 'p', order: 'a0' },
      { id: 'a', order: 'a1' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a1' },
      { id: 'q', order: 'a2' },
    ];
    for (let index = 2; index <= 3; index++) {
      const keys = orderKeysForPlacement(items, 'x', index);
      // Only the tied run and the moving item get new keys; p and q keep theirs.
      expect([...keys.keys()].sort()).toEqual(['a', 'b', 'c', 'x']);
      const expected = ['p', 'a', 'b', 'c', 'q'];
      expected.splice(index, 0, 'x');
      expect(place(items, 'x', index)).toEqual(expected);
    }
  });

  it('re-keys a tie at the very start or end of the list', () => {
    const items = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a0' },
    ];
    expect(place(items, 'x', 1)).toEqual(['a', 'x', 'b']);
    expect(place(items, 'x', 0)).toEqual(['x', 'a', 'b']);
    expect(place(items, 'x', 2)).toEqual(['a', 'b', 'x']);
  });

  it('gives every item a valid key when a neighbour carries an invalid one', () => {
    const items = [
      { id: 'a', order: 'a0' },
      { id: 'bad', order: '~' },
      { id: 'c', order: 'a1' },
    ];
    // Sorted: a, c, bad (invalid keys sort last). Placing next to "bad" re-keys the whole list.
    expect(place(items, 'x', 2)).toEqual(['a', 'c', 'x', 'bad']);
    const keys = orderKeysForPlacement(items, 'x', 3);
    expect(keys.size).toBe(4);
    expect(place(items, 'x', 3)).toEqual(['a', 'c', 'bad', 'x']);
  });
});
