// The bench's lab page, of the same origin as the app: the bare libraries doing the app's work,
// for the floors, and the seeding of a workspace's history into IndexedDB through y-indexeddb.
// Driven by bench/run.ts through page.evaluate(); everything is on window.__lab.
// Uses window.__bench from bench/lib/probe.js (clock, afterPaint, raw data channels).
import * as Y from 'yjs';
import { IndexeddbPersistence, storeState, PREFERRED_TRIM_SIZE } from 'y-indexeddb';
import { WebrtcProvider } from 'y-webrtc';

interface Probe {
  now(): number;
  clock(): number;
  afterPaint(timeOf?: () => number): Promise<number>;
  rtcTap: {
    openAt: number | null;
    firstMessageAt: number | null;
    lastMessageAt: number | null;
    bytesIn: number;
    frames: { total: number; firstAt: number | null; lastAt: number | null };
  };
  rtc: { channel(label: string): RTCDataChannel };
}
const probe = (window as unknown as { __bench: Probe }).__bench;

/** y-indexeddb's fields the seeding reads (not in its typings). */
interface PersistenceInternals {
  db: IDBDatabase | null;
  _dbsize: number;
  _storeTimeout: number;
  _storeTimeoutId: ReturnType<typeof setTimeout> | null;
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

const fromBase64 = (text: string) => {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};
const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/** Updates packed by bench/run.ts: each a uint32 length (big-endian) and its bytes. */
function unpack(packed: Uint8Array): Uint8Array[] {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const updates: Uint8Array[] = [];
  for (let at = 0; at < packed.byteLength; ) {
    const length = view.getUint32(at);
    updates.push(packed.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return updates;
}

/** Resolves once every write transaction started on the store before it has committed. */
async function settled(db: IDBDatabase): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const transaction = db.transaction('updates', 'readwrite');
    transaction.objectStore('updates').count();
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
}

/** What Tavola does after loading (src/sync/persistence.ts): y-indexeddb's empty updates go. */
async function dropEmptyUpdates(db: IDBDatabase): Promise<void> {
  await new Promise<void>((resolve) => {
    const transaction = db.transaction('updates', 'readwrite');
    const cursorRequest = transaction.objectStore('updates').openCursor();
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) return;
      const value = cursor.value as Uint8Array;
      if (value.byteLength === 2 && value[0] === 0 && value[1] === 0) cursor.delete();
      cursor.continue();
    };
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => resolve();
  });
}

/** See lab.seedSession. */
async function seed(name: string, updates: Uint8Array[], pausesAfter: number[]): Promise<{ trims: number; ms: number }> {
  const started = performance.now();
  const sessionDoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, sessionDoc);
  const internals = persistence as unknown as PersistenceInternals;
  await persistence.whenSynced;
  await dropEmptyUpdates(internals.db!);
  // The timer is replaced by the pauses below.
  internals._storeTimeout = 2 ** 31 - 1;
  let trims = 0;
  let next = 0;
  for (const last of pausesAfter) {
    for (; next <= last; next++) Y.applyUpdate(sessionDoc, updates[next]!, 'session');
    if (next < updates.length && internals._dbsize >= PREFERRED_TRIM_SIZE) {
      if (internals._storeTimeoutId !== null) clearTimeout(internals._storeTimeoutId);
      internals._storeTimeoutId = null;
      await storeState(persistence, false);
      await settled(internals.db!);
      trims++;
    }
  }
  await settled(internals.db!);
  await persistence.destroy();
  sessionDoc.destroy();
  return { trims, ms: performance.now() - started };
}

async function loadDoc(name: string): Promise<Y.Doc> {
  const db = await request(indexedDB.open(name));
  const updates = (await request(db.transaction('updates').objectStore('updates').getAll())) as Uint8Array[];
  db.close();
  const loaded = new Y.Doc();
  Y.transact(loaded, () => updates.forEach((update) => Y.applyUpdate(loaded, update)));
  return loaded;
}

