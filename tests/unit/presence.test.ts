import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
  EDITABLE_KINDS,
  loadProfile,
  observeParticipants,
  PERSON_COLORS,
  randomColor,
  readParticipants,
  saveProfile,
  setLocalEditing,
  setLocalProfile,
  setLocalViewing,
  type Profile,
} from '../../src/sync/presence';

// Presence (docs/sync.md): awareness states { user: { name, organisation, color }, editing }, as
// real y-protocols Awareness instances exchange them; remote states are validated.

const made: Awareness[] = [];
function awareness(): Awareness {
  const a = new Awareness(new Y.Doc());
  made.push(a);
  return a;
}
afterEach(() => {
  for (const a of made.splice(0)) {
    a.doc.destroy();
    a.destroy();
  }
});

/** What `from` sends the room about itself, received by `to` (as y-webrtc carries it). */
function deliver(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
}

/** A remote peer whose awareness state is `state`, whatever it is. */
function remote(to: Awareness, state: unknown): Awareness {
  const peer = awareness();
  peer.setLocalState(state as Record<string, unknown>);
  deliver(peer, to);
  return peer;
}

const anna: Profile = { name: 'Anna Rossi', organisation: 'Comune di Genova', color: '#1f77b4' };
const bruno: Profile = { name: 'Bruno Peeters', organisation: 'Stad Antwerpen', color: '#d62728' };
const zoe: Profile = { name: 'Zoë Novak', organisation: '', color: '#2CA02C' };

