import { describe, expect, it } from 'vitest';
import { LocalAction, Workspace, spliceBetween, transformPosition, type TextChange } from '../../src/model';
import { createPeers } from './helpers';

/** Apply the splice to `a`; it must give `b`. */
function applySplice(a: string, b: string): string {
  const { index, remove, insert } = spliceBetween(a, b);
  return a.slice(0, index) + insert + a.slice(index + remove);
}

function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

describe('spliceBetween', () => {
  it('keeps the common prefix and suffix and replaces the middle', () => {
    expect(spliceBetween('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(spliceBetween('hello brave world', 'hello world')).toEqual({ index: 6, remove: 6, insert: '' });
    expect(spliceBetween('abc', 'axc')).toEqual({ index: 1, remove: 1, insert: 'x' });
    expect(spliceBetween('', 'new')).toEqual({ index: 0, remove: 0, insert: 'new' });
    expect(spliceBetween('old', '')).toEqual({ index: 0, remove: 3, insert: '' });
    expect(spliceBetween('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' });
  });

  it('does not let prefix and suffix overlap on repeated letters', () => {
    expect(spliceBetween('aa', 'a')).toEqual({ index: 1, remove: 1, insert: '' });
    expect(spliceBetween('a', 'aaa')).toEqual({ index: 1, remove: 0, insert: 'aa' });
    expect(applySplice('abab', 'ab')).toBe('ab');
  });

  it('never splits a surrogate pair', () => {
    // Same high surrogate, different low: the prefix must step back over the high half.
    const grin = '😀'; // D83D DE00
    const smile = '😃'; // D83D DE03
    expect(spliceBetween(`x${grin}`, `x${smile}`)).toEqual({ index: 1, remove: 2, insert: smile });
    expect(spliceBetween(`${grin}x`, `${smile}x`)).toEqual({ index: 0, remove: 2, insert: smile });
    // Same low surrogate, different high: the suffix must step forward over the low half.
    const squared = '🈀'; // D83C DE00
    expect(spliceBetween(grin, squared)).toEqual({ index: 0, remove: 2, insert: squared });
    expect(spliceBetween(`a${grin}b`, `a${squared}b`)).toEqual({ index: 1, remove: 2, insert: squared });
    // Adding a character in front of an identical one.
    expect(spliceBetween(grin, `${smile}${grin}`)).toEqual({ index: 0, remove: 0, insert: smile });
    // The EU flag is two regional indicators, each a surrogate pair.
    const pairs: [string, string][] = [
      ['🇪🇺', '🇪🇸'],
      ['a😀😀b', 'a😀😃b'],
      ['😀😀', '😀'],
      ['x😀y', 'x😁😀y'],
      ['Città', 'Città 😀'],
    ];
    for (const [a, b] of pairs) {
      const { index, remove, insert } = spliceBetween(a, b);
      expect(applySplice(a, b)).toBe(b);
      expect(hasLoneSurrogate(insert), `${a} → ${b}`).toBe(false);
      expect(hasLoneSurrogate(a.slice(index, index + remove)), `${a} → ${b}`).toBe(false);
    }
  });

  it('turns any string into any other', () => {
    const alphabet = ['a', 'b', '😀', '😃', '🈀', 'é', ' '];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const random = () => Array.from({ length: Math.floor(rand() * 6) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let i = 0; i < 500; i++) {
      const a = random();
      const b = random();
      expect(applySplice(a, b)).toBe(b);
      expect(hasLoneSurrogate(spliceBetween(a, b).insert)).toBe(false);
    }
  });
});

describe('transformPosition', () => {
  it('moves a caret right for text inserted before it, not for text inserted at or after it', () => {
    expect(transformPosition(5, [{ insert: 'ab' }])).toBe(7);
    expect(transformPosition(5, [{ retain: 2 }, { insert: 'ab' }])).toBe(7);
    expect(transformPosition(5, [{ retain: 5 }, { insert: 'ab' }])).toBe(5);
    expect(transformPosition(5, [{ retain: 7 }, { insert: 'ab' }])).toBe(5);
    expect(transformPosition(0, [{ insert: 'ab' }])).toBe(0);
  });

  it('moves a caret left for text deleted before it and clamps it into a deleted range', () => {
    expect(transformPosition(5, [{ delete: 2 }])).toBe(3);
    expect(transformPosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    // Deletion spanning the caret: the caret goes to the start of the deleted range.
    expect(transformPosition(5, [{ retain: 3 }, { delete: 5 }])).toBe(3);
    expect(transformPosition(5, [{ retain: 5 }, { delete: 5 }])).toBe(5);
  });

  it('follows several changes in one delta', () => {
    const changes: TextChange[] = [{ retain: 1 }, { delete: 2 }, { insert: 'xyz' }, { retain: 4 }, { insert: '!' }];
    // "abcdefgh" becomes "axyzdefg!h"; a caret before "g" stays before "g".
    expect(transformPosition(6, changes)).toBe(7);
    expect('axyzdefg!h'.slice(7)).toBe('g!h');
  });

  it('agrees with the deltas Y.Text reports for a remote edit', () => {
    const { peers, seed: id } = createPeers(2, (ws) => ws.topics.add('Organised crime in ports'));
    const local = peers.at(0).topics.title(id)!;
    const caret = local.value.indexOf('ports');
    let moved = caret;
    local.observe((changes, isLocal) => {
      expect(isLocal).toBe(false);
      moved = transformPosition(moved, changes);
    });
    const remote = peers.at(1).topics.title(id)!;
    remote.insert(0, 'European ');
    remote.delete('European Organised '.length, 'crime '.length);
    peers.sync();
    expect(local.value).toBe('European Organised in ports');
    expect(local.value.slice(moved)).toBe('ports');
  });
});

describe('CoText', () => {
  function topicText() {
    const ws = new Workspace();
    const id = ws.topics.add('Ports');
    return { ws, id, text: ws.topics.title(id)! };
  }

  it('inserts, deletes and sets the value', () => {
    const { ws, id, text } = topicText();
    expect(text.value).toBe('Ports');
    expect(text.length).toBe(5);
    text.insert(5, ' of Europe');
    expect(text.value).toBe('Ports of Europe');
    text.delete(0, 6);
    expect(text.value).toBe('of Europe');
    text.set('Ports of Europe');
    expect(text.value).toBe('Ports of Europe');
    expect(ws.topics.get(id)!.title).toBe('Ports of Europe');
  });

  it('set writes the smallest splice, so a concurrent edit elsewhere survives', () => {
    const { peers, seed: id } = createPeers(2, (ws) => ws.topics.add('Ports and trafficking'));
    peers.at(0).topics.title(id)!.set('European ports and trafficking');
    peers.at(1).topics.title(id)!.set('Ports and human trafficking');
    peers.sync();
    for (const ws of peers.workspaces) expect(ws.topics.get(id)!.title).toBe('European ports and human trafficking');
  });

  it('set to the same value writes nothing', () => {
    const { ws, text } = topicText();
    let updates = 0;
    ws.doc.on('update', () => updates++);
    text.set('Ports');
    expect(updates).toBe(0);
    text.set('Port');
    expect(updates).toBe(1);
  });

  it('observe reports local and remote changes as deltas, and stops after unobserve', () => {
    const { peers, seed: id } = createPeers(2, (ws) => ws.topics.add('abc'));
    const text = peers.at(0).topics.title(id)!;
    const seen: { changes: TextChange[]; local: boolean }[] = [];
    const stop = text.observe((changes, local) => seen.push({ changes, local }));
    text.insert(1, 'X');
    peers.at(1).topics.title(id)!.delete(2, 1);
    peers.sync();
    expect(seen).toEqual([
      { changes: [{ retain: 1 }, { insert: 'X' }], local: true },
      { changes: [{ retain: 3 }, { delete: 1 }], local: false },
    ]);
    stop();
    text.insert(0, 'Z');
    expect(seen).toHaveLength(2);
    expect(text.value).toBe('ZaXb');
  });

  it('edits are one transaction each, named for the field', () => {
    const { ws, id, text } = topicText();
    const origins: unknown[] = [];
    ws.doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    text.insert(0, 'x');
    text.set('Harbours');
    expect(origins).toHaveLength(2);
    for (const origin of origins) {
      expect(origin).toBeInstanceOf(LocalAction);
      expect((origin as LocalAction).name).toBe('topics.title.edit');
    }
    expect(ws.topics.get(id)!.title).toBe('Harbours');
  });
});
