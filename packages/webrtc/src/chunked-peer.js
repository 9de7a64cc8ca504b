// @ts-check
/**
 * The peer y-webrtc (this package's copy, y-webrtc.js) connects with: a WebrtcPeer (peer.js) that
 * carries messages of any size over its data channel, and that does not let one peer freeze or
 * bloat this page.
 *
 * y-webrtc 10.3.0 sends each message whole, and Chromium refuses data-channel messages over
 * 256 KiB, so a workspace whose state is larger never reached a new peer (y-webrtc #20). Here:
 * - a message up to CHUNK_SIZE bytes is sent exactly as y-webrtc made it, so a plain y-webrtc
 *   peer still understands everything small;
 * - a larger one is split into frames: FRAME_MARKER, then four big-endian uint32s (message id,
 *   frame index, frame count, total length), then up to CHUNK_SIZE bytes of the message;
 * - frames are reassembled in order before y-webrtc sees the message, into a buffer that grows as
 *   they arrive, within MAX_MESSAGE_SIZE per message and MAX_REASSEMBLY_BYTES over all peers, and
 *   a message whose frames stop coming for FRAME_IDLE_TIMEOUT_MS is given up;
 * - every message is checked against y-webrtc's protocol (docs/sync.md, "Limits") before y-webrtc
 *   reads it: its structure, how often a peer asks for the whole state, how many presence clients
 *   it brings and how large their states are, how many messages it sends;
 * - document updates are applied in batches, and a peer whose updates leave more than
 *   MAX_PENDING_BYTES waiting for dependencies that never come is dropped;
 * - what waits to be sent to one peer is bounded (MAX_OUTBOX_BYTES).
 * Anything malformed or over a limit drops the peer (its connection is destroyed); nothing it sends
 * can throw out of here. Frames are queued and sent as the channel drains, so a 5 MB state never
 * overflows its buffer. What y-webrtc sends before the channel is open is not kept: the sync that
 * y-webrtc runs on every new connection carries it.
 *
 * The checks that need the document (applying updates here to see them fail, pending updates,
 * removing a dropped peer's presence) are on when y-webrtc's `peerOpts` carry
 * `tavola: { doc, awareness, origin }` (Tavola's src/sync/peers.ts does); without it the rest still holds.
 */
import { WebrtcPeer } from './peer.js';
import * as logging from 'lib0/logging';
import * as Y from 'yjs';
import { removeAwarenessStates } from 'y-protocols/awareness';
import {
  WRITERS_MESSAGE, CHALLENGE, PROOF, VIEWER, NONCE_BYTES, PROOF_TIMEOUT_MS,
  fingerprintOf, proofBytes, sign, verify, writersMessage, parseWritersMessage,
} from './writers.js';

/**
 * Y.applyUpdate, except for a whole document received into an empty one (a new peer's first sync
 * step 2, 6.5 MB for the workspace of docs/performance.md): then the document's `update` listeners
 * (y-indexeddb storing it, y-webrtc, the app's) get the received bytes themselves. Yjs would
 * encode what it just applied again for them, about 180 ms and as many bytes of garbage for that
 * workspace. The received update holds exactly what was applied when nothing of it was known
 * before and nothing of it waits for missing parts; otherwise (or with `updateV2` listeners, which
 * want another encoding) this is Y.applyUpdate. The listeners are called after the transaction,
 * with it as their fourth argument, as Yjs calls them (lib0's Observable keeps them in
 * `_observers`).
 * @param {Y.Doc} doc @param {Uint8Array} update @param {unknown} origin
 */
export function applyReceived(doc, update, origin) {
  const observers = /** @type {Map<string, Set<Function>>} */ (/** @type {any} */ (doc)._observers);
  const listeners = observers.get('update');
  if (doc.store.clients.size > 0 || !listeners || observers.has('updateV2') || doc.store.pendingStructs || doc.store.pendingDs) {
    Y.applyUpdate(doc, update, origin);
    return;
  }
  /** @type {Y.Transaction | null} */
  let transaction = null;
  /** @param {Y.Transaction} tr */
  const seen = (tr) => {
    transaction = tr;
  };
  observers.delete('update');
  doc.on('afterTransaction', seen);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', seen);
    // A listener added meanwhile is kept with the others.
    const added = observers.get('update');
    observers.set('update', listeners);
    if (added) for (const listener of added) listeners.add(listener);
  }
  if (!transaction || doc.store.clients.size === 0) return;
  if (doc.store.pendingStructs || doc.store.pendingDs) {
    // Part of it waits: give the listeners what Yjs applied, as it would have.
    const applied = Y.encodeStateAsUpdate(doc);
    for (const listener of [...listeners]) listener(applied, origin, doc, transaction);
    return;
  }
  for (const listener of [...listeners]) listener(update, origin, doc, transaction);
}

/**
 * Diagnostics (peer.js): the first MESSAGES_LOGGED messages each way of a connection, with the
 * channel they go on or came on; enough for a join, never a whole call.
 */
const log = logging.createModuleLogger('tavola-webrtc-messages');
const MESSAGES_LOGGED = 12;