describe('readParticipants', () => {
  it('reads valid remote states, with what each person is editing', () => {
    const me = awareness();
    setLocalProfile(me, zoe);
    const a = remote(me, { user: anna, editing: { kind: 'focusPoint', id: 'p1AbCdEfGhIjKlMn', field: 'text' } });
    const b = remote(me, { user: bruno, editing: null });
    const c = remote(me, { user: { name: 'Carla', organisation: 'Ajuntament de Barcelona', color: '#9467bd' } });
    expect(readParticipants(me)).toEqual([
      { ...zoe, clientId: me.clientID, editing: null, viewing: false, self: true },
      { ...anna, clientId: a.clientID, editing: { kind: 'focusPoint', id: 'p1AbCdEfGhIjKlMn', field: 'text' }, viewing: false, self: false },
      { ...bruno, clientId: b.clientID, editing: null, viewing: false, self: false },
      { name: 'Carla', organisation: 'Ajuntament de Barcelona', color: '#9467bd', clientId: c.clientID, editing: null, viewing: false, self: false },
    ]);
  });

  it('puts this person first, then the others by name', () => {
    const me = awareness();
    remote(me, { user: bruno });
    remote(me, { user: anna });
    setLocalProfile(me, zoe);
    expect(readParticipants(me).map((p) => [p.name, p.self])).toEqual([
      ['Zoë Novak', true],
      ['Anna Rossi', false],
      ['Bruno Peeters', false],
    ]);
  });

  it('accepts every editable kind, with or without a field', () => {
    const me = awareness();
    for (const kind of EDITABLE_KINDS) {
      remote(me, { user: { ...anna, name: `${kind} editor` }, editing: { kind, id: `${kind}-id` } });
      remote(me, { user: { ...anna, name: `${kind} field editor` }, editing: { kind, id: `${kind}-id`, field: 'title' } });
    }
    const editing = readParticipants(me).map((p) => p.editing);
    expect(editing).toHaveLength(EDITABLE_KINDS.length * 2);
    for (const kind of EDITABLE_KINDS) {
      expect(editing).toContainEqual({ kind, id: `${kind}-id` });
      expect(editing).toContainEqual({ kind, id: `${kind}-id`, field: 'title' });
    }
  });

  it('ignores remote states that do not fit, and keeps reading the others', () => {
    const me = awareness();
    setLocalProfile(me, zoe);
    const invalid: unknown[] = [
      {},
      { editing: null },
      { user: null },
      { user: 'Anna' },
      { user: { organisation: 'Comune di Genova', color: '#1f77b4' } },
      { user: { ...anna, name: '' } },
      { user: { ...anna, name: 42 } },
      { user: { ...anna, name: 'x'.repeat(81) } },
      { user: { ...anna, organisation: 'x'.repeat(121) } },
      { user: { name: 'Anna', color: '#1f77b4' } },
      { user: { ...anna, color: 'red' } },
      { user: { ...anna, color: '#12345' } },
      { user: { ...anna, color: '#1234567' } },
      { user: { ...anna, color: '#12345g' } },
      { user: { ...anna, color: 'url(javascript:alert(1))' } },
      { user: { ...anna, color: undefined } },
      { user: anna, editing: { kind: 'password', id: 'x' } },
      { user: anna, editing: { kind: 'FocusPoint', id: 'x' } },
      { user: anna, editing: { kind: 'topic' } },
      { user: anna, editing: { kind: 'topic', id: 'x'.repeat(65) } },
      { user: anna, editing: { kind: 'topic', id: 'x', field: 'x'.repeat(41) } },
      { user: anna, editing: { kind: 'topic', id: 'x', field: 7 } },
      { user: anna, editing: 'topic' },
      { user: anna, editing: [] },
      42,
      'Anna',
      true,
      [anna],
    ];
    for (const state of invalid) remote(me, state);
    const valid = remote(me, { user: bruno, editing: { kind: 'topic', id: 't1' } });
    expect(me.getStates().size).toBe(invalid.length + 2);
    expect(readParticipants(me).map((p) => [p.clientId, p.name])).toEqual([
      [me.clientID, zoe.name],
      [valid.clientID, bruno.name],
    ]);
  });

  it('reads a selection shared as Yjs relative positions, and ignores a malformed one', () => {
    const me = awareness();
    const text = new Y.Doc().getText('t');
    text.insert(0, 'Compare licensing hours');
    const anchor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 8)) as Record<string, unknown>;
    const head = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 17)) as Record<string, unknown>;
    const a = remote(me, { user: anna, editing: { kind: 'focusPoint', id: 'fp1', field: 'text', anchor, head } });
    for (const bad of ['x', 42, { item: { client: 'a', clock: 1 } }, { type: { client: 1 } }, { tname: 'x'.repeat(101) }, { assoc: 'after' }]) {
      remote(me, { user: bruno, editing: { kind: 'focusPoint', id: 'fp1', field: 'text', anchor: bad } });
      remote(me, { user: bruno, editing: { kind: 'focusPoint', id: 'fp1', field: 'text', anchor, head: bad } });
    }
    const read = readParticipants(me);
    expect(read.map((p) => p.clientId)).toEqual([a.clientID]);
    const shared = read[0]!.editing as { anchor: unknown; head: unknown };
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(shared.head), text.doc!);
    expect(position?.index).toBe(17);
    expect(shared.anchor).toEqual(anchor);
  });

  it('keeps only the known fields of a state', () => {
    const me = awareness();
    remote(me, { user: { ...anna, isAdmin: true }, editing: { kind: 'topic', id: 't1', extra: 'x' }, cursor: { anchor: 1 } });
    const [person] = readParticipants(me);
    expect(person).toEqual({ ...anna, clientId: expect.any(Number), editing: { kind: 'topic', id: 't1' }, viewing: false, self: false });
  });

  it('lists nobody before a profile is set, and drops a peer that leaves', () => {
    const me = awareness();
    expect(readParticipants(me)).toEqual([]);
    const a = remote(me, { user: anna });
    expect(readParticipants(me).map((p) => p.name)).toEqual([anna.name]);
    a.setLocalState(null);
    deliver(a, me);
    expect(readParticipants(me)).toEqual([]);
  });
});

describe('viewing (issue 14)', () => {
  it('reads a view-only holder as viewing, and a state without the field (an older peer) as an editor', () => {
    const me = awareness();
    const a = remote(me, { user: anna, viewing: true });
    const b = remote(me, { user: bruno });
    const c = remote(me, { user: { ...zoe, name: 'Carla' }, viewing: false });
    const viewing = new Map(readParticipants(me).map((p) => [p.clientId, p.viewing]));
    expect([viewing.get(a.clientID), viewing.get(b.clientID), viewing.get(c.clientID)]).toEqual([true, false, false]);
  });

  it('ignores a state whose viewing field is not a yes or no', () => {
    const me = awareness();
    remote(me, { user: anna, viewing: 'yes' });
    expect(readParticipants(me)).toEqual([]);
  });

  it('sends viewing: true only for a viewer, and leaves the field out again once this person edits', () => {
    const me = awareness();
    const other = awareness();
    setLocalProfile(me, anna);
    setLocalViewing(me, true);
    deliver(me, other);
    expect(readParticipants(other)[0]?.viewing).toBe(true);
    setLocalViewing(me, false);
    expect(me.getLocalState()?.['viewing']).toBeUndefined();
    deliver(me, other);
    expect(readParticipants(other)[0]?.viewing).toBe(false);
  });
});

