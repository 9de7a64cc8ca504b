// @ts-check
/**
 * Which partners are linked to which, so that a received update is sent on only where it may be
 * missing (y-webrtc #20: "y-webrtc supports partially connected networks", so y-webrtc 10.3.0
 * sends every update it applies, its own and those it received, to every connection and every tab).
 *
 * - Each peer announces its links in its presence: the field `webrtcLinks` of its awareness state,
 *   `{ peer: <its y-webrtc peer id>, links: [<peer ids of its open connections>] }`, updated when a
 *   connection opens or closes, and put back whenever the page replaces its presence.
 * - An update (or presence change) that came from connection X is not sent back to X, and not sent
 *   to connection Y when X and Y both announce a link to each other: X sent it to Y itself. In a room
 *   where everyone is linked to everyone (a working group: y-webrtc links up to 20–34 peers directly),
 *   nothing received is sent on. A peer that announces nothing (plain y-webrtc, older Tavola) gets
 *   and has its updates sent on as before.
 * - When a connection closes, the peer announces it at once, then asks each remaining connection
 *   for what it lacks (sync step 1, at most one per connection every STEP1_INTERVAL_MS): whatever
 *   a partner did not send on while it thought the closed link carried it comes back that way.
 * - Other tabs (BroadcastChannel) get what came from WebRTC and what this page made, only when
 *   there is another tab, and never what came from a tab (every tab received the original).
 *
 * A peer with the key could claim links it does not have; it can write to the document anyway.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/** The awareness field that carries a peer's links. */
export const MESH_FIELD = 'webrtcLinks';
/** `Room.receivingFrom` while a message of another tab is applied. */
export const BC_ORIGIN = 'broadcastchannel';
/** At most one catch-up sync step 1 per connection in this time (chunked-peer.js allows one per 10 s). */
export const STEP1_INTERVAL_MS = 10_000;
/** Links a peer may announce; more are ignored (y-webrtc's maxConns is at most 34). */
const MAX_LINKS = 64;

const MESSAGE_SYNC = 0;
const MESSAGE_QUERY_AWARENESS = 3;

export class Mesh {
  /**
   * @param {any} room a y-webrtc Room (y-webrtc.js)
   * @param {(room: any, message: Uint8Array) => unknown} sendToTabs
   */
  constructor(room, sendToTabs) {
    this.room = room;
    this.sendToTabs = sendToTabs;
    /** Announced links: peer id → the peer ids it says it is linked to. @type {Map<string, Set<string>>} */
    this.links = new Map();
    /** When each connection was last asked to catch up, and a timer for the next. @type {Map<any, { at: number, timer: ReturnType<typeof setTimeout> | null }>} */
    this.catchUps = new Map();
    /** @param {{ added: number[], updated: number[], removed: number[] }} changes */
    this._onChange = (changes) => {
      this.readLinks();
      const own = this.room.awareness.clientID;
      if (changes.added.includes(own) || changes.updated.includes(own)) this.announce();
    };
  }

  connect() {
    this.room.awareness.on('change', this._onChange);
    this.readLinks();
    this.announce();
  }

  disconnect() {
    this.room.awareness.off('change', this._onChange);
    for (const { timer } of this.catchUps.values()) if (timer) clearTimeout(timer);
    this.catchUps.clear();
  }

  /** Peer ids of this peer's open connections, sorted. @returns {string[]} */
  ownLinks() {
    /** @type {string[]} */
    const links = [];
    this.room.webrtcConns.forEach((/** @type {any} */ conn) => {
      if (conn.connected) links.push(conn.remotePeerId);
    });
    return links.sort();
  }

  /** Put this peer's links in its presence, if they changed (and it has a presence). */
  announce() {
    const awareness = this.room.awareness;
    const state = awareness.getLocalState();
    if (!state) return;
    const links = this.ownLinks();
    const have = state[MESH_FIELD];
    if (have && have.peer === this.room.peerId && Array.isArray(have.links) && have.links.length === links.length && have.links.every((/** @type {string} */ id, /** @type {number} */ i) => id === links[i])) return;
    awareness.setLocalStateField(MESH_FIELD, { peer: this.room.peerId, links });
  }

  /** Read every partner's announced links from the presence states. */
  readLinks() {
    this.links.clear();
    this.room.awareness.getStates().forEach((/** @type {any} */ state, /** @type {number} */ clientID) => {
      if (clientID === this.room.awareness.clientID) return;
      const field = state && state[MESH_FIELD];
      if (!field || typeof field.peer !== 'string' || !Array.isArray(field.links)) return;
      const links = new Set();
      for (const id of field.links.slice(0, MAX_LINKS)) if (typeof id === 'string') links.add(id);
      this.links.set(field.peer, links);
    });
  }

  /** Whether peers a and b both say they are linked to each other. @param {string} a @param {string} b */
  linked(a, b) {
    return !!this.links.get(a)?.has(b) && !!this.links.get(b)?.has(a);
  }

  linksChanged() {
    this.announce();
  }

  /** A connection closed: say so, then ask the others for what may not have been sent on meanwhile. */
  linkClosed() {
    this.announce();
    this.room.webrtcConns.forEach((/** @type {any} */ conn) => {
      if (conn.connected) this.catchUp(conn);
    });
  }

  /** @param {any} conn */
  catchUp(conn) {
    const entry = this.catchUps.get(conn) ?? { at: -Infinity, timer: null };
    this.catchUps.set(conn, entry);
    if (entry.timer) return;
    const wait = entry.at + STEP1_INTERVAL_MS - Date.now();
    const ask = () => {
      entry.timer = null;
      entry.at = Date.now();
      if (!conn.connected || conn.closed) {
        this.catchUps.delete(conn);
        return;
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.room.doc);
      // And for the presence states it holds: a partner that only the closed link carried, and
      // that is still in the room, comes back at once (chunked-peer.js `_forgetPresence`).
      const query = encoding.createEncoder();
      encoding.writeVarUint(query, MESSAGE_QUERY_AWARENESS);
      try {
        conn.peer.send(encoding.toUint8Array(encoder));
        conn.peer.send(encoding.toUint8Array(query));
      } catch {}
    };
    if (wait <= 0) ask();
    else entry.timer = setTimeout(ask, wait);
  }

  /**
   * Send a message about a change (an update or a presence change) to the tabs and connections
   * that may lack it. The message is made only if it goes somewhere (a new peer's whole state,
   * received, goes nowhere).
   * @param {Uint8Array | (() => Uint8Array)} message
   * @param {any} from the connection (or BC_ORIGIN) it came from; null for this page's own changes
   */
  send(message, from) {
    const room = this.room;
    const toTabs = room.bcconnected && from !== BC_ORIGIN && (room.bcConns.size > 0 || !room.provider.filterBcConns);
    const remote = from && from !== BC_ORIGIN ? from : null;
    /** @type {any[]} */
    const targets = [];
    room.webrtcConns.forEach((/** @type {any} */ conn) => {
      if (remote && (conn === remote || this.linked(remote.remotePeerId, conn.remotePeerId))) return;
      targets.push(conn);
    });
    if (!toTabs && targets.length === 0) return;
    const bytes = typeof message === 'function' ? message() : message;
    if (toTabs) this.sendToTabs(room, bytes);
    for (const conn of targets) {
      try {
        conn.peer.send(bytes);
      } catch {}
    }
  }
}