/** Two bytes no y-webrtc message starts with (its first byte is a message type: 0, 1, 3 or 4). */
/** @type {[number, number]} */
export const FRAME_MARKER = [0xff, 0x54];
export const HEADER_SIZE = 2 + 4 * 4;
export const CHUNK_SIZE = 64 * 1024;
/** The largest message a peer may send us, reassembled (20 times the 6.5 MB workspace of docs/performance.md). */
export const MAX_MESSAGE_SIZE = 128 * 1024 * 1024;
/** What all peers together may hold in unfinished framed messages. */
export const MAX_REASSEMBLY_BYTES = 256 * 1024 * 1024;
/** An unfinished framed message whose next frame does not come within this is given up. */
export const FRAME_IDLE_TIMEOUT_MS = 15_000;
/** What may wait in our queue for one peer; a peer that does not read is dropped. */
export const MAX_OUTBOX_BYTES = 2 * MAX_MESSAGE_SIZE;
/**
 * Keep at most this much waiting in the data channel; the rest waits in our queue. Half of
 * Chromium's 16 MiB send buffer: with 1 MiB the channel ran dry whenever the sender's main thread
 * was busy when 'bufferedamountlow' came (a new peer's 6.5 MB took 1.36 s against 0.92 s sent in
 * one go, docs/performance.md).
 */
const HIGH_WATER_MARK = 8 * 1024 * 1024;
/** Messages (reassembled) a peer may send: a burst of this many, then MESSAGES_PER_SECOND. */
export const MESSAGE_BURST = 2_000;
export const MESSAGES_PER_SECOND = 500;
/** Sync step 1 ("send me everything after this state"): a burst of this many, then one per STEP1_REFILL_MS. Awareness queries alike. */
export const STEP1_BURST = 3;
export const STEP1_REFILL_MS = 10_000;
/** Presence: live clients one connection may bring, and the size of one client's state (JSON, UTF-8 bytes). */
export const MAX_AWARENESS_CLIENTS = 100;
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;
/** Updates waiting for dependencies (Yjs pendingStructs + pendingDs) after a peer's batch. */
export const MAX_PENDING_BYTES = 256 * 1024;
/** How long updates may keep waiting for dependencies while a peer keeps sending more. */
export const PENDING_TIMEOUT_MS = 10_000;
/** A batch of incoming updates is applied at the latest when it holds this many, or this many bytes. */
export const BATCH_MAX_UPDATES = 500;
export const BATCH_MAX_BYTES = 1024 * 1024;
/**
 * A partner that has not answered our sync step 1 (y-webrtc sends it when the channel opens; every
 * y-webrtc peer answers it at once, writer, viewer or plain) and has sent nothing at all for this
 * long is on a broken link: the connection is closed, and y-webrtc makes a new one. Counted from
 * the last frame or message the partner sent, as the proof's deadline (writers.js).
 */
export const SILENT_LINK_MS = 10_000;
/**
 * A deadline's timer that fires this much after its time found the main thread busy: what the
 * partner sent meanwhile may still wait behind the timer, so it looks again this much later.
 */
const BUSY_TIMER_MS = 1_000;
/**
 * How many times a partner may challenge us on one connection: once, and once again when our
 * proof did not come by its deadline (it may have lost the first challenge, or we our answer).
 */
export const MAX_CHALLENGES = 2;

// y-webrtc's message types (y-webrtc.js) and y-protocols' sync message types (sync.js).
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const MESSAGE_BC_PEER_ID = 4;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** An update that changes nothing (Y.encodeStateAsUpdate of an empty document). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * Split `message` into frames. Exported for tests and for other programs.
 * @param {Uint8Array} message
 * @param {number} messageId
 * @returns {Uint8Array[]}
 */
export function frameMessage(message, messageId, chunkSize = CHUNK_SIZE) {
  const count = Math.ceil(message.byteLength / chunkSize);
  const frames = [];
  for (let index = 0; index < count; index++) {
    const part = message.subarray(index * chunkSize, Math.min(message.byteLength, (index + 1) * chunkSize));
    frames.push(frameHeader(messageId, index, count, message.byteLength, part));
  }
  return frames;
}

/**
 * One frame with any header values (for tests and other programs).
 * @param {number} messageId @param {number} index @param {number} count @param {number} total @param {Uint8Array} part
 */
export function frameHeader(messageId, index, count, total, part) {
  const frame = new Uint8Array(HEADER_SIZE + part.byteLength);
  const view = new DataView(frame.buffer);
  frame[0] = FRAME_MARKER[0];
  frame[1] = FRAME_MARKER[1];
  view.setUint32(2, messageId >>> 0);
  view.setUint32(6, index >>> 0);
  view.setUint32(10, count >>> 0);
  view.setUint32(14, total >>> 0);
  frame.set(part, HEADER_SIZE);
  return frame;
}

/** @param {Uint8Array} bytes */
export function isFrame(bytes) {
  return bytes.byteLength >= 2 && bytes[0] === FRAME_MARKER[0] && bytes[1] === FRAME_MARKER[1];
}

/**
 * Bytes held by unfinished messages, shared by every Reassembler made with it.
 * @typedef {{ used: number, max: number }} ReassemblyBudget
 */
/** @type {ReassemblyBudget} */
export const sharedReassemblyBudget = { used: 0, max: MAX_REASSEMBLY_BYTES };

/**
 * Reassembles framed messages, one at a time and in order (a data channel is ordered and
 * reliable, and a sender finishes one message before the next). The buffer grows as frames come
 * (doubling, never past the claimed total), so a claimed size costs nothing until it is sent.
 */