describe('setLocalEditing', () => {
  it('round-trips through the awareness protocol, keeping the profile', () => {
    const me = awareness();
    const partner = awareness();
    setLocalProfile(me, anna);
    setLocalEditing(me, { kind: 'practice', id: 'pr1', field: 'budget' });
    deliver(me, partner);
    const seen = readParticipants(partner);
    expect(seen).toEqual([{ ...anna, clientId: me.clientID, editing: { kind: 'practice', id: 'pr1', field: 'budget' }, viewing: false, self: false }]);
    expect(readParticipants(me)[0]).toMatchObject({ self: true, editing: { kind: 'practice', id: 'pr1', field: 'budget' } });

    setLocalEditing(me, { kind: 'focusPoint', id: 'fp1' });
    deliver(me, partner);
    expect(readParticipants(partner)[0]!.editing).toEqual({ kind: 'focusPoint', id: 'fp1' });

    setLocalEditing(me, null);
    deliver(me, partner);
    expect(readParticipants(partner)).toEqual([{ ...anna, clientId: me.clientID, editing: null, viewing: false, self: false }]);
    expect(me.getLocalState()).toEqual({ user: anna, editing: null });
  });

  it('sends nothing when what this person edits, and where, is unchanged', () => {
    const me = awareness();
    setLocalProfile(me, anna);
    let sent = 0;
    me.on('update', () => sent++);
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'Ports');
    const at = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
    // Typing at the end: the caret's anchor is the text's end before and after each keystroke.
    setLocalEditing(me, { kind: 'focusPoint', id: 'fp1', field: 'text', anchor: at(5), head: at(5) });
    text.insert(5, 's');
    setLocalEditing(me, { kind: 'focusPoint', id: 'fp1', field: 'text', anchor: at(6), head: at(6) });
    expect(sent).toBe(1);
    // Typing before "Ports": the anchor stays on the P.
    setLocalEditing(me, { kind: 'focusPoint', id: 'fp1', field: 'text', anchor: at(0), head: at(0) });
    text.insert(0, 'EU ');
    setLocalEditing(me, { kind: 'focusPoint', id: 'fp1', field: 'text', anchor: at(3), head: at(3) });
    expect(sent).toBe(2);
    setLocalEditing(me, null);
    setLocalEditing(me, null);
    expect(sent).toBe(3);
  });

  it('notifies observers, until they stop observing', () => {
    const me = awareness();
    setLocalProfile(me, anna);
    let calls = 0;
    const stop = observeParticipants(me, () => calls++);
    setLocalEditing(me, { kind: 'topic', id: 't1' });
    expect(calls).toBe(1);
    stop();
    setLocalEditing(me, { kind: 'topic', id: 't2' });
    expect(calls).toBe(1);
  });
});

describe('profile', () => {
  function memoryStore(initial: Record<string, string> = {}) {
    const data = new Map(Object.entries(initial));
    return {
      data,
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
    };
  }

  it('is saved under tavola.profile.v1 and loads back', () => {
    const store = memoryStore();
    expect(loadProfile(store)).toBeNull();
    saveProfile(anna, store);
    expect(JSON.parse(store.data.get('tavola.profile.v1')!)).toEqual(anna);
    expect(loadProfile(store)).toEqual(anna);
  });

  it('reads as null when stored data is corrupt or does not fit', () => {
    for (const stored of ['{not json', '', 'null', '42', '"Anna"', '[]', JSON.stringify({ ...anna, color: 'blue' }), JSON.stringify({ ...anna, name: '' })]) {
      expect(loadProfile(memoryStore({ 'tavola.profile.v1': stored }))).toBeNull();
    }
  });

  it('refuses to save a profile that does not fit, and keeps the one stored', () => {
    const store = memoryStore();
    saveProfile(anna, store);
    expect(() => saveProfile({ ...bruno, name: 'x'.repeat(81) }, store)).toThrow();
    expect(() => saveProfile({ ...bruno, color: 'red' }, store)).toThrow();
    expect(loadProfile(store)).toEqual(anna);
  });

  it('picks colours that pass validation', () => {
    for (const color of PERSON_COLORS) expect(loadProfile(memoryStore({ 'tavola.profile.v1': JSON.stringify({ ...anna, color }) }))?.color).toBe(color);
    for (let i = 0; i < 50; i++) expect(PERSON_COLORS).toContain(randomColor());
  });
});
