import type { WriterKeys } from '../access';
import { toBase64Url } from '../link';

/**
 * What a workspace's shared secret gives for its keeper (docs/keeper.md, "Derivations"). HKDF
 * (SHA-256) over the secret makes two independent values: the access token and the sealing key.
 * The keeper's document name is a hash of the token (and, in version 2, of the writers' verify
 * key), so a keeper can check a token against a document name with no state of its own, and
 * cannot get from either to the key.
 *
 * Version 1: a workspace from before view links (every holder writes). Version 2: a workspace
 * with writers (src/sync/access.ts): the keys come from the view secret V, entries are signed
 * with the writers' Ed25519 key, and only a connection that proves it holds that key may write
 * at the keeper; a view holder reads.
 */
export interface KeeperKeys {
  version: 1 | 2;
  /** The keeper's name for this workspace's log: `tavola-k1-` or `tavola-k2-` + base64url(SHA-256(…)). */
  documentName: string;
  /** The access token's first part: 32 bytes, base64url (the whole token in version 1). */
  token: string;
  /** AES-GCM, 256 bits, never leaves WebCrypto. */
  key: CryptoKey;
  /** Version 2: the writers' keys (Ed25519, WebCrypto); `signingKey` is null for a view holder. */
  writers: KeeperWriters | null;
}

export interface KeeperWriters {
  verifyKey: CryptoKey;
  verifyKeyText: string;
  signingKey: CryptoKey | null;
}

const HKDF_SALT = { 1: 'tavola/keeper/v1', 2: 'tavola/keeper/v2' } as const;
const TOKEN_INFO = 'tavola keeper token';
const KEY_INFO = 'tavola keeper sealing key';
const DOCUMENT_PREFIX = 'tavola/keeper/document/v1/';
const DOCUMENT_PREFIX_V2 = 'tavola/keeper/document/v2/';
const WRITER_PROOF = 'tavola/keeper/writer/v2\u0000';

const encoder = new TextEncoder();

/**
 * The keeper keys of a shared secret: version 1 without writers (a `join` link), version 2 with
 * them (an edit or view link: the secret is then the view secret).
 */
export async function deriveKeeperKeys(secret: string, writers: WriterKeys | null = null): Promise<KeeperKeys> {
  const version = writers ? 2 : 1;
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits', 'deriveKey']);
  const params = (info: string): HkdfParams => ({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(HKDF_SALT[version]), info: encoder.encode(info) });
  const tokenBits = new Uint8Array(await crypto.subtle.deriveBits(params(TOKEN_INFO), base, 256));
  const token = toBase64Url(tokenBits);
  const key = await crypto.subtle.deriveKey(params(KEY_INFO), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  if (!writers) return { version: 1, documentName: await keeperDocumentName(token), token, key, writers: null };
  const verifyKey = await crypto.subtle.importKey('raw', writers.verifyKey as BufferSource, { name: 'Ed25519' }, true, ['verify']);
  return {
    version: 2,
    documentName: await keeperDocumentNameV2(token, writers.verifyKeyText),
    token,
    key,
    writers: { verifyKey, verifyKeyText: writers.verifyKeyText, signingKey: writers.signingKey },
  };
}

/** The same formula as the keeper's own check (keeper/src/names.mjs). */
export async function keeperDocumentName(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${DOCUMENT_PREFIX}${token}`));
  return `tavola-k1-${toBase64Url(new Uint8Array(digest))}`;
}

/** Version 2: the name binds the writers' verify key, so a keeper checks the one against the other. */
export async function keeperDocumentNameV2(token: string, verifyKeyText: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${DOCUMENT_PREFIX_V2}${token}/${verifyKeyText}`));
  return `tavola-k2-${toBase64Url(new Uint8Array(digest))}`;
}

/** This holder may add to and remove from the log: every holder in version 1, writers in version 2. */
export function canWrite(keys: KeeperKeys): boolean {
  return keys.version === 1 || keys.writers?.signingKey != null;
}

/**
 * What is sent to the keeper as Hocuspocus's token. Version 1: the token. Version 2: `token.K`
 * (K: the verify key, base64url) for a view holder, and a writer adds `.seconds.signature`: an
 * Ed25519 signature over `tavola/keeper/writer/v2 ‖ 0x00 ‖ document name ‖ 0x00 ‖ seconds`
 * (Unix time, decimal), which the keeper checks with K and accepts within 10 minutes of its clock.
 * Made again at every connection (the provider asks for it each time).
 */
