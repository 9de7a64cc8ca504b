import * as Y from 'yjs';

/**
 * Nothing typed is lost when two peers create the same shared type at once.
 *
 * A record whose text or set is missing (old data, a plain Yjs program, a hostile peer) is
 * repaired by creating the shared type. Two peers repairing the same field at once each create
 * their own, and when their copies meet Yjs keeps one and deletes the other with everything in
 * it: the classic "lazily created type" loss (DESIGN.md; y-prosemirror has the same pitfall when
 * seeding a fragment twice). So each peer watches for its own copy being replaced by a partner's
 * (a remote transaction that overwrote a key whose old value was a shared type), and puts what
 * it wrote into that copy, and that was still there, into the winner. Only a peer's own content
 * (items of its own client id) is handed over, by that peer alone, so it arrives once.
 *
 * Limit: the hand-over needs the content to still be in memory when the partner's copy arrives.
 * A repaired text's initial value (what the bad field held) is not handed over, as the partner's
 * copy starts with it too; after a reload this copy no longer knows which part was initial and
 * hands it all over, so a repaired plain string may show twice (never lost). Typing from an
 * earlier session (another client id) is not handed over: docs/document.md, "Repairs".
 */

/** The id ranges of each repaired type's initial content, which the winner holds too. */
const initialContent = new WeakMap<Y.AbstractType<any>, { client: number; from: number; to: number }[]>();

/** Create a Y.Text that repairs a field: `initial` is what the field held in another form. */
export function repairedText(initial: string): Y.Text {
  return new Y.Text(initial);
}

/** After the repair's transaction: remember which items were initial, so they are never handed over twice. */
export function rememberInitialContent(type: Y.AbstractType<any>): void {
  const ranges: { client: number; from: number; to: number }[] = [];
  let item = type._start;
  while (item) {
    ranges.push({ client: item.id.client, from: item.id.clock, to: item.id.clock + item.length });
    item = item.right;
  }
  initialContent.set(type, ranges);
}

/**
 * What this peer handed over into each winner: its own text (by clock) and entries. A hand-over can
 * be deleted by a relayed update before the winner is itself replaced (another peer, where the
 * winner was already gone, integrated the hand-over as deleted and passed that on), so when the
 * winner is replaced in turn, what was handed over goes on even if it no longer shows.
 */
const handedOver = new WeakMap<Y.AbstractType<any>, { texts: { from: number; str: string }[]; entries: [string, unknown][] }>();

function handedOverTo(type: Y.AbstractType<any>) {
  let record = handedOver.get(type);
  if (!record) handedOver.set(type, (record = { texts: [], entries: [] }));
  return record;
}

/**
 * A partner's update removed one of this peer's own entries from a set or ordered set that is still
 * here. Usually a deliberate removal; but it can also be what a peer where this copy was already
 * replaced passed on (it integrated the entry as deleted). Kept, so that if this copy is replaced
 * in turn the entry goes on to the winner, rather than being lost with a copy nobody chose.
 */
export function rememberOwnRemoved(event: Y.YEvent<any>, transaction: Y.Transaction): void {
  if (transaction.local || !(event.target instanceof Y.Map)) return;
  const map = event.target as Y.Map<unknown>;
  const own = transaction.doc.clientID;
  event.changes.keys.forEach((change, key) => {
    if (change.action !== 'delete') return;
    const item = map._map.get(key);
    if (item && item.id.client === own) handedOverTo(map).entries.push([key, change.oldValue]);
  });
}

/** What a replaced type of ours held: its text, or its map entries. */
export type Salvage = { kind: 'text'; text: string; initial: string } | { kind: 'map'; entries: [string, unknown][] };

/**
 * What this peer wrote into `lost`, a shared type that `transaction` (a partner's update) just
 * replaced, and that was still there before it. Null when there is nothing to hand over.
 */