export class Reassembler {
  /** @param {number} [maxMessageSize] @param {ReassemblyBudget} [budget] */
  constructor(maxMessageSize = MAX_MESSAGE_SIZE, budget = sharedReassemblyBudget) {
    this.maxMessageSize = maxMessageSize;
    this.budget = budget;
    /** @type {{ id: number, count: number, total: number, next: number, buffer: Uint8Array, filled: number } | null} */
    this.current = null;
  }

  /** Bytes this reassembler holds now. */
  get held() {
    return this.current ? this.current.buffer.byteLength : 0;
  }

  /** Give up the message in progress, if any. */
  reset() {
    if (this.current) this.budget.used -= this.current.buffer.byteLength;
    this.current = null;
  }

  /**
   * @param {Uint8Array} frame
   * @returns {Uint8Array | null} the whole message once its last frame arrived
   * @throws {Error} on a malformed frame (the message in progress is given up)
   */
  push(frame) {
    try {
      return this._push(frame);
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  /** @param {Uint8Array} frame */
  _push(frame) {
    if (frame.byteLength < HEADER_SIZE) throw new Error('frame shorter than its header');
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const id = view.getUint32(2);
    const index = view.getUint32(6);
    const count = view.getUint32(10);
    const total = view.getUint32(14);
    const part = frame.subarray(HEADER_SIZE);
    if (total === 0 || total > this.maxMessageSize) throw new Error(`message of ${total} bytes is over the limit of ${this.maxMessageSize}`);
    if (count === 0 || count > total) throw new Error('impossible frame count');
    if (part.byteLength === 0) throw new Error('empty frame');
    if (index === 0) {
      if (this.current) throw new Error('new message before the previous one was complete');
      this.current = { id, count, total, next: 0, buffer: new Uint8Array(0), filled: 0 };
    }
    const current = this.current;
    if (!current) throw new Error('frame of a message that never started');
    if (current.id !== id || current.count !== count || current.total !== total) throw new Error('frame of another message');
    if (index !== current.next) throw new Error('frame out of order');
    const filled = current.filled + part.byteLength;
    if (filled > total) throw new Error('frames longer than the message');
    if (filled > current.buffer.byteLength) {
      const size = Math.min(total, Math.max(filled, 2 * current.buffer.byteLength, 2 * CHUNK_SIZE));
      const grow = size - current.buffer.byteLength;
      if (this.budget.used + grow > this.budget.max) {
        throw new Error(`unfinished messages of all peers would hold more than ${this.budget.max} bytes`);
      }
      const buffer = new Uint8Array(size);
      buffer.set(current.buffer.subarray(0, current.filled));
      this.budget.used += grow;
      current.buffer = buffer;
    }
    current.buffer.set(part, current.filled);
    current.filled = filled;
    current.next++;
    if (current.next < count) return null;
    this.reset();
    if (current.filled !== total) throw new Error('frames shorter than the message');
    return current.buffer.byteLength === total ? current.buffer : current.buffer.slice(0, total);
  }
}

// ------------------------------------------------------------------ reading y-webrtc messages

/** A cursor over a message; every read checks the bounds (lib0's decoding, but throwing Errors we expect). */
class Reader {
  /** @param {Uint8Array} bytes */
  constructor(bytes) {
    this.bytes = bytes;
    this.pos = 0;
  }

  get done() {
    return this.pos === this.bytes.byteLength;
  }

  varUint() {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.bytes.byteLength) throw new Error('truncated number');
      const byte = /** @type {number} */ (this.bytes[this.pos++]);
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) throw new Error('number too large');
        return value;
      }
      multiplier *= 128;
    }
    throw new Error('number too long');
  }

  varBytes() {
    const length = this.varUint();
    if (length > this.bytes.byteLength - this.pos) throw new Error('length past the end of the message');
    const bytes = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }

  end() {
    if (!this.done) throw new Error('bytes after the end of the message');
  }
}

