// @ts-check
/**
 * One WebRTC data channel to one peer, on `RTCPeerConnection` directly, with the part of
 * simple-peer's interface (9.11) that y-webrtc uses, and simple-peer's signal messages, so a
 * y-webrtc peer that runs simple-peer connects to it and the other way round:
 *
 * - `new WebrtcPeer({ initiator, config, channelConfig, wrtc })`; the initiator creates the data
 *   channel (a random 40-hex-digit label, in-band negotiated) and sends the offer;
 * - events `signal` (`{ type: 'offer' | 'answer', sdp }`, `{ type: 'candidate', candidate: { candidate,
 *   sdpMLineIndex, sdpMid } }`, trickled as they come), `connect` (the channel opened), `data`
 *   (a `Uint8Array`), `error`, `close`;
 * - `signal(data)`, `send(data)`, `destroy(error?)`, `connected`, `bufferSize`, `destroyed`.
 *
 * simple-peer's prebuilt file carries Node's `Buffer` and stream polyfills (about 28 KB gzip);
 * none of that is needed to move bytes over a data channel. Media, renegotiation after the first
 * offer and non-trickle ICE are not supported (y-webrtc uses none of them); a `renegotiate`
 * request from a plain simple-peer is answered with a new offer, as simple-peer does.
 *
 * Glare: when two peers announce themselves at once, both offer, and y-webrtc has one side
 * accept the other's offer while its own is pending. simple-peer then calls setRemoteDescription
 * in the wrong state, which stacks without implicit rollback (libwebrtc in @roamhq/wrtc) refuse,
 * and the pair never connected. Here the side that accepts gives its own offer up (rolled back if
 * it was set, never set if it was still being made), answers, and sends on the other side's
 * channel, as a simple-peer answerer would. The offer and answer's steps run one after the other.
 *
 * Two channels: when the offers cross without either side seeing it (its own offer not yet set,
 * or a stack that rolls back implicitly), each side's channel opens over the same connection. The
 * first channel to open, its own or the partner's, is the one a side sends on: the partner may
 * open its channel and send on it before this side's own has opened, and a reply (y-webrtc's
 * answer to a sync step 1) written while waiting for our own would be lost. Every channel is read.
 */
import { ObservableV2 } from 'lib0/observable';
import * as logging from 'lib0/logging';

/**
 * Diagnostics, off unless the `log` variable (localStorage in a page, an environment variable in
 * Node) matches `tavola-webrtc`: each connection's signals, states and end, one line each.
 */
const log = logging.createModuleLogger('tavola-webrtc');

/** simple-peer's bufferedAmountLowThreshold (MAX_BUFFERED_AMOUNT). */
const LOW_WATER_MARK = 64 * 1024;
/**
 * A connection that has not opened by then is given up, so that y-webrtc tries again: an
 * attempt whose offer or answer was lost would otherwise hold the partner's place for ever.
 */
export const CONNECT_TIMEOUT_MS = 20_000;
/**
 * On a channel the partner opened: how long this side waits for the partner's first message
 * before it sends anyway (_setupChannel). Every y-webrtc peer sends at once when the channel opens.
 */
export const FIRST_MESSAGE_WAIT_MS = 1_000;

/**
 * The WebRTC classes: the page's own, or `wrtc` (for example `@roamhq/wrtc` in Node).
 * @param {any} wrtc
 * @returns {{ RTCPeerConnection: any, RTCSessionDescription?: any, RTCIceCandidate?: any } | null}
 */
export function webrtcImplementation(wrtc) {
  if (wrtc && typeof wrtc === 'object' && typeof wrtc.RTCPeerConnection === 'function') return wrtc;
  const global = /** @type {any} */ (globalThis);
  if (typeof global.RTCPeerConnection === 'function') return global;
  return null;
}

/** Thrown when no WebRTC is at hand: said at once, rather than never connecting. */
export class NoWebrtcError extends Error {
  constructor() {
    super(
      typeof window === 'undefined'
        ? 'No WebRTC in this JavaScript runtime: pass peerOpts: { wrtc } to WebrtcProvider (in Node, for example `import wrtc from "@roamhq/wrtc"`).'
        : 'This browser does not support WebRTC (RTCPeerConnection), so it cannot connect to partners.',
    );
    this.name = 'NoWebrtcError';
  }
}

