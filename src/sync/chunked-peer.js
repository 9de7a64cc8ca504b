// @ts-check
/**
 * A simple-peer that carries messages of any size over a WebRTC data channel.
 *
 * y-webrtc 10.3.0 sends each message whole, and Chromium refuses data-channel messages over
 * 256 KiB, so a workspace whose state is larger never reached a new peer (y-webrtc #20). This
 * subclass is put in place of the simple-peer that y-webrtc imports (see transport.mjs):
 * - a message up to CHUNK_SIZE bytes is sent exactly as y-webrtc made it, so a plain y-webrtc
 *   peer still understands everything small;
 * - a larger one is split into frames: FRAME_MARKER, then four big-endian uint32s (message id,
 *   frame index, frame count, total length), then up to CHUNK_SIZE bytes of the message;
 * - frames are reassembled in order before y-webrtc sees the message; anything malformed (a frame
 *   out of order, a size over MAX_MESSAGE_SIZE, a message that is not y-webrtc's) drops the peer.
 * Frames are queued and sent as the channel drains, so a 5 MB state never overflows its buffer.
 * Plain JavaScript so that Node peers (docs/sync.md, scripts/) can load it without a build.
 */
import SimplePeer from 'simple-peer/simplepeer.min.js';

/** Two bytes no y-webrtc message starts with (its first byte is a message type: 0, 1, 3 or 4). */
export const FRAME_MARKER = [0xff, 0x54];
export const HEADER_SIZE = 2 + 4 * 4;
export const CHUNK_SIZE = 64 * 1024;
/** The largest message a peer may send us, reassembled. */
export const MAX_MESSAGE_SIZE = 256 * 1024 * 1024;
/** Keep at most this much waiting in the data channel; the rest waits in our queue. */
const HIGH_WATER_MARK = 1024 * 1024;
/** y-webrtc's message types (y-webrtc.js: messageSync, messageAwareness, messageQueryAwareness, messageBcPeerId). */
const Y_WEBRTC_MESSAGE_TYPES = new Set([0, 1, 3, 4]);

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
    const frame = new Uint8Array(HEADER_SIZE + part.byteLength);
    const view = new DataView(frame.buffer);
    frame[0] = FRAME_MARKER[0];
    frame[1] = FRAME_MARKER[1];
    view.setUint32(2, messageId >>> 0);
    view.setUint32(6, index);
    view.setUint32(10, count);
    view.setUint32(14, message.byteLength);
    frame.set(part, HEADER_SIZE);
    frames.push(frame);
  }
  return frames;
}

/** @param {Uint8Array} bytes */
export function isFrame(bytes) {
  return bytes.byteLength >= 2 && bytes[0] === FRAME_MARKER[0] && bytes[1] === FRAME_MARKER[1];
}

/**
 * Reassembles framed messages, one at a time and in order (a data channel is ordered and
 * reliable, and a sender finishes one message before the next).
 */
export class Reassembler {
  constructor(maxMessageSize = MAX_MESSAGE_SIZE) {
    this.maxMessageSize = maxMessageSize;
    /** @type {{ id: number, count: number, total: number, next: number, buffer: Uint8Array, filled: number } | null} */
    this.current = null;
  }

  /**
   * @param {Uint8Array} frame
   * @returns {Uint8Array | null} the whole message once its last frame arrived
   * @throws {Error} on a malformed frame
   */
  push(frame) {
    if (frame.byteLength < HEADER_SIZE) throw new Error('frame shorter than its header');
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const id = view.getUint32(2);
    const index = view.getUint32(6);
    const count = view.getUint32(10);
    const total = view.getUint32(14);
    const part = frame.subarray(HEADER_SIZE);
    if (total === 0 || total > this.maxMessageSize) throw new Error(`message of ${total} bytes is over the limit`);
    if (count === 0 || count > total) throw new Error('impossible frame count');
    if (index === 0) {
      if (this.current) throw new Error('new message before the previous one was complete');
      this.current = { id, count, total, next: 0, buffer: new Uint8Array(total), filled: 0 };
    }
    const current = this.current;
    if (!current) throw new Error('frame of a message that never started');
    if (current.id !== id || current.count !== count || current.total !== total) throw new Error('frame of another message');
    if (index !== current.next) throw new Error('frame out of order');
    if (current.filled + part.byteLength > total) throw new Error('frames longer than the message');
    current.buffer.set(part, current.filled);
    current.filled += part.byteLength;
    current.next++;
    if (current.next < count) return null;
    this.current = null;
    if (current.filled !== total) throw new Error('frames shorter than the message');
    return current.buffer;
  }
}

export class ChunkedPeer extends SimplePeer {
  /** @param {any} opts */
  constructor(opts) {
    super(opts);
    this._reassembler = new Reassembler();
    /** @type {Uint8Array[]} */
    this._outbox = [];
    this._nextMessageId = 1;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this._pumpTimer = null;
  }

  /** @param {any} data */
  send(data) {
    const bytes = toBytes(data);
    if (bytes.byteLength <= CHUNK_SIZE) {
      this._outbox.push(bytes);
    } else {
      this._outbox.push(...frameMessage(bytes, this._nextMessageId++));
    }
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
      try {
        super.send(next);
      } catch (error) {
        this.destroy(/** @type {Error} */ (error));
        return;
      }
    }
  }

  _onChannelBufferedAmountLow() {
    // @ts-ignore simple-peer's own handler (stream backpressure)
    super._onChannelBufferedAmountLow();
    this._pump();
  }

  /** @param {MessageEvent} event */
  _onChannelMessage(event) {
    if (this.destroyed) return;
    const bytes = toBytes(event.data);
    let message = bytes;
    try {
      if (isFrame(bytes)) {
        const whole = this._reassembler.push(bytes);
        if (!whole) return;
        message = whole;
      }
      if (message.byteLength === 0 || !Y_WEBRTC_MESSAGE_TYPES.has(message[0] ?? -1)) {
        throw new Error('not a y-webrtc message');
      }
      // @ts-ignore simple-peer's own handler delivers the message to y-webrtc
      super._onChannelMessage({ data: message });
    } catch (error) {
      // A peer that sends garbage is dropped, not obeyed.
      this.destroy(new Error(`Dropped a peer that sent a malformed message: ${/** @type {Error} */ (error).message}`));
    }
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