let doc: Y.Doc | null = null;
const providers = new Map<string, WebrtcProvider>();

const lab = {
  setLocalStorage(entries: Record<string, string>): boolean {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    return true;
  },

  /**
   * One session of the history, stored as the app would have stored it: a new Y.Doc (a new page
   * load) opens the database with y-indexeddb, then each update is applied to it, so y-indexeddb
   * stores each one separately. y-indexeddb merges everything into one update ("trims") when the
   * document has been idle for 1 s with 500 or more stored updates; here the person pauses after
   * each burst of typing (`pausesAfter`), and the trim runs at the first pause once 500 are stored,
   * as y-indexeddb's timer would (the pause is not waited out: time is compressed). The session
   * ends right after its last edit (within the second, so no trim then).
   */
  async seedSession(name: string, packed: string, pausesAfter: number[]): Promise<{ trims: number; ms: number }> {
    return seed(name, unpack(fromBase64(packed)), pausesAfter);
  },

  /** One session whose packed updates are a file of the bench's server (a large workspace's state). */
  async seedSessionFrom(name: string, url: string): Promise<{ trims: number; ms: number; bytes: number }> {
    const packed = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const updates = unpack(packed);
    return { ...(await seed(name, updates, [updates.length - 1])), bytes: packed.byteLength };
  },

  /**
   * Whether the workspace's database holds the same document as `snapshot` (from `snapshot()` in
   * another browser): the same state vector and the same deletions (Y.equalSnapshots).
   */
  async sameAs(name: string, snapshot: string): Promise<{ equal: boolean; stateBytes: number }> {
    const loaded = await loadDoc(name);
    const equal = Y.equalSnapshots(Y.snapshot(loaded), Y.decodeSnapshot(fromBase64(snapshot)));
    const stateBytes = Y.encodeStateAsUpdate(loaded).byteLength;
    loaded.destroy();
    return { equal, stateBytes };
  },

  async snapshot(name: string): Promise<string> {
    const loaded = await loadDoc(name);
    const snapshot = toBase64(Y.encodeSnapshot(Y.snapshot(loaded)));
    loaded.destroy();
    return snapshot;
  },

  /** The lengths of some focus points' texts in this page's document (the call's load arrived). */
  textLengths(pointIds: string[]): number[] {
    return pointIds.map((id) => ((doc!.getMap('focusPoints').get(id) as Y.Map<unknown>).get('text') as Y.Text).length);
  },

  /** What the workspace's database holds: its stored updates, and the state they encode. */
  async stored(name: string): Promise<{ count: number; bytes: number; largest: number; stateBytes: number; indexedDbUsage: number | null }> {
    const db = await request(indexedDB.open(name));
    const updates = (await request(db.transaction('updates').objectStore('updates').getAll())) as Uint8Array[];
    db.close();
    const loaded = new Y.Doc();
    Y.transact(loaded, () => updates.forEach((update) => Y.applyUpdate(loaded, update)));
    const stateBytes = Y.encodeStateAsUpdate(loaded).byteLength;
    loaded.destroy();
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
    return {
      count: updates.length,
      bytes: updates.reduce((n, update) => n + update.byteLength, 0),
      largest: updates.reduce((n, update) => Math.max(n, update.byteLength), 0),
      stateBytes,
      indexedDbUsage: estimate.usageDetails?.indexedDB ?? null,
    };
  },

  /** Load the workspace from its database into this page's document (for the WebRTC floors). */
  async load(name: string): Promise<{ bytes: number }> {
    const db = await request(indexedDB.open(name));
    const updates = (await request(db.transaction('updates').objectStore('updates').getAll())) as Uint8Array[];
    db.close();
    doc = new Y.Doc();
    const loaded = doc;
    Y.transact(loaded, () => updates.forEach((update) => Y.applyUpdate(loaded, update)));
    return { bytes: Y.encodeStateAsUpdate(loaded).byteLength };
  },

  stateVector(): string {
    return toBase64(Y.encodeStateVector(doc!));
  },

  /**
   * The sending side of the raw-channel floor: on "go", encode the document's state (what a
   * y-webrtc sync step 2 carries to a new peer) and send it in 64 KiB chunks with the same flow
   * control as Tavola's transport (at most 1 MiB waiting in the channel, resumed below 64 KiB).
   */
  serveState(label: string): boolean {
    const channel = probe.rtc.channel(label);
    channel.bufferedAmountLowThreshold = 64 * 1024;
    channel.onmessage = (event) => {
      if (event.data !== 'go') return;
      const state = Y.encodeStateAsUpdate(doc!);
      const header = new Uint8Array(4);
      new DataView(header.buffer).setUint32(0, state.byteLength);
      channel.send(header);
      let at = 0;
      const pump = () => {
        while (at < state.byteLength) {
          if (channel.bufferedAmount > 1024 * 1024) {
            channel.addEventListener('bufferedamountlow', pump, { once: true });
            return;
          }
          channel.send(state.subarray(at, Math.min(state.byteLength, at + 64 * 1024)) as Uint8Array<ArrayBuffer>);
          at += 64 * 1024;
        }
      };
      pump();
    };
    return true;
  },

  /** The receiving side: ask, reassemble, apply to a new document, wait for the next frame. */
  async pullState(label: string): Promise<{ total: number; firstByteMs: number; receivedMs: number; appliedMs: number; paintMs: number }> {
    const channel = probe.rtc.channel(label);
    const askedAt = probe.now();
    const received = await new Promise<{ bytes: Uint8Array; firstAt: number }>((resolve) => {
      let buffer: Uint8Array | null = null;
      let filled = 0;
      let firstAt = 0;
      channel.onmessage = (event) => {
        const bytes = new Uint8Array(event.data as ArrayBuffer);
        if (!buffer) {
          firstAt = probe.now();
          buffer = new Uint8Array(new DataView(bytes.buffer).getUint32(0));
          return;
        }
        buffer.set(bytes, filled);
        filled += bytes.byteLength;
        if (filled === buffer.byteLength) {
          channel.onmessage = null;
          resolve({ bytes: buffer, firstAt });
        }
      };
      channel.send('go');
    });
    const receivedAt = probe.now();
    const target = new Y.Doc();
    Y.applyUpdate(target, received.bytes);
    const appliedAt = probe.now();
    document.getElementById('out')!.textContent = `${target.getMap('topics').size} topics, ${target.getMap('focusPoints').size} focus points`;
    const paintAt = await probe.afterPaint();
    target.destroy();
    return {
      total: received.bytes.byteLength,
      firstByteMs: received.firstAt - askedAt,
      receivedMs: receivedAt - askedAt,
      appliedMs: appliedAt - askedAt,
      paintMs: paintAt - askedAt,
    };
  },

  /**
   * Offer this page's document in a y-webrtc room (Tavola's chunking transport underneath), with
   * the app's settings: its relay, a password, no STUN/TURN servers (the app's default).
   * Resolves once connected to the relay, as the app's A is long before B comes.
   */
  async host(room: string, relay: string, password: string): Promise<boolean> {
    const provider = new WebrtcProvider(room, doc!, { signaling: [relay], password, peerOpts: { config: { iceServers: [] } } });
    providers.set(room, provider);
    const relays = provider.signalingConns as unknown as { connected: boolean }[];
    while (!relays.every((conn) => conn.connected)) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    return true;
  },

  /**
   * Join a room with a new, empty document, as a new peer does; resolves when the document's
   * state vector equals `target` (the host's): the whole workspace has arrived.
   */
  async join(
    room: string,
    relay: string,
    password: string,
    target: string,
  ): Promise<{ openMs: number; firstFrameMs: number; framesMs: number; completeMs: number; paintMs: number; paintSinceNavigationMs: number; bytesIn: number }> {
    const startedAt = probe.now();
    const tap = probe.rtcTap;
    tap.openAt = null;
    tap.frames = { total: 0, firstAt: null, lastAt: null };
    const bytesBefore = tap.bytesIn;
    doc = new Y.Doc();
    const joined = doc;
    const wanted = Y.decodeStateVector(fromBase64(target));
    const complete = new Promise<number>((resolve) => {
      const check = () => {
        const have = Y.decodeStateVector(Y.encodeStateVector(joined));
        for (const [client, clock] of wanted) if ((have.get(client) ?? 0) < clock) return;
        joined.off('update', check);
        resolve(probe.now());
      };
      joined.on('update', check);
    });
    providers.set(room, new WebrtcProvider(room, joined, { signaling: [relay], password, peerOpts: { config: { iceServers: [] } } }));
    const completeAt = await complete;
    document.getElementById('out')!.textContent = `${joined.getMap('topics').size} topics, ${joined.getMap('focusPoints').size} focus points`;
    const paintAt = await probe.afterPaint();
    return {
      openMs: (tap.openAt ?? NaN) - startedAt,
      firstFrameMs: (tap.frames.firstAt ?? NaN) - startedAt,
      framesMs: (tap.frames.lastAt ?? NaN) - startedAt,
      completeMs: completeAt - startedAt,
      paintMs: paintAt - startedAt,
      paintSinceNavigationMs: paintAt,
      bytesIn: tap.bytesIn - bytesBefore,
    };
  },

  leave(room: string): boolean {
    providers.get(room)?.destroy();
    providers.delete(room);
    return true;
  },

  /** The keystroke floor, sending side: one character at a time into a focus point's text. */
  async typeInto(pointId: string, count: number, intervalMs: number, chars: string): Promise<number[]> {
    const text = (doc!.getMap('focusPoints').get(pointId) as Y.Map<unknown>).get('text') as Y.Text;
    const sent: number[] = [];
    let due = performance.now();
    for (let i = 0; i < count; i++) {
      due += intervalMs;
      sent.push(probe.clock());
      doc!.transact(() => text.insert(text.length, chars[i % chars.length]!));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
    return sent;
  },

  /**
   * The typed keystroke floor, sending side: a plain `<textarea>` holding the point's text, each
   * character typed into it one `Y.Text.insert` in its own transaction (what the app does with a
   * keystroke, without the app): so the floor has the browser's own input pipeline too.
   */
  typedField(pointId: string): boolean {
    const text = (doc!.getMap('focusPoints').get(pointId) as Y.Map<unknown>).get('text') as Y.Text;
    const field = document.createElement('textarea');
    field.id = 'typed';
    field.value = text.toString();
    document.body.append(field);
    field.addEventListener('input', (event) => {
      const { inputType, data } = event as InputEvent;
      if (inputType !== 'insertText' || !data) return;
      const at = field.selectionStart - data.length;
      doc!.transact(() => text.insert(at, data));
    });
    return true;
  },

  /** The keystroke floor, receiving side: when each new length of the text arrived. */
  watchText(pointId: string): number {
    const text = (doc!.getMap('focusPoints').get(pointId) as Y.Map<unknown>).get('text') as Y.Text;
    const seen: { length: number; at: number }[] = [];
    (lab as unknown as { seen: typeof seen }).seen = seen;
    text.observe(() => seen.push({ length: text.length, at: probe.clock() }));
    return text.length;
  },

  seenText(): { length: number; at: number }[] {
    return (lab as unknown as { seen: { length: number; at: number }[] }).seen ?? [];
  },
};

(window as unknown as { __lab: typeof lab }).__lab = lab;

// index.html?join=<room>&relay=…&password=…&target=<state vector>: a new peer, as a page: it joins
// as soon as it runs, so its times count from its own navigation, like the app's share link.
const params = new URLSearchParams(location.search);
const room = params.get('join');
if (room) {
  (window as unknown as { __joined: ReturnType<typeof lab.join> }).__joined = lab.join(room, params.get('relay')!, params.get('password')!, params.get('target')!);
}

export type Lab = typeof lab;
