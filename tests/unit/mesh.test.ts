// @tavola/webrtc's Mesh (packages/webrtc/src/mesh.js): what a peer sends on of what it received,
// on a room made of plain objects, as y-webrtc.js's Room looks to it.
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BC_ORIGIN, MESH_FIELD, Mesh, STEP1_INTERVAL_MS } from '@tavola/webrtc';

interface FakeConn {
  remotePeerId: string;
  connected: boolean;
  closed: boolean;
  sent: Uint8Array[];
  peer: { send(message: Uint8Array): void };
}

function conn(remotePeerId: string): FakeConn {
  const sent: Uint8Array[] = [];
  return { remotePeerId, connected: true, closed: false, sent, peer: { send: (message) => sent.push(message) } };
}

function room(peerId: string, conns: FakeConn[]) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const toTabs: Uint8Array[] = [];
  const fake = {
    peerId,
    doc,
    awareness,
    webrtcConns: new Map(conns.map((c) => [c.remotePeerId, c])),
    bcconnected: true,
    bcConns: new Set<string>(),
    provider: { filterBcConns: true },
  };
  const mesh = new Mesh(fake, (_room: unknown, message: Uint8Array) => toTabs.push(message)) as unknown as Mesh & {
    connect(): void;
    disconnect(): void;
    send(message: Uint8Array | (() => Uint8Array), from: unknown): void;
    linkClosed(): void;
    linksChanged(): void;
  };
  return { fake, mesh, awareness, toTabs };
}

/** A partner's presence, as it arrives: its y-webrtc peer id and the links it announces. */
function partner(awareness: Awareness, clientID: number, peer: string, links: string[]) {
  const states = awareness.getStates() as Map<number, Record<string, unknown>>;
  const had = states.has(clientID);
  states.set(clientID, { user: { name: peer }, [MESH_FIELD]: { peer, links } });
  awareness.meta.set(clientID, { clock: 1, lastUpdated: Date.now() });
  awareness.emit('change', [{ added: had ? [] : [clientID], updated: had ? [clientID] : [], removed: [] }, 'remote']);
}

const message = new Uint8Array([0, 2, 1, 0]);

afterEach(() => vi.useRealTimers());

describe('what a peer sends on', () => {
  test('its own changes go to every connection', () => {
    const x = conn('x');
    const y = conn('y');
    const { mesh } = room('p', [x, y]);
    mesh.connect();
    mesh.send(message, null);
    expect([x.sent.length, y.sent.length]).toEqual([1, 1]);
  });

  test('a received change never goes back where it came from', () => {
    const x = conn('x');
    const y = conn('y');
    const { mesh } = room('p', [x, y]);
    mesh.connect();
    mesh.send(message, x);
    expect([x.sent.length, y.sent.length]).toEqual([0, 1]);
  });

  test('a received change is not sent on to a partner linked to its sender, when both say so', () => {
    const x = conn('x');
    const y = conn('y');
    const z = conn('z');
    const { mesh, awareness } = room('p', [x, y, z]);
    mesh.connect();
    partner(awareness, 11, 'x', ['p', 'y', 'z']);
    // y says nothing yet: x's word alone is not enough.
    mesh.send(message, x);
    expect([y.sent.length, z.sent.length]).toEqual([1, 1]);
    partner(awareness, 12, 'y', ['p', 'x']);
    mesh.send(message, x);
    // z never announced: it still gets what x sends, as with y-webrtc.
    expect([x.sent.length, y.sent.length, z.sent.length]).toEqual([0, 1, 2]);
    // y's link to x closes: y says so, and gets what x sends through p again.
    partner(awareness, 12, 'y', ['p']);
    mesh.send(message, x);
    expect(y.sent.length).toBe(2);
  });

  test('a received change with nowhere to go is not even encoded (a new peer\'s whole state)', () => {
    const x = conn('x');
    const { mesh } = room('p', [x]);
    mesh.connect();
    const encode = vi.fn(() => message);
    mesh.send(encode, x);
    expect(encode).not.toHaveBeenCalled();
    mesh.send(encode, null);
    expect(encode).toHaveBeenCalledTimes(1);
    expect(x.sent).toHaveLength(1);
  });

  test('other tabs get changes only when there are any, and never what came from a tab', () => {
    const x = conn('x');
    const { mesh, fake, toTabs } = room('p', [x]);
    mesh.connect();
    mesh.send(message, null);
    mesh.send(message, x);
    expect(toTabs).toHaveLength(0);
    fake.bcConns.add('tab');
    mesh.send(message, null);
    mesh.send(message, x);
    mesh.send(message, BC_ORIGIN);
    expect(toTabs).toHaveLength(2);
    // What came from a tab still goes to every connection: partners may not be linked to that tab.
    expect(x.sent).toHaveLength(3);
  });
});

describe('announcing links', () => {
  test('a peer puts its open links in its presence, and back when the page replaces its presence', () => {
    const x = conn('x');
    const y = conn('y');
    y.connected = false;
    const { mesh, awareness } = room('p', [x, y]);
    awareness.setLocalState({ user: { name: 'Lisbon' } });
    mesh.connect();
    expect(awareness.getLocalState()?.[MESH_FIELD]).toEqual({ peer: 'p', links: ['x'] });
    y.connected = true;
    mesh.linksChanged();
    expect(awareness.getLocalState()?.[MESH_FIELD]).toEqual({ peer: 'p', links: ['x', 'y'] });
    awareness.setLocalState({ user: { name: 'Lisbon' }, editing: null });
    expect(awareness.getLocalState()).toEqual({ user: { name: 'Lisbon' }, editing: null, [MESH_FIELD]: { peer: 'p', links: ['x', 'y'] } });
  });

  test('a peer with no presence announces nothing, and is never relied on', () => {
    const x = conn('x');
    const { mesh, awareness } = room('p', [x]);
    awareness.setLocalState(null);
    mesh.connect();
    mesh.linksChanged();
    expect(awareness.getLocalState()).toBeNull();
  });

  test('when a link closes, the others are asked for what they hold, at most once per connection in STEP1_INTERVAL_MS', () => {
    vi.useFakeTimers();
    const x = conn('x');
    const y = conn('y');
    const { mesh, awareness } = room('p', [x, y]);
    awareness.setLocalState({ user: { name: 'Lisbon' } });
    mesh.connect();
    const step1 = (sent: Uint8Array[]) => sent.filter((m) => m[0] === 0 && m[1] === 0).length;
    y.connected = false;
    y.closed = true;
    mesh.linkClosed();
    expect(awareness.getLocalState()?.[MESH_FIELD]).toEqual({ peer: 'p', links: ['x'] });
    expect([step1(x.sent), step1(y.sent)]).toEqual([1, 0]);
    mesh.linkClosed();
    expect(step1(x.sent)).toBe(1);
    vi.advanceTimersByTime(STEP1_INTERVAL_MS);
    expect(step1(x.sent)).toBe(2);
    mesh.disconnect();
  });
});
