// @ts-check
/**
 * Who may change a room's document (Tavola's edit and view links, docs/sync.md "The writers'
 * handshake"). Every holder of a room's password reads it; only a partner that proves it holds the
 * writers' signing key (Ed25519) changes it. When a connection opens, each side sends a fresh
 * challenge; a writer answers with a signature over the challenge bound to this room and to this
 * connection's two DTLS certificates, a viewer says it only views. A peer applies sync answers and
 * updates only from a connection whose proof it checked, and still answers everyone's sync requests.
 *
 * On the wire (data channel), first byte WRITERS_MESSAGE, which no y-webrtc message starts with:
 *   challenge  0x70 0x01 ‖ 32 random bytes
 *   proof      0x70 0x02 ‖ 64-byte Ed25519 signature over proofBytes(…)
 *   viewer     0x70 0x03
 */

export const WRITERS_MESSAGE = 0x70;
export const CHALLENGE = 1;
export const PROOF = 2;
export const VIEWER = 3;
export const NONCE_BYTES = 32;
export const SIGNATURE_BYTES = 64;
/** A partner that neither proves nor says it views within this is taken for a viewer. */
export const PROOF_TIMEOUT_MS = 10_000;

const encoder = new TextEncoder();

/**
 * The room's writers, as a peer gets them in `peerOpts.tavola.writers`.
 * @typedef {{ room: string, verifyKey: CryptoKey, signingKey: CryptoKey | null }} Writers
 */

/** @param {Uint8Array} raw the 32-byte Ed25519 public key @returns {Promise<CryptoKey>} */
export function importVerifyKey(raw) {
  return crypto.subtle.importKey('raw', /** @type {BufferSource} */ (raw), { name: 'Ed25519' }, false, ['verify']);
}

/**
 * The first DTLS fingerprint of an SDP (`a=fingerprint:sha-256 AB:CD:…`), normalised: the
 * certificate that side of the connection proves with. Empty when there is none.
 * @param {string | undefined | null} sdp
 */
export function fingerprintOf(sdp) {
  const match = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m.exec(sdp ?? '');
  return match && match[1] && match[2] ? `${match[1].toLowerCase()} ${match[2].toUpperCase()}` : '';
}

/**
 * What a writer signs: `tavola/writer-proof/v2 ‖ 0 ‖ room ‖ 0 ‖ prover's fingerprint ‖ 0 ‖
 * verifier's fingerprint ‖ 0 ‖ the verifier's challenge`. Bound to the connection's certificates,
 * so a viewer cannot pass on a writer's proof from its own connection to the writer.
 * @param {string} room @param {string} prover @param {string} verifier @param {Uint8Array} nonce
 */
export function proofBytes(room, prover, verifier, nonce) {
  const head = encoder.encode(`tavola/writer-proof/v2\u0000${room}\u0000${prover}\u0000${verifier}\u0000`);
  const bytes = new Uint8Array(head.byteLength + nonce.byteLength);
  bytes.set(head);
  bytes.set(nonce, head.byteLength);
  return bytes;
}

/** @param {CryptoKey} signingKey @param {Uint8Array} bytes @returns {Promise<Uint8Array>} */
export async function sign(signingKey, bytes) {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, signingKey, /** @type {BufferSource} */ (bytes)));
}

/** @param {CryptoKey} verifyKey @param {Uint8Array} signature @param {Uint8Array} bytes */
export async function verify(verifyKey, signature, bytes) {
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, verifyKey, /** @type {BufferSource} */ (signature), /** @type {BufferSource} */ (bytes));
  } catch {
    return false;
  }
}

/** @param {number} kind @param {Uint8Array} [body] */
export function writersMessage(kind, body = new Uint8Array(0)) {
  const message = new Uint8Array(2 + body.byteLength);
  message[0] = WRITERS_MESSAGE;
  message[1] = kind;
  message.set(body, 2);
  return message;
}

/**
 * Read a writers' message (its first byte is WRITERS_MESSAGE); throws on any other shape.
 * @param {Uint8Array} message
 * @returns {{ kind: 'challenge', nonce: Uint8Array } | { kind: 'proof', signature: Uint8Array } | { kind: 'viewer' }}
 */
export function parseWritersMessage(message) {
  const kind = message[1];
  const body = message.subarray(2);
  if (kind === CHALLENGE && body.byteLength === NONCE_BYTES) return { kind: 'challenge', nonce: body.slice() };
  if (kind === PROOF && body.byteLength === SIGNATURE_BYTES) return { kind: 'proof', signature: body.slice() };
  if (kind === VIEWER && body.byteLength === 0) return { kind: 'viewer' };
  throw new Error('a malformed writers’ message');
}