export async function keeperToken(keys: KeeperKeys, now = Date.now()): Promise<string> {
  if (keys.version === 1 || !keys.writers) return keys.token;
  const viewer = `${keys.token}.${keys.writers.verifyKeyText}`;
  if (!keys.writers.signingKey) return viewer;
  const seconds = String(Math.floor(now / 1000));
  const proof = await crypto.subtle.sign({ name: 'Ed25519' }, keys.writers.signingKey, encoder.encode(`${WRITER_PROOF}${keys.documentName}\u0000${seconds}`));
  return `${viewer}.${seconds}.${toBase64Url(new Uint8Array(proof))}`;
}

/** What an entry holds once unsealed. */
export type EntryKind = 'changes' | 'snapshot';

/**
 * Sealed entry, version 1: `0x01 ‖ nonce (12 bytes) ‖ AES-GCM(plaintext, 128-bit tag)`, with
 * `tavola/keeper/entry/v1 ‖ 0x00 ‖ document name ‖ 0x00 ‖ entry id` as additional data: an
 * entry copied under another id, or into another workspace's log, does not unseal.
 * Plaintext: one byte of kind (0 changes, 1 snapshot) ‖ a Yjs update (v1 encoding).
 *
 * Version 2 (a workspace with writers): `0x02 ‖ nonce ‖ AES-GCM(…) ‖ Ed25519 signature (64
 * bytes)`, additional data `tavola/keeper/entry/v2 ‖ 0x00 ‖ document name ‖ 0x00 ‖ entry id`,
 * the signature over that same text ‖ 0x00 ‖ everything before the signature. A view holder has
 * the sealing key (it reads), so AES-GCM alone cannot tell a writer's entry from a viewer's: the
 * signature can.
 */
export const SEALED_VERSION = 1;
export const SIGNED_VERSION = 2;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
const KINDS: EntryKind[] = ['changes', 'snapshot'];

function context(version: 1 | 2, documentName: string, entryId: string): string {
  return `tavola/keeper/entry/v${version}\u0000${documentName}\u0000${entryId}`;
}

function signedBytes(documentName: string, entryId: string, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${context(2, documentName, entryId)}\u0000`);
  const out = new Uint8Array(prefix.byteLength + body.byteLength);
  out.set(prefix);
  out.set(body, prefix.byteLength);
  return out;
}

export async function sealEntry(keys: KeeperKeys, entryId: string, kind: EntryKind, update: Uint8Array, nonce?: Uint8Array): Promise<Uint8Array> {
  const version = keys.version;
  const signingKey = keys.writers?.signingKey ?? null;
  if (version === 2 && !signingKey) throw new Error('a view holder cannot seal entries');
  const iv = nonce ?? crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const plain = new Uint8Array(1 + update.byteLength);
  plain[0] = KINDS.indexOf(kind);
  plain.set(update, 1);
  const additionalData = encoder.encode(context(version, keys.documentName, entryId));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData as BufferSource }, keys.key, plain));
  const bodyBytes = 1 + NONCE_BYTES + cipher.byteLength;
  const sealed = new Uint8Array(bodyBytes + (version === 2 ? SIGNATURE_BYTES : 0));
  sealed[0] = version;
  sealed.set(iv, 1);
  sealed.set(cipher, 1 + NONCE_BYTES);
  if (version === 2) {
    const signature = await crypto.subtle.sign({ name: 'Ed25519' }, signingKey!, signedBytes(keys.documentName, entryId, sealed.subarray(0, bodyBytes)) as BufferSource);
    sealed.set(new Uint8Array(signature), bodyBytes);
  }
  return sealed;
}

/**
 * The entry's kind and update, or null when it does not unseal (garbage, another key, moved).
 * A log with writers reads only version 2 entries whose signature holds: a version 1 entry, an
 * unsigned or badly signed one, or one signed for another id is null, whoever holds the key.
 */
export async function unsealEntry(keys: KeeperKeys, entryId: string, sealed: Uint8Array): Promise<{ kind: EntryKind; update: Uint8Array } | null> {
  const version = keys.version;
  const signature = version === 2 ? SIGNATURE_BYTES : 0;
  if (sealed.byteLength < 1 + NONCE_BYTES + TAG_BYTES + 1 + signature || sealed[0] !== version) return null;
  const body = sealed.subarray(0, sealed.byteLength - signature);
  let plain: Uint8Array;
  try {
    if (version === 2) {
      const valid = await crypto.subtle.verify(
        { name: 'Ed25519' },
        keys.writers!.verifyKey,
        sealed.subarray(body.byteLength) as BufferSource,
        signedBytes(keys.documentName, entryId, body) as BufferSource,
      );
      if (!valid) return null;
    }
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: body.subarray(1, 1 + NONCE_BYTES) as BufferSource, additionalData: encoder.encode(context(version, keys.documentName, entryId)) as BufferSource },
        keys.key,
        body.subarray(1 + NONCE_BYTES) as BufferSource,
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