export function salvageFrom(lost: unknown, transaction: Y.Transaction): Salvage | null {
  if (transaction.local) return null;
  const doc = transaction.doc;
  const own = doc.clientID;
  const wasAlive = (item: Y.Item) => Y.isDeleted(transaction.deleteSet, item.id);
  if (lost instanceof Y.Text) {
    const initial = (initialContent.get(lost) ?? []).filter((range) => range.client === own);
    let text = '';
    let initialText = '';
    const aliveClocks = new Set<number>();
    let item = lost._start;
    while (item) {
      if (item.id.client === own && wasAlive(item) && item.content instanceof Y.ContentString) {
        for (let i = 0; i < item.length; i++) aliveClocks.add(item.id.clock + i);
        // Yjs merges a client's consecutive items, so one item may hold initial and typed text:
        // each character's clock is the item's plus its offset.
        const { str } = item.content;
        const start = item.id.clock;
        for (let i = 0; i < str.length; i++) {
          const clock = start + i;
          if (!initial.some((range) => clock >= range.from && clock < range.to)) text += str[i];
          else initialText += str[i];
        }
      }
      item = item.right;
    }
    for (const { from, str } of handedOver.get(lost)?.texts ?? []) {
      let missing = '';
      for (let i = 0; i < str.length; i++) if (!aliveClocks.has(from + i)) missing += str[i];
      if (missing.trim()) text += (text && !/\s$/.test(text) ? ' ' : '') + missing.trim();
    }
    return text || initialText ? { kind: 'text', text, initial: initialText } : null;
  }
  if (lost instanceof Y.Map) {
    const entries: [string, unknown][] = [];
    lost._map.forEach((item, key) => {
      if (item.id.client !== own || !wasAlive(item)) return;
      const content = item.content.getContent();
      entries.push([key, content[content.length - 1]]);
    });
    for (const [key, value] of handedOver.get(lost)?.entries ?? []) if (!entries.some(([k]) => k === key)) entries.push([key, value]);
    return entries.length > 0 ? { kind: 'map', entries } : null;
  }
  return null;
}

/** Put salvaged content into the type that won. Text goes at the end, after a space. */
export function handOver(salvage: Salvage, winner: unknown): void {
  if (salvage.kind === 'text' && winner instanceof Y.Text) {
    const added = textToAdd(salvage, winner.toString(), createdWith(winner, salvage.initial));
    if (!added) return;
    const doc = winner.doc;
    if (doc) handedOverTo(winner).texts.push({ from: Y.getState(doc.store, doc.clientID), str: added });
    winner.insert(winner.length, added);
  } else if (salvage.kind === 'map' && winner instanceof Y.Map) {
    for (const [key, value] of salvage.entries) {
      if (winner.has(key)) continue;
      winner.set(key, value);
      handedOverTo(winner).entries.push([key, value]);
    }
  }
}

/**
 * True when `text` was created holding `initial`: the characters its creator put in with it (the
 * clocks right after the type's own item) spell `initial`, counting those deleted since (a deleted
 * character's content may be gone, so it counts without being compared). A winner made by a
 * partner's repair of the same plain string holds it even when typing went inside it or some of
 * it was deleted, so the string is not handed over again: a second copy would show, and a
 * deletion in each copy on two peers would take the character from both (fuzz seed 31204).
 */
function createdWith(text: Y.Text, initial: string): boolean {
  const own = text._item;
  if (!own || !initial) return false;
  const client = own.id.client;
  const from = own.id.clock + own.length;
  const to = from + initial.length;
  let seen = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.id.client !== client) continue;
    const start = item.id.clock;
    const end = start + item.length;
    for (let clock = Math.max(start, from); clock < Math.min(end, to); clock++) {
      seen++;
      if (item.content instanceof Y.ContentString && item.content.str[clock - start] !== initial[clock - from]) return false;
    }
  }
  return seen === initial.length;
}

/** What handing a text salvage over appends to `current` ('' for nothing). */
function textToAdd(salvage: Salvage & { kind: 'text' }, current: string, holdsInitial = false): string {
  // The initial value is usually in the winner too (both copies repaired the same string); a
  // partner that repaired while the string was on its way started from '' and lacks it.
  const pieces = [salvage.initial && !holdsInitial && !current.includes(salvage.initial) ? salvage.initial : '', salvage.text].filter(Boolean);
  if (pieces.length === 0) return '';
  const added = pieces.join(' ');
  const joiner = current.length > 0 && !/\s$/.test(current) && !/^\s/.test(added) ? ' ' : '';
  return joiner + added;
}

