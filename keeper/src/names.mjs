// Document names and tokens. The app derives a 32-byte token from the share secret (HKDF) and the
// document name from the token with the formula below, so the keeper can check that a token opens
// a document without holding any state, and never learns anything it could derive a key from.

const DOCUMENT_PREFIX = 'tavola-k1-';
const DOCUMENT_INFO = 'tavola/keeper/document/v1/';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DOCUMENT_NAME = /^tavola-k1-[A-Za-z0-9_-]{43}$/;

/**
 * @param {Uint8Array} bytes
 * @returns {string} base64url without padding
 */
function base64url(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * The keeper document name a token opens: "tavola-k1-" + base64url(SHA-256(utf8(info + token))).
 * @param {string} token
 * @returns {Promise<string>}
 */
export async function documentNameFor(token) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(DOCUMENT_INFO + token));
  return DOCUMENT_PREFIX + base64url(new Uint8Array(digest));
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
  return typeof name === 'string' && DOCUMENT_NAME.test(name);
}