/** lib0's varUint as bytes (for tests and other programs). @param {number} value @returns {number[]} */
export function varUintBytes(value) {
  const bytes = [];
  while (value > 0x7f) {
    bytes.push(0x80 | (value & 0x7f));
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}

/** A y-protocols sync message: [0, syncType, varUint8Array(payload)]. @param {number} syncType @param {Uint8Array} payload */
export function syncMessage(syncType, payload) {
  const length = varUintBytes(payload.byteLength);
  const message = new Uint8Array(2 + length.length + payload.byteLength);
  message[0] = MESSAGE_SYNC;
  message[1] = syncType;
  message.set(length, 2);
  message.set(payload, 2 + length.length);
  return message;
}

/**
 * @typedef {{ type: 'step1' } | { type: 'step2', update: Uint8Array } | { type: 'update', update: Uint8Array }
 *   | { type: 'awareness', clients: { clientID: number, clock: number, state: unknown }[] } | { type: 'queryAwareness' }} ParsedMessage
 */

/**
 * Read a y-webrtc message as y-webrtc 10.3.0 and y-protocols would, checking everything they
 * take on trust. Throws on anything they could not read, or would choke on.
 * @param {Uint8Array} message
 * @returns {ParsedMessage}
 */
export function parseMessage(message) {
  if (message.byteLength === 0) throw new Error('empty message');
  const reader = new Reader(message);
  const type = reader.varUint();
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = reader.varUint();
      const payload = reader.varBytes();
      reader.end();
      if (syncType === SYNC_STEP1) {
        // A state vector: a count, then (client, clock) pairs.
        const sv = new Reader(payload);
        const entries = sv.varUint();
        if (entries > payload.byteLength) throw new Error('impossible state vector');
        for (let i = 0; i < entries; i++) {
          sv.varUint();
          sv.varUint();
        }
        sv.end();
        return { type: 'step1', empty: entries === 0 };
      }
      if (syncType === SYNC_STEP2) return { type: 'step2', update: payload };
      if (syncType === SYNC_UPDATE) return { type: 'update', update: payload };
      throw new Error(`unknown sync message type ${syncType}`);
    }
    case MESSAGE_AWARENESS: {
      const update = new Reader(reader.varBytes());
      reader.end();
      const count = update.varUint();
      if (count > MAX_AWARENESS_CLIENTS) throw new Error(`presence of ${count} clients in one message (at most ${MAX_AWARENESS_CLIENTS})`);
      const clients = [];
      for (let i = 0; i < count; i++) {
        const clientID = update.varUint();
        const clock = update.varUint();
        const json = update.varBytes();
        if (json.byteLength > MAX_AWARENESS_STATE_BYTES) {
          throw new Error(`a presence state of ${json.byteLength} bytes (at most ${MAX_AWARENESS_STATE_BYTES})`);
        }
        const state = JSON.parse(new TextDecoder().decode(json));
        clients.push({ clientID, clock, state });
      }
      update.end();
      return { type: 'awareness', clients };
    }
    case MESSAGE_QUERY_AWARENESS:
      reader.end();
      return { type: 'queryAwareness' };
    case MESSAGE_BC_PEER_ID:
      throw new Error('a tab-to-tab message (bcPeerId) over WebRTC');
    default:
      throw new Error(`not a y-webrtc message (type ${type})`);
  }
}

