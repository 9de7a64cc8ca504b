// Document names and tokens. The app derives a 32-byte token from the workspace's shared secret
// (HKDF) and the document name from the token with the formulas below, so the keeper can check
// that a token opens a document without holding any state, and never learns anything it could
// derive a key from (docs/keeper.md, "Derivations").
//
// Version 1 ("tavola-k1-", a workspace from before view links): every holder of the token writes.
// Version 2 ("tavola-k2-", a workspace with writers): the name binds the writers' Ed25519 verify
// key K too, the token is `token.K`, and a writer adds `.seconds.signature`, a signature with the
// writers' key over the document name and the time; only such a connection may write, any
// other holder of the view link reads.

const DOCUMENT_INFO = 'tavola/keeper/document/v1/';
const DOCUMENT_INFO_V2 = 'tavola/keeper/document/v2/';
const WRITER_PROOF = 'tavola/keeper/writer/v2\u0000';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DOCUMENT_NAME = /^tavola-k1-[A-Za-z0-9_-]{43}$/;
const DOCUMENT_NAME_V2 = /^tavola-k2-[A-Za-z0-9_-]{43}$/;
const SECONDS = /^[0-9]{1,12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;
/** A writer's proof is accepted this long either side of the keeper's clock. */
export const PROOF_WINDOW_SECONDS = 600;

/**
 * @param {Uint8Array} bytes
 * @returns {string} base64url without padding
 */
function base64url(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** @param {string} text */
async function sha256(text) {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/**
 * The keeper document name a token opens: "tavola-k1-" + base64url(SHA-256(utf8(info + token))).
 * @param {string} token
 * @returns {Promise<string>}
 */
export async function documentNameFor(token) {
  return `tavola-k1-${await sha256(DOCUMENT_INFO + token)}`;
}

/**
 * Version 2: "tavola-k2-" + base64url(SHA-256(utf8("tavola/keeper/document/v2/" + token + "/" + K))).
 * @param {string} token
 * @param {string} verifyKey base64url, 32 bytes
 * @returns {Promise<string>}
 */
export async function documentNameForV2(token, verifyKey) {
  return `tavola-k2-${await sha256(`${DOCUMENT_INFO_V2}${token}/${verifyKey}`)}`;
}

/**
 * A 32-byte token in base64url without padding (43 characters).
 * @param {unknown} token
 * @returns {token is string}
 */
export function isWellFormedToken(token) {
  return typeof token === 'string' && TOKEN.test(token);
}

/**
 * @param {unknown} name
 * @returns {name is string}
 */
export function isWellFormedDocumentName(name) {
  return typeof name === 'string' && (DOCUMENT_NAME.test(name) || DOCUMENT_NAME_V2.test(name));
}

/**
 * What a connection with this token may do in this document: null (refused), or whether it may
 * write. Version 1: a token that opens the name writes. Version 2: `token.K` opens the name for
 * reading; `token.K.seconds.signature` writes when the signature verifies with K over
 * "tavola/keeper/writer/v2" ‖ 0x00 ‖ name ‖ 0x00 ‖ seconds and seconds is within 10 minutes of
 * now. A proof that does not hold leaves the connection reading (a writer with a wrong clock
 * still receives; its client says it is refused).
 * @param {unknown} token
 * @param {unknown} documentName
 * @param {number} [now] ms since epoch
 * @returns {Promise<{ write: boolean } | null>}
 */
export async function accessFor(token, documentName, now = Date.now()) {
  if (typeof token !== 'string' || typeof documentName !== 'string') return null;
  if (DOCUMENT_NAME.test(documentName)) {
    return isWellFormedToken(token) && documentName === (await documentNameFor(token)) ? { write: true } : null;
  }
  if (!DOCUMENT_NAME_V2.test(documentName)) return null;
  const parts = token.split('.');
  if (parts.length !== 2 && parts.length !== 4) return null;
  const [base, verifyKey, seconds, signature] = parts;
  if (!isWellFormedToken(base) || !isWellFormedToken(verifyKey)) return null;
  if (documentName !== (await documentNameForV2(base, verifyKey))) return null;
  if (seconds === undefined || signature === undefined) return { write: false };
  if (!SECONDS.test(seconds) || !SIGNATURE.test(signature)) return null;
  if (Math.abs(Number(seconds) - now / 1000) > PROOF_WINDOW_SECONDS) return { write: false };
  try {
    const key = await crypto.subtle.importKey('raw', Buffer.from(verifyKey, 'base64url'), { name: 'Ed25519' }, false, ['verify']);
    const valid = await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      Buffer.from(signature, 'base64url'),
      new TextEncoder().encode(`${WRITER_PROOF}${documentName}\u0000${seconds}`),
    );
    return { write: valid };
  } catch {
    // Not a point on the curve, say.
    return { write: false };
  }
}
