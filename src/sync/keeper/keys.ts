import { toBase64Url } from '../link';

/**
 * What a workspace's share secret gives for its keeper (docs/keeper.md, "Derivations"). HKDF
 * (SHA-256) over the secret makes two independent values: the access token and the sealing key.
 * The keeper's document name is a hash of the token, so a keeper can check a token against a
 * document name with no state of its own, and cannot get from either to the key.
 */
export interface KeeperKeys {
  /** The keeper's name for this workspace's log: `tavola-k1-` + base64url(SHA-256(…token)). */
  documentName: string;
  /** Sent to the keeper when connecting: 32 bytes, base64url. */
  token: string;
  /** AES-GCM, 256 bits, never leaves WebCrypto. */
  key: CryptoKey;
}

const HKDF_SALT = 'tavola/keeper/v1';
const TOKEN_INFO = 'tavola keeper token';
const KEY_INFO = 'tavola keeper sealing key';
const DOCUMENT_PREFIX = 'tavola/keeper/document/v1/';

const encoder = new TextEncoder();

export async function deriveKeeperKeys(secret: string): Promise<KeeperKeys> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits', 'deriveKey']);
  const params = (info: string): HkdfParams => ({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(HKDF_SALT), info: encoder.encode(info) });
  const tokenBits = new Uint8Array(await crypto.subtle.deriveBits(params(TOKEN_INFO), base, 256));
  const token = toBase64Url(tokenBits);
  const key = await crypto.subtle.deriveKey(params(KEY_INFO), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return { documentName: await keeperDocumentName(token), token, key };
}

/** The same formula as the keeper's own check (keeper/src/names.mjs). */
export async function keeperDocumentName(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${DOCUMENT_PREFIX}${token}`));
  return `tavola-k1-${toBase64Url(new Uint8Array(digest))}`;
}

/** What an entry holds once unsealed. */
export type EntryKind = 'changes' | 'snapshot';

/**
 * Sealed entry, version 1: `0x01 ‖ nonce (12 bytes) ‖ AES-GCM(plaintext, 128-bit tag)`, with
 * `tavola/keeper/entry/v1 ‖ 0x00 ‖ document name ‖ 0x00 ‖ entry id` as additional data: an
 * entry copied under another id, or into another workspace's log, does not unseal.
 * Plaintext: one byte of kind (0 changes, 1 snapshot) ‖ a Yjs update (v1 encoding).
 */
export const SEALED_VERSION = 1;
const NONCE_BYTES = 12;
const KINDS: EntryKind[] = ['changes', 'snapshot'];

function additionalData(documentName: string, entryId: string): Uint8Array {
  return encoder.encode(`tavola/keeper/entry/v1\u0000${documentName}\u0000${entryId}`);
}

export async function sealEntry(keys: KeeperKeys, entryId: string, kind: EntryKind, update: Uint8Array, nonce?: Uint8Array): Promise<Uint8Array> {
  const iv = nonce ?? crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const plain = new Uint8Array(1 + update.byteLength);
  plain[0] = KINDS.indexOf(kind);
  plain.set(update, 1);
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData(keys.documentName, entryId) as BufferSource }, keys.key, plain),
  );
  const sealed = new Uint8Array(1 + NONCE_BYTES + cipher.byteLength);
  sealed[0] = SEALED_VERSION;
  sealed.set(iv, 1);
  sealed.set(cipher, 1 + NONCE_BYTES);
  return sealed;
}

/** The entry's kind and update, or null when it does not unseal (garbage, another key, moved). */
export async function unsealEntry(keys: KeeperKeys, entryId: string, sealed: Uint8Array): Promise<{ kind: EntryKind; update: Uint8Array } | null> {
  if (sealed.byteLength < 1 + NONCE_BYTES + 16 + 1 || sealed[0] !== SEALED_VERSION) return null;
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.subarray(1, 1 + NONCE_BYTES) as BufferSource, additionalData: additionalData(keys.documentName, entryId) as BufferSource },
        keys.key,
        sealed.subarray(1 + NONCE_BYTES) as BufferSource,
      ),
    );
  } catch {
    return null;
  }
  const kind = KINDS[plain[0]!];
  if (!kind) return null;
  return { kind, update: plain.subarray(1) };
}

/** A fresh entry id: 16 random bytes, base64url. */
export function newEntryId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