/**
 * What a partner's update took away from a key before its replacement arrived. Yjs applies an
 * update's deletions at once even when its new items must wait for an earlier update of the same
 * client (pending structs), and y-webrtc relays updates over several links, so a peer may see a
 * replaced shared type as deleted, with nothing in its place, and the replacement come later in
 * another transaction. What this peer had written into the deleted copy waits here for whatever
 * shared type takes the key next (the partner's copy, or this peer's own repair), and a plain
 * string the key held is kept for a repair made meanwhile. In memory only (docs/document.md).
 */
const waiting = new WeakMap<Y.Map<unknown>, Map<string, { salvages: Salvage[]; plain?: string }>>();

function waitingFor(map: Y.Map<unknown>, key: string) {
  let keys = waiting.get(map);
  if (!keys) waiting.set(map, (keys = new Map()));
  let entry = keys.get(key);
  if (!entry) keys.set(key, (entry = { salvages: [] }));
  return entry;
}

/** Take what waits for a key (a repair made here is about to create the key's shared type). */
export function takeWaiting(map: Y.Map<unknown>, key: string): Salvage[] {
  const entry = waiting.get(map)?.get(key);
  if (!entry) return [];
  waiting.get(map)!.delete(key);
  return entry.salvages;
}

/** The plain string a key held before a partner's update removed it (for a repair made meanwhile). */
export function plainBeforeRemoval(map: Y.Map<unknown>, key: string): string | undefined {
  return waiting.get(map)?.get(key)?.plain;
}

/**
 * What a read shows for a text whose key a partner's half-arrived update left empty: the text a
 * repair made now would hold (the plain string the key held, with what this peer had written
 * into its deleted copy), so a read and an editor opened on it agree. Undefined when nothing waits.
 */
export function waitingText(map: Y.Map<unknown>, key: string): string | undefined {
  const entry = waiting.get(map)?.get(key);
  if (!entry) return undefined;
  let text = entry.plain ?? '';
  for (const salvage of entry.salvages) if (salvage.kind === 'text') text += textToAdd(salvage, text);
  return entry.plain !== undefined || entry.salvages.some((salvage) => salvage.kind === 'text') ? text : undefined;
}

/** What a read shows for a set whose key a partner's half-arrived update left empty: the entries a repair made now would hold. */
export function waitingEntries(map: Y.Map<unknown>, key: string): Map<string, unknown> | undefined {
  const salvages = waiting.get(map)?.get(key)?.salvages ?? [];
  if (!salvages.some((salvage) => salvage.kind === 'map')) return undefined;
  const entries = new Map<string, unknown>();
  for (const salvage of salvages) if (salvage.kind === 'map') for (const [id, value] of salvage.entries) if (!entries.has(id)) entries.set(id, value);
  return entries;
}

/**
 * The hand-overs a map event calls for: for each key whose shared-type value a partner's update
 * replaced or removed, what this peer had written into the old value, to put into the shared type
 * now at that key (at once, or when one arrives). For Collection and Workspace observers.
 */
export function salvagedKeys(event: Y.YEvent<any>, transaction: Y.Transaction): { key: string; salvage: Salvage }[] {
  if (!(event.target instanceof Y.Map)) return [];
  const map = event.target as Y.Map<unknown>;
  const found: { key: string; salvage: Salvage }[] = [];
  event.changes.keys.forEach((change, key) => {
    const current = map.get(key);
    const now = current instanceof Y.AbstractType;
    if (!transaction.local && change.action !== 'add') {
      if (change.oldValue instanceof Y.AbstractType) {
        const salvage = salvageFrom(change.oldValue, transaction);
        if (salvage && now) found.push({ key, salvage });
        else if (salvage) waitingFor(map, key).salvages.push(salvage);
      } else if (typeof change.oldValue === 'string' && current === undefined) {
        waitingFor(map, key).plain = change.oldValue;
      }
    }
    if (now) {
      const entry = waiting.get(map)?.get(key);
      if (entry) {
        for (const salvage of entry.salvages) found.push({ key, salvage });
        waiting.get(map)!.delete(key);
      }
    }
  });
  return found;
}