/** @param {number} bytes */
function randomHex(bytes) {
  const values = new Uint8Array(bytes);
  crypto.getRandomValues(values);
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @extends {ObservableV2<{ signal: (signal: object) => void, connect: () => void, data: (data: Uint8Array) => void, error: (error: Error) => void, close: () => void }>}
 */
export class WebrtcPeer extends ObservableV2 {
  /** @param {{ initiator?: boolean, config?: RTCConfiguration, channelConfig?: RTCDataChannelInit, wrtc?: any, [key: string]: unknown }} [opts] */
  constructor(opts = {}) {
    super();
    const rtc = webrtcImplementation(opts.wrtc);
    if (!rtc) throw new NoWebrtcError();
    this._rtc = rtc;
    this.initiator = !!opts.initiator;
    this.destroyed = false;
    this.destroying = false;
    this._connected = false;
    /** The channel this side sends on. @type {RTCDataChannel | null} */
    this._channel = null;
    /** @type {RTCIceCandidateInit[]} */
    this._pendingCandidates = [];
    this._negotiating = false;
    /** Whether our offer gave way to the partner's before it was set (glare). */
    this._offerGivenUp = false;
    /** The offer and answer's steps, one after the other (_negotiate). @type {Promise<void>} */
    this._negotiation = Promise.resolve();
    /** Every channel of this connection (the other side's too). @type {RTCDataChannel[]} */
    this._channels = [];
    /** @type {RTCPeerConnection} */
    this._pc = new rtc.RTCPeerConnection(opts.config ?? {});
    const pc = this._pc;
    pc.onicecandidate = (event) => {
      if (this.destroyed || !event.candidate) return;
      const { candidate, sdpMLineIndex, sdpMid } = event.candidate;
      this.emit('signal', [{ type: 'candidate', candidate: { candidate, sdpMLineIndex, sdpMid } }]);
    };
    pc.oniceconnectionstatechange = () => {
      if (this.destroyed) return;
      log(() => [this._tag, ' ice ', pc.iceConnectionState]);
      if (pc.iceConnectionState === 'failed') this.destroy(new Error('Ice connection failed.'));
      else if (pc.iceConnectionState === 'closed') this.destroy(new Error('Ice connection closed.'));
    };
    pc.onconnectionstatechange = () => {
      log(() => [this._tag, ' connection ', pc.connectionState]);
      if (!this.destroyed && pc.connectionState === 'failed') this.destroy(new Error('Connection failed.'));
    };
    pc.onsignalingstatechange = () => {
      if (pc.signalingState === 'stable') this._negotiating = false;
    };
    // Every channel the other side opens is read too: after an offer crossed ours (y-webrtc's
    // "glare"), each side may send on a channel of its own.
    pc.ondatachannel = (event) => this._setupChannel(event.channel, this._channel === null, true);
    if (this.initiator) {
      this._setupChannel(pc.createDataChannel(randomHex(20), opts.channelConfig ?? {}), true);
      // As simple-peer: Chromium has crashed on an offer created in the same task.
      setTimeout(() => this._offer(), 0);
    }
    this._connectTimer = setTimeout(() => {
      if (!this._connected) this.destroy(new Error(`no connection within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
  }

  /** Who this connection is to, for the diagnostics. */
  get _tag() {
    const remote = /** @type {any} */ (this).webrtcConn?.remotePeerId;
    return `${this.initiator ? 'to' : 'from'} ${typeof remote === 'string' ? remote.slice(0, 8) : '?'}`;
  }

  /** Bytes waiting in the data channel. */
  get bufferSize() {
    return this._channel?.bufferedAmount ?? 0;
  }

  get connected() {
    return this._connected && this._channel?.readyState === 'open';
  }

  /** A signal from the other side, as its `signal` event gave it. @param {any} data */
  signal(data) {
    if (this.destroying) return;
    if (this.destroyed) throw new Error('cannot signal after peer is destroyed');
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        data = {};
      }
    }
    if (!data || typeof data !== 'object' || !(data.sdp || data.candidate || data.renegotiate || data.transceiverRequest)) {
      this.destroy(new Error('signal() called with invalid signal data'));
      return;
    }
    if (data.renegotiate && this.initiator) this._offer(true);
    if (data.candidate) {
      if (this._pc.remoteDescription?.type) this._addCandidate(data.candidate);
      else this._pendingCandidates.push(data.candidate);
    }
    if (data.sdp) {
      log(() => [this._tag, ' got ', data.type, ' in ', this._pc.signalingState]);
      const Description = this._rtc.RTCSessionDescription;
      const description = { type: data.type, sdp: data.sdp };
      // Glare: y-webrtc accepted the partner's offer while ours is pending (see above). Ours gives
      // way, whether it is set already (rolled back below) or still being made (never set: set
      // after the partner's offer, it failed "in wrong state: have-remote-offer", the connection
      // closed and the partner's waited CONNECT_TIMEOUT_MS for nothing).
      if (data.type === 'offer' && (this._negotiating || this.initiator)) {
        this._offerGivenUp = true;
        this._dropOwnChannel();
      }
      this._negotiate(async () => {
        if (data.type === 'offer' && this._pc.signalingState === 'have-local-offer') {
          await this._pc.setLocalDescription(/** @type {RTCSessionDescriptionInit} */ ({ type: 'rollback' }));
        }
        await this._pc.setRemoteDescription(Description ? new Description(description) : description);
        if (this.destroyed) return;
        for (const candidate of this._pendingCandidates) this._addCandidate(candidate);
        this._pendingCandidates = [];
        if (this._pc.remoteDescription?.type === 'offer') await this._answer();
      });
    }
  }

  /** @param {any} data */
  send(data) {
    if (this.destroying || this.destroyed) return;
    if (!this._channel) throw new Error('cannot send before the connection is open');
    this._channel.send(data);
  }

  /** @override @param {Error} [error] */
  destroy(error) {
    if (this.destroyed || this.destroying) return;
    this.destroying = true;
    // As simple-peer: events concurrent with the call still fire, then the peer is closed.
    queueMicrotask(() => {
      this.destroyed = true;
      this.destroying = false;
      this._connected = false;
      clearTimeout(this._connectTimer);
      for (const channel of this._channels) {
        channel.onmessage = channel.onopen = channel.onclose = channel.onerror = channel.onbufferedamountlow = null;
        try {
          channel.close();
        } catch {}
      }
      this._channels = [];
      const pc = this._pc;
      pc.onicecandidate = pc.oniceconnectionstatechange = pc.onconnectionstatechange = pc.onsignalingstatechange = pc.ondatachannel = null;
      try {
        pc.close();
      } catch {}
      this._channel = null;
      log(() => [this._tag, ' closed', error ? `: ${error.message}` : '']);
      if (error) this.emit('error', [error]);
      this.emit('close', []);
    });
  }

  /**
   * One step of the offer and answer, after the steps before it have finished: whether our offer
   * is set, given up or rolled back is then known, not guessed from a state about to change.
   * @param {() => Promise<void>} step
   */
  _negotiate(step) {
    this._negotiation = this._negotiation
      .then(() => (this.destroyed ? undefined : step()))
      .catch((/** @type {Error} */ error) => this.destroy(error));
  }

  /** @param {boolean} [renegotiation] a plain simple-peer partner asked for a new offer */
  _offer(renegotiation = false) {
    if (this.destroyed || this._negotiating) return;
    this._negotiating = true;
    // Our first offer is not made once the partner's was accepted (before its timer, or meanwhile).
    const givenUp = () => this.destroyed || (!renegotiation && (this._offerGivenUp || !!this._pc.remoteDescription));
    this._negotiate(async () => {
      if (givenUp()) return void (this._negotiating = false);
      const offer = await this._pc.createOffer();
      if (givenUp()) return void (this._negotiating = false);
      await this._pc.setLocalDescription(offer);
      if (this.destroyed) return;
      const local = this._pc.localDescription ?? offer;
      log(() => [this._tag, ' sends offer']);
      this.emit('signal', [{ type: local.type, sdp: local.sdp }]);
    });
  }

  async _answer() {
    const answer = await this._pc.createAnswer();
    await this._pc.setLocalDescription(answer);
    if (this.destroyed) return;
    const local = this._pc.localDescription ?? answer;
    log(() => [this._tag, ' sends answer']);
    this.emit('signal', [{ type: local.type, sdp: local.sdp }]);
  }

  /** Stop using the channel this side made (before it opened): the partner's will be the one. */
  _dropOwnChannel() {
    const own = this._channel;
    if (!own || own.readyState === 'open') return;
    own.onmessage = own.onopen = own.onclose = own.onerror = own.onbufferedamountlow = null;
    this._channels = this._channels.filter((channel) => channel !== own);
    this._channel = null;
    try {
      own.close();
    } catch {}
  }

  /** @param {RTCIceCandidateInit} candidate */
  _addCandidate(candidate) {
    const Candidate = this._rtc.RTCIceCandidate;
    this._pc.addIceCandidate(Candidate ? new Candidate(candidate) : candidate).catch(() => {
      // As simple-peer: a candidate this stack cannot use (mDNS, another address family) is skipped.
    });
  }

  /**
   * Read `channel`, and send on it once it is the first of this connection's channels to open.
   *
   * A channel the partner opened is open here as soon as it arrives, possibly before the partner
   * has seen it open on its side; what this side sent at once was then lost, the first message or
   * two: Chromium, a loaded CI run (stop 29), where a joiner's challenge never reached its partner,
   * which never proved it writes, so the joiner refused the workspace; in stop 28 the joiner's
   * sync step 1 went too, and it never asked for the workspace. So on the partner's channel this
   * side connects (and y-webrtc sends) when the partner's first message arrives, which it sends
   * once the channel is open on its side, or FIRST_MESSAGE_WAIT_MS after the channel opened here.
   * @param {RTCDataChannel} channel @param {boolean} sendOnIt whether to send on it meanwhile (our own, or the partner's when we have none)
   * @param {boolean} [theirs] the partner opened it (ondatachannel)
   */
  _setupChannel(channel, sendOnIt, theirs = false) {
    if (this.destroyed || this.destroying) {
      channel.close();
      return;
    }
    this._channels.push(channel);
    channel.binaryType = 'arraybuffer';
    if (typeof channel.bufferedAmountLowThreshold === 'number') channel.bufferedAmountLowThreshold = LOW_WATER_MARK;
    if (sendOnIt) this._channel = channel;
    channel.onbufferedamountlow = () => {
      if (channel === this._channel) this._onChannelBufferedAmountLow();
    };
    /** @type {ReturnType<typeof setTimeout> | null} */
    let waiting = null;
    const connect = () => {
      if (waiting) clearTimeout(waiting);
      waiting = null;
      if (this._connected || this.destroyed || this.destroying) return;
      this._channel = channel;
      this._connected = true;
      log(() => [this._tag, ' open']);
      this.emit('connect', []);
    };
    const opened = () => {
      if (!theirs) connect();
      else waiting ??= setTimeout(connect, FIRST_MESSAGE_WAIT_MS);
    };
    channel.onmessage = (event) => {
      if (theirs && !this._connected) connect();
      this._onChannelMessage(event);
    };
    channel.onopen = opened;
    // Only the channel this side sends on ends the connection; another may close unused.
    channel.onclose = () => {
      if (waiting) clearTimeout(waiting);
      if (channel === this._channel) this.destroy();
    };
    channel.onerror = (event) => {
      if (channel !== this._channel) return;
      const error = /** @type {any} */ (event).error;
      this.destroy(error instanceof Error ? error : new Error('Data channel error'));
    };
    if (channel.readyState === 'open') queueMicrotask(opened);
  }

  /** @param {MessageEvent} event */
  _onChannelMessage(event) {
    if (this.destroyed) return;
    const data = event.data;
    this.emit('data', [data instanceof ArrayBuffer ? new Uint8Array(data) : data]);
  }

  /** The channel's buffer drained below LOW_WATER_MARK; subclasses send more. */
  _onChannelBufferedAmountLow() {}
}

export default WebrtcPeer;