/** A token bucket: `burst` at once, then `perSecond`. */
class Bucket {
  /** @param {number} burst @param {number} perSecond */
  constructor(burst, perSecond) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = burst;
    this.at = Date.now();
  }

  take() {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** @param {Y.Doc} doc */
function pendingBytes(doc) {
  const store = doc.store;
  return (store.pendingStructs ? store.pendingStructs.update.byteLength : 0) + (store.pendingDs ? store.pendingDs.byteLength : 0);
}

/** Since when each document has had updates waiting for dependencies. @type {WeakMap<Y.Doc, number>} */
const pendingSince = new WeakMap();

/**
 * The live connections of each presence, to know which clients a dropped peer alone brought.
 * @type {WeakMap<object, Set<ChunkedPeer>>}
 */
const peersByAwareness = new WeakMap();

/**
 * What y-webrtc's `peerOpts.tavola` gives a peer: the room's document and presence, and the origin
 * y-webrtc applies remote updates with (its Room, for `PeerConnection`'s "last change from a partner").
 * With `writers` (a room with view links), the partner's changes are applied only once it proved
 * it may write (writers.js).
 * `wholeState`, when given, answers a partner who holds nothing (a sync step 1 with an empty
 * state vector: a new peer) instead of y-webrtc encoding the whole document: updates that, applied
 * in order to an empty document, make this one; the first is sent as the sync step 2, the others
 * as updates. Null: y-webrtc answers as always.
 * @typedef {{ doc: Y.Doc, awareness: import('y-protocols/awareness').Awareness, origin?: () => unknown, writers?: import('./writers.js').Writers, wholeState?: () => Uint8Array[] | null }} PeerGuard
 */

export class ChunkedPeer extends WebrtcPeer {
  /** @param {any} opts */
  constructor(opts) {
    super(opts);
    /** @type {PeerGuard | null} */
    this._guard = opts && opts.tavola && opts.tavola.doc ? opts.tavola : null;
    this._reassembler = new Reassembler();
    /** @type {ReturnType<typeof setTimeout> | null} */
    this._frameTimer = null;
    /** @type {Uint8Array[]} */
    this._outbox = [];
    this._outboxBytes = 0;
    this._nextMessageId = 1;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this._pumpTimer = null;
    this._messages = new Bucket(MESSAGE_BURST, MESSAGES_PER_SECOND);
    this._step1 = new Bucket(STEP1_BURST, 1000 / STEP1_REFILL_MS);
    this._queries = new Bucket(STEP1_BURST, 1000 / STEP1_REFILL_MS);
    /** Updates received and not applied yet. @type {Uint8Array[]} */
    this._batch = [];
    this._batchBytes = 0;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this._batchTimer = null;
    /** Presence clients this connection brought, with a state. @type {Set<number>} */
    this._clients = new Set();
    /** Why this peer was dropped, once it was. @type {string | null} */
    this.droppedFor = null;
    /** The y-webrtc connection this peer belongs to (y-webrtc.js sets it). @type {any} */
    this.webrtcConn = null;
    /** Whole messages received from the peer, and of them document updates (sync type 2). */
    this.received = { messages: 0, updates: 0 };
    /** The room's writers, when it has view links: then only a partner that proved it writes changes the document. */
    this._writers = this._guard && this._guard.writers ? this._guard.writers : null;
    /**
     * What the partner proved (writers.js): 'unknown' until its proof or its word that it only
     * views arrives, then 'writer' or 'viewer'. In a room without writers every partner writes.
     * @type {'unknown' | 'writer' | 'viewer'}
     */
    this.partnerRole = this._writers ? 'unknown' : 'writer';
    /** The partner's document changes that came before its proof. @type {{ syncType: number, update: Uint8Array }[]} */
    this._held = [];
    this._heldBytes = 0;
    /** Changes from a partner that proved nothing, not applied. */
    this.ignoredUpdates = 0;
    /** From our challenge to knowing the partner's role, ms (the handshake's cost). @type {number | null} */
    this.settledMs = null;
    this._challengedAt = 0;
    /** When the partner last sent anything (a frame or a message), for the proof's deadline. */
    this._heardAt = 0;
    /** Messages logged so far, sent and received (diagnostics). */
    this._loggedOut = 0;
    this._loggedIn = 0;
    /** Whether the partner was taken for a viewer because its proof did not come in time. */
    this._proofLate = false;
    /** Our challenge to the partner. @type {Uint8Array | null} */
    this._nonce = null;
    /** How many of the partner's challenges we answered (MAX_CHALLENGES). */
    this._answered = 0;
    /** Whether y-webrtc sent its sync step 1 when the channel opened, and the partner answered it (a sync step 2 came, applied, held or ignored). */
    this._stepOneSent = false;
    this._answeredStep1 = false;
    /** The deadlines after the channel opened (the proof, the silent link): one timer. @type {ReturnType<typeof setTimeout> | null} */
    this._watchTimer = null;
    // Registered before y-webrtc's own 'connect' listener: the challenge goes out before its sync step 1.
    this.on('connect', () => {
      this._heardAt = performance.now();
      if (this._writers) this._challenge();
      // y-webrtc (which sets webrtcConn) sends its sync step 1 on this same event.
      this._stepOneSent = this.webrtcConn !== null;
      if (this._writers || this._stepOneSent) this._watch(PROOF_TIMEOUT_MS);
    });
    if (this._guard) {
      const awareness = this._guard.awareness;
      let peers = peersByAwareness.get(awareness);
      if (!peers) peersByAwareness.set(awareness, (peers = new Set()));
      peers.add(this);
    }
  }

  /** @override @param {any} data */
  send(data) {
    if (this._loggedOut < MESSAGES_LOGGED) {
      this._loggedOut++;
      const head = data instanceof Uint8Array ? data : new Uint8Array(0);
      log(() => [/** @type {any} */ (this)._tag, ' send ', head[0], '/', head[1], ' ', head.byteLength, ' B on ', this._channel?.label?.slice(0, 6), ' ', this._channel?.readyState, this._connected ? '' : ' (not connected: dropped)', ', outbox ', this._outbox.length, ', buffered ', this.bufferSize]);
    }
    if (this.destroyed || this.destroying || !this._connected) return;
    const bytes = toBytes(data);
    if (this._outboxBytes + bytes.byteLength > MAX_OUTBOX_BYTES) {
      this._drop(new Error(`more than ${MAX_OUTBOX_BYTES} bytes waiting to be sent: the peer is not reading`));
      return;
    }
    if (bytes.byteLength <= CHUNK_SIZE) {
      this._outbox.push(bytes);
    } else {
      this._outbox.push(...frameMessage(bytes, this._nextMessageId++));
    }
    this._outboxBytes += bytes.byteLength;
    this._pump();
  }

  _pump() {
    while (this._outbox.length > 0 && !this.destroyed && !this.destroying) {
      if ((this.bufferSize ?? 0) > HIGH_WATER_MARK) {
        // Resumed by _onChannelBufferedAmountLow; a timer too, as not every WebRTC stack
        // (@roamhq/wrtc among them) fires 'bufferedamountlow'.
        if (!this._pumpTimer) {
          this._pumpTimer = setTimeout(() => {
            this._pumpTimer = null;
            this._pump();
          }, 20);
        }
        return;
      }
      const next = /** @type {Uint8Array} */ (this._outbox.shift());
      this._outboxBytes -= isFrame(next) ? next.byteLength - HEADER_SIZE : next.byteLength;
      try {
        super.send(next);
      } catch (error) {
        this.destroy(/** @type {Error} */ (error));
        return;
      }
    }
  }

  /** @override */
  _onChannelBufferedAmountLow() {
    this._pump();
  }

  /** @override @param {MessageEvent} event */
  _onChannelMessage(event) {
    if (this.destroyed || this.destroying) return;
    this._heardAt = performance.now();
    if (this._loggedIn < MESSAGES_LOGGED) {
      this._loggedIn++;
      const data = event.data;
      const head = data instanceof ArrayBuffer ? new Uint8Array(data, 0, Math.min(2, data.byteLength)) : [];
      log(() => [/** @type {any} */ (this)._tag, ' got ', head[0], '/', head[1], ' ', data?.byteLength, ' B on ', /** @type {any} */ (event).target?.label?.slice(0, 6)]);
    }
    try {
      const bytes = toBytes(event.data);
      let message = bytes;
      if (isFrame(bytes)) {
        const whole = this._reassembler.push(bytes);
        this._armFrameTimer();
        if (!whole) return;
        message = whole;
      }
      this._receive(message);
    } catch (error) {
      // A peer that sends garbage is dropped, not obeyed.
      this._drop(/** @type {Error} */ (error));
    }
  }

  _armFrameTimer() {
    if (this._frameTimer) clearTimeout(this._frameTimer);
    this._frameTimer = null;
    if (!this._reassembler.current) return;
    this._frameTimer = setTimeout(() => {
      this._frameTimer = null;
      this._drop(new Error(`a large message stopped arriving (no frame for ${FRAME_IDLE_TIMEOUT_MS} ms)`));
    }, FRAME_IDLE_TIMEOUT_MS);
  }

  /** One whole message from the peer: checked, then handed to y-webrtc. @param {Uint8Array} message */
  _receive(message) {
    if (!this._messages.take()) throw new Error(`more than ${MESSAGE_BURST} messages at once, or ${MESSAGES_PER_SECOND} a second`);
    if (message[0] === WRITERS_MESSAGE) {
      // A peer that checks no writers (a reader such as scripts/join-workspace.mjs) lets the
      // writers' messages pass, as a plain y-webrtc peer does.
      if (this._writers) this._onWriters(message);
      return;
    }
    // What a plain y-webrtc peer answers to a message it does not know (our challenge): it will
    // prove nothing, so it is a viewer now rather than when its time is up.
    if (this._writers && message.byteLength === 0) {
      if (this.partnerRole === 'unknown' && this._nonce) this._settle('viewer', 'the partner does not know the writers’ handshake (a plain y-webrtc peer)', false);
      return;
    }
    const parsed = parseMessage(message);
    this.received.messages++;
    if (parsed.type === 'step2') this._answeredStep1 = true;
    if ((parsed.type === 'update' || parsed.type === 'step2') && this.partnerRole !== 'writer') {
      this._flushUpdates();
      this._withhold(parsed.type === 'update' ? SYNC_UPDATE : SYNC_STEP2, parsed.update);
      return;
    }
    if (parsed.type === 'update') {
      this.received.updates++;
      this._batch.push(parsed.update);
      this._batchBytes += parsed.update.byteLength;
      if (this._batch.length >= BATCH_MAX_UPDATES || this._batchBytes >= BATCH_MAX_BYTES) this._flushUpdates();
      else if (!this._batchTimer) {
        this._batchTimer = setTimeout(() => {
          this._batchTimer = null;
          try {
            this._flushUpdates();
          } catch (error) {
            this._drop(/** @type {Error} */ (error));
          }
        }, 0);
      }
      return;
    }
    // Whatever else comes is read after the updates before it.
    this._flushUpdates();
    switch (parsed.type) {
      case 'step1': {
        if (!this._step1.take()) throw new Error('asked for the whole state too often (sync step 1)');
        const whole = parsed.empty && this._guard?.wholeState ? this._guard.wholeState() : null;
        if (!whole || whole.length === 0) {
          this._deliver(message);
          return;
        }
        whole.forEach((update, i) => this.send(syncMessage(i === 0 ? SYNC_STEP2 : SYNC_UPDATE, update)));
        return;
      }
      case 'queryAwareness':
        if (!this._queries.take()) throw new Error('asked for presence too often');
        this._deliver(message);
        return;
      case 'awareness':
        this._trackPresence(parsed.clients);
        this._deliver(message);
        return;
      case 'step2':
        this._applyUpdate(parsed.update, SYNC_STEP2);
        return;
    }
  }

  /** Send our challenge: the partner proves it writes, or says it views (docs/sync.md). */
  _challenge() {
    this._challengedAt = performance.now();
    this._nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    this.send(writersMessage(CHALLENGE, this._nonce));
  }

  /**
   * The deadlines of a new connection, checked `delay` ms from now (SILENT_LINK_MS and
   * PROOF_TIMEOUT_MS are both 10 s). Each counts from the last thing the partner sent, not from
   * the channel's opening: a writer's proof is sent after what it had already queued (a new peer's
   * whole workspace, megabytes), which on a busy machine took longer than PROOF_TIMEOUT_MS to
   * arrive, and the workspace was then refused (stop 28).
   * - A partner that answered neither our sync step 1 nor anything else is on a broken link: the
   *   connection is closed, and made again (a net under a link that loses what one side sends: in
   *   stop 29 Chromium lost the first messages sent on a channel the partner opened, peer.js).
   * - A partner that answered, but neither proved it writes nor said it views, is a viewer, and
   *   is sent our challenge once more (a lost challenge or proof must not refuse a writer for good).
   * @param {number} delay
   */
  _watch(delay) {
    if (this._watchTimer) clearTimeout(this._watchTimer);
    const due = performance.now() + delay;
    this._watchTimer = setTimeout(() => {
      this._watchTimer = null;
      if (this.destroyed || this.destroying) return;
      const silentLink = this._stepOneSent && !this._answeredStep1;
      const unproved = !!this._writers && this.partnerRole === 'unknown';
      if (!silentLink && !unproved) return;
      const now = performance.now();
      if (now - due > BUSY_TIMER_MS) {
        this._watch(BUSY_TIMER_MS);
        return;
      }
      const quiet = now - this._heardAt;
      if (quiet < SILENT_LINK_MS) {
        this._watch(SILENT_LINK_MS - quiet);
        return;
      }
      if (silentLink) {
        console.warn(`Tavola closes a connection on which the partner answered nothing for ${SILENT_LINK_MS} ms; a new one is made`);
        this.destroy(new Error(`the partner answered nothing for ${SILENT_LINK_MS} ms`));
        return;
      }
      this._settle('viewer', `no proof of writing, and nothing else, within ${PROOF_TIMEOUT_MS} ms`, true);
      // The partner answered our sync step 1 but not our challenge: a writer whose proof or our
      // challenge was lost would stay a viewer, and its workspace refused, for as long as the
      // connection lasts. So the same challenge goes out once more; a proof of it that comes
      // later makes the partner a writer, and it is asked again for its changes (_promoteLate).
      // A Tavola peer before MAX_CHALLENGES closes the connection on it, and y-webrtc makes a
      // new one, with a new handshake. (A partner is settled once, so this runs once.)
      if (this._nonce) this.send(writersMessage(CHALLENGE, this._nonce));
    }, delay);
  }

  /** The DTLS certificates of this connection: ours and the partner's (writers.js `fingerprintOf`). */
  _fingerprints() {
    const pc = /** @type {any} */ (this)._pc;
    return { own: fingerprintOf(pc?.localDescription?.sdp), partner: fingerprintOf(pc?.remoteDescription?.sdp) };
  }

  /** @param {Uint8Array} message */
  _onWriters(message) {
    const writers = /** @type {import('./writers.js').Writers} */ (this._writers);
    const parsed = parseWritersMessage(message);
    if (parsed.kind === 'challenge') {
      if (this._answered >= MAX_CHALLENGES) throw new Error(`challenged more than ${MAX_CHALLENGES} times`);
      this._answered++;
      const signingKey = writers.signingKey;
      if (!signingKey) {
        this.send(writersMessage(VIEWER));
        return;
      }
      const { own, partner } = this._fingerprints();
      sign(signingKey, proofBytes(writers.room, own, partner, parsed.nonce)).then(
        (signature) => this.send(writersMessage(PROOF, signature)),
        (error) => console.warn(`Tavola could not sign its proof of writing: ${error}`),
      );
      return;
    }
    // A proof that comes after its deadline still counts (the partner was only slow).
    const lateProof = this.partnerRole === 'viewer' && this._proofLate && parsed.kind === 'proof';
    if (!this._nonce || (this.partnerRole !== 'unknown' && !lateProof)) return;
    if (parsed.kind === 'viewer') {
      this._settle('viewer', null);
      return;
    }
    const { own, partner } = this._fingerprints();
    const nonce = this._nonce;
    verify(writers.verifyKey, parsed.signature, proofBytes(writers.room, partner, own, nonce)).then((valid) => {
      if (this.destroyed || this.destroying) return;
      try {
        if (this.partnerRole === 'viewer') {
          if (valid) this._promoteLate();
          return;
        }
        this._settle(valid ? 'writer' : 'viewer', valid ? null : 'a proof of writing that does not verify');
      } catch (error) {
        this._drop(/** @type {Error} */ (error));
      }
    });
  }

  /** A change from a partner that has not proved it writes: kept until it does, else not applied. @param {number} syncType @param {Uint8Array} update */
  _withhold(syncType, update) {
    if (this.partnerRole === 'viewer') {
      this._ignore(syncType);
      return;
    }
    this._heldBytes += update.byteLength;
    if (this._heldBytes > MAX_MESSAGE_SIZE) throw new Error(`${this._heldBytes} bytes of changes before any proof of writing`);
    this._held.push({ syncType, update });
  }

  /** @param {number} syncType */
  _ignore(syncType) {
    this.ignoredUpdates++;
    // y-webrtc counts a connection synced once its step 2 came: a viewer's counts as an empty one.
    if (syncType === SYNC_STEP2) this._deliver(syncMessage(SYNC_STEP2, EMPTY_UPDATE));
  }

  /**
   * A partner taken for a viewer when its time was up proved, later, that it writes: from now on
   * its changes apply, and it is asked again for what it sent meanwhile (a sync step 1 with this
   * document's state; its answer is a step 2 with everything missing here).
   */
  _promoteLate() {
    this._proofLate = false;
    this.partnerRole = 'writer';
    this.settledMs = performance.now() - this._challengedAt;
    /** @type {any} */ (this).emit('role', ['writer']);
    const doc = this._guard?.doc;
    if (doc) this.send(syncMessage(SYNC_STEP1, Y.encodeStateVector(doc)));
  }

  /** @param {'writer' | 'viewer'} role @param {string | null} why @param {boolean} [late] whether the deadline decided */
  _settle(role, why, late = false) {
    if (this.partnerRole !== 'unknown') return;
    this._proofLate = late;
    this.partnerRole = role;
    this.settledMs = performance.now() - this._challengedAt;
    const held = this._held;
    this._held = [];
    this._heldBytes = 0;
    if (why) console.warn(`Tavola treats a partner as a viewer: ${why}`);
    for (const { syncType, update } of held) {
      if (role === 'viewer') this._ignore(syncType);
      else if (syncType === SYNC_STEP2) this._applyUpdate(update, SYNC_STEP2);
      else this._applyUpdate(update, SYNC_UPDATE);
    }
    /** @type {any} */ (this).emit('role', [role]);
  }

  /** @param {Uint8Array} message */
  _deliver(message) {
    // WebrtcPeer's own handler hands the message to y-webrtc, synchronously: what y-webrtc
    // throws on reading it lands in _onChannelMessage's catch.
    super._onChannelMessage(/** @type {MessageEvent} */ ({ data: message }));
  }

  _flushUpdates() {
    if (this._batchTimer) clearTimeout(this._batchTimer);
    this._batchTimer = null;
    if (this._batch.length === 0 || this.destroyed || this.destroying) return;
    const updates = this._batch;
    this._batch = [];
    this._batchBytes = 0;
    this._applyUpdate(updates.length === 1 ? /** @type {Uint8Array} */ (updates[0]) : Y.mergeUpdates(updates), SYNC_UPDATE);
  }

  /** @param {Uint8Array} update @param {number} syncType */
  _applyUpdate(update, syncType) {
    const guard = this._guard;
    if (!guard) {
      this._deliver(syncMessage(syncType, update));
      return;
    }
    // Applied here, so that an update Yjs cannot read drops the peer (y-protocols would log it and
    // carry on). The room learns which connection it came from, so it is not sent back (y-webrtc.js).
    const room = this.webrtcConn?.room;
    const before = room ? room.receivingFrom : null;
    if (room) room.receivingFrom = this.webrtcConn;
    try {
      applyReceived(guard.doc, update, guard.origin ? guard.origin() : this);
    } finally {
      if (room) room.receivingFrom = before;
    }
    // y-webrtc marks the connection synced on a step 2: give it one that changes nothing.
    if (syncType === SYNC_STEP2) this._deliver(syncMessage(SYNC_STEP2, EMPTY_UPDATE));
    const doc = guard.doc;
    const pending = pendingBytes(doc);
    if (pending === 0) {
      pendingSince.delete(doc);
      return;
    }
    const since = pendingSince.get(doc) ?? Date.now();
    pendingSince.set(doc, since);
    const tooLong = Date.now() - since > PENDING_TIMEOUT_MS;
    if (pending > MAX_PENDING_BYTES || tooLong) {
      // Yjs would keep them forever, merge every later update into them, and send them in every answer.
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
      pendingSince.delete(doc);
      throw new Error(
        tooLong
          ? `updates kept waiting for dependencies for more than ${PENDING_TIMEOUT_MS} ms`
          : `${pending} bytes of updates waiting for dependencies that never came (at most ${MAX_PENDING_BYTES})`,
      );
    }
  }

  /** @param {{ clientID: number, clock: number, state: unknown }[]} clients */
  _trackPresence(clients) {
    const awareness = this._guard?.awareness;
    for (const { clientID, clock, state } of clients) {
      if (awareness && clientID === awareness.clientID) {
        const own = awareness.meta.get(clientID);
        if (own && clock > own.clock) throw new Error("claims this person's own presence");
        continue;
      }
      if (state === null) this._clients.delete(clientID);
      else this._clients.add(clientID);
    }
    if (this._clients.size > MAX_AWARENESS_CLIENTS) {
      throw new Error(`presence of more than ${MAX_AWARENESS_CLIENTS} clients over one connection`);
    }
  }

  /** @param {Error} error */
  _drop(error) {
    if (this.destroyed || this.destroying) return;
    this.droppedFor = error.message;
    console.warn(`Tavola dropped a peer: ${error.message}`);
    this._forgetPresence('dropped peer');
    this.destroy(new Error(`Dropped a peer that sent a malformed message: ${error.message}`));
  }

  /**
   * The presence this connection alone brought goes with it, rather than 30 s later (y-protocols'
   * outdated timeout): a partner who closes the tab or loses the network is shown gone at once. A
   * client another connection also brought stays; one that only this link carried and that is still
   * in the room comes back when the remaining partners answer the presence query the mesh sends
   * when a link closes (mesh.js `catchUp`).
   * @param {string} origin
   */
  _forgetPresence(origin) {
    const awareness = this._guard?.awareness;
    if (!awareness || this._clients.size === 0) return;
    const others = peersByAwareness.get(awareness) ?? new Set();
    const gone = [...this._clients].filter((id) => ![...others].some((peer) => peer !== this && peer._clients.has(id)));
    this._clients.clear();
    removeAwarenessStates(awareness, gone, origin);
    for (const id of gone) awareness.meta.delete(id);
  }

  /** @override @param {Error | undefined} [error] */
  destroy(error) {
    if (this._frameTimer) clearTimeout(this._frameTimer);
    if (this._batchTimer) clearTimeout(this._batchTimer);
    if (this._pumpTimer) clearTimeout(this._pumpTimer);
    if (this._watchTimer) clearTimeout(this._watchTimer);
    this._frameTimer = this._batchTimer = this._pumpTimer = this._watchTimer = null;
    this._held = [];
    // WebrtcPeer's constructor may destroy before ours has run.
    this._reassembler?.reset();
    this._outbox = [];
    this._outboxBytes = 0;
    this._batch = [];
    this._batchBytes = 0;
    // Tavola: a closed link takes the presence it alone brought (see _forgetPresence).
    this._forgetPresence('connection closed');
    if (this._guard) peersByAwareness.get(this._guard.awareness)?.delete(this);
    super.destroy(error);
  }
}

/** @param {any} data @returns {Uint8Array} */
function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  throw new Error('cannot send this kind of data');
}

export default ChunkedPeer;
