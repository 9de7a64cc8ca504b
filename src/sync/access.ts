import { toBase64Url } from './link';

/**
 * Edit and view links (docs/sync.md, "Edit and view links"). A workspace made before view links
 * has one secret, and whoever holds it reads and writes (`join`, scheme 1). Since then a workspace
 * has an **edit secret** E, from which everything else is derived one way:
 *
 *   HKDF-SHA-256(key material UTF-8(E), salt "tavola/link/v2")
 *     info "tavola signing key" → 32 bytes: the Ed25519 seed of the writers' signing key
 *     info "tavola view secret" → 32 bytes: the view secret V (base64url, 43 characters)
 *   the writers' verify key K: the Ed25519 public key of that seed (32 bytes, base64url)
 *
 * V gives the room, y-webrtc's password, the rendezvous check and the keeper's keys; a view link
 * carries V and K, so its holder reads everything and can check who wrote, but cannot sign: it
 * cannot get back to E. Peers apply changes only from partners that prove they hold the signing
 * key (packages/webrtc/src/writers.js).
 */
export type AccessKind = 'join' | 'edit' | 'view';

export interface WorkspaceAccess {
  /** `join`: a link from before view links (every holder writes); `edit`: an edit secret; `view`: a view secret. */
  kind: AccessKind;
  secret: string;
  /** The writers' verify key of a view link (base64url, 32 bytes). */
  verifyKey?: string;
}

export interface AccessKeys {
  kind: AccessKind;
  /** This holder may change the workspace. */
  canEdit: boolean;
  /** y-webrtc's room name and password. */
  room: string;
  password: string;
  /** What the rendezvous key check and the keeper's keys are derived from: the secret every holder shares. */
  shared: string;
  /** Scheme 2: who may write. Absent for `join` links, where every holder writes. */
  writers: WriterKeys | null;
  /** The view link's parts, for an edit holder (scheme 2). */
  view: { secret: string; verifyKey: string } | null;
}

export interface WriterKeys {
  /** The verify key, raw (32 bytes) and as it appears in a view link. */
  verifyKey: Uint8Array;
  verifyKeyText: string;
  /** Ed25519, WebCrypto; null for a view holder. */
  signingKey: CryptoKey | null;
}

const encoder = new TextEncoder();
const LINK_SALT = 'tavola/link/v2';
const SIGNING_INFO = 'tavola signing key';
const VIEW_INFO = 'tavola view secret';
/** An Ed25519 private key in PKCS #8 is this prefix and the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

/** A view secret or verify key: 32 bytes, base64url without padding. */
export const KEY_TEXT_CHARS = 43;

async function hkdf(secret: string, info: string): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(LINK_SALT), info: encoder.encode(info) }, base, 256);
  return new Uint8Array(bits);
}

async function sha256Text(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/** The signing key pair of an edit secret: WebCrypto's Ed25519 from the derived seed. */
export async function signingKeyOf(editSecret: string): Promise<{ signingKey: CryptoKey; verifyKey: Uint8Array }> {
  const seed = await hkdf(editSecret, SIGNING_INFO);
  const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + seed.byteLength);
  pkcs8.set(PKCS8_ED25519_PREFIX);
  pkcs8.set(seed, PKCS8_ED25519_PREFIX.length);
  // Extractable once, to read the public key from its JWK; the key kept is not extractable.
  const extractable = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', extractable);
  const signingKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  return { signingKey, verifyKey: fromBase64Url(jwk.x!) };
}

/** The view secret of an edit secret. */
export async function viewSecretOf(editSecret: string): Promise<string> {
  return toBase64Url(await hkdf(editSecret, VIEW_INFO));
}

/** The y-webrtc room of a scheme-2 workspace, from its view secret. */
export async function roomNameV2(viewSecret: string): Promise<string> {
  return `tavola-${await sha256Text(`tavola/room/v2/${viewSecret}`)}`;
}

/** Everything a holder's secret gives. Throws only without WebCrypto (a page served over plain http). */
export async function deriveAccess(access: WorkspaceAccess): Promise<AccessKeys> {
  if (access.kind === 'join') {
    const room = `tavola-${await sha256Text(`tavola/room/v1/${access.secret}`)}`;
    return { kind: 'join', canEdit: true, room, password: access.secret, shared: access.secret, writers: null, view: null };
  }
  if (access.kind === 'edit') {
    const [{ signingKey, verifyKey }, viewSecret] = await Promise.all([signingKeyOf(access.secret), viewSecretOf(access.secret)]);
    const verifyKeyText = toBase64Url(verifyKey);
    return {
      kind: 'edit',
      canEdit: true,
      room: await roomNameV2(viewSecret),
      password: viewSecret,
      shared: viewSecret,
      writers: { verifyKey, verifyKeyText, signingKey },
      view: { secret: viewSecret, verifyKey: verifyKeyText },
    };
  }
  if (!access.verifyKey) throw new Error('a view link needs the writers’ verify key');
  return {
    kind: 'view',
    canEdit: false,
    room: await roomNameV2(access.secret),
    password: access.secret,
    shared: access.secret,
    writers: { verifyKey: fromBase64Url(access.verifyKey), verifyKeyText: access.verifyKey, signingKey: null },
    view: null,
  };
}

/** Whether two holders' secrets open the same workspace (an edit secret and its view secret do). */
export async function sameWorkspace(a: WorkspaceAccess, b: WorkspaceAccess): Promise<boolean> {
  const [x, y] = await Promise.all([deriveAccess(a), deriveAccess(b)]);
  return x.room === y.room && x.writers?.verifyKeyText === y.writers?.verifyKeyText;
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Taking links back (docs/sync.md, "Replacing the links"). A member who replaces the links moves
 * the workspace to a new edit secret, and keeps the old access to tell whoever still holds it. On
 * the rendezvous (src/sync/key-check.ts), hearing someone with an old key check, it publishes a
 * **move**: the new edit secret sealed for holders of the old edit secret (AES-GCM, key from
 * HKDF(old secret, salt "tavola/moved/v1", info "tavola moved key")), or nothing when the members
 * chose not to move edit holders along; signed with the old signing key (scheme 2), so that holders
 * of the old view link can tell a real move from a made-up one. They are told the link was replaced.
 */
export interface Move {
  /** The old key check (who the move is for). */
  check: string;
  /** base64url: 12-byte nonce ‖ AES-GCM(JSON { secret? }), additional data `tavola/moved/v1 ‖ 0 ‖ check`. */
  box: string;
  /** base64url Ed25519 signature over `tavola/moved/v1 ‖ 0 ‖ check ‖ 0 ‖ box`, for scheme-2 old links. */
  sig?: string;
}

/** A replaced access this browser still answers for, and whether edit holders are moved along. */
export interface PreviousAccess extends WorkspaceAccess {
  move: boolean;
}

const MOVE_SALT = 'tavola/moved/v1';

async function moveKey(secret: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(MOVE_SALT), info: encoder.encode('tavola moved key') }, base, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

const moveAad = (check: string) => encoder.encode(`${MOVE_SALT}\u0000${check}`);
const moveSigned = (check: string, box: string) => encoder.encode(`${MOVE_SALT}\u0000${check}\u0000${box}`);

/** The move to publish for holders of `old` (an edit or join access this member had). */
export async function sealMove(old: PreviousAccess, check: string, next: { secret: string }): Promise<Move> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify(old.move ? { secret: next.secret } : {}));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: moveAad(check) }, await moveKey(old.secret, 'encrypt'), plain));
  const bytes = new Uint8Array(iv.byteLength + sealed.byteLength);
  bytes.set(iv);
  bytes.set(sealed, iv.byteLength);
  const box = toBase64Url(bytes);
  if (old.kind !== 'edit') return { check, box };
  const { signingKey } = await signingKeyOf(old.secret);
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, signingKey, moveSigned(check, box)));
  return { check, box, sig: toBase64Url(sig) };
}

export type MoveOutcome = { kind: 'moved'; secret: string } | { kind: 'replaced' } | null;

/** What a move heard on the rendezvous means for this holder; null when it is not genuine. */
export async function openMove(own: WorkspaceAccess, move: Move): Promise<MoveOutcome> {
  try {
    if (own.kind === 'view') {
      if (!own.verifyKey || !move.sig) return null;
      const key = await crypto.subtle.importKey('raw', fromBase64Url(own.verifyKey), { name: 'Ed25519' }, false, ['verify']);
      return (await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64Url(move.sig), moveSigned(move.check, move.box))) ? { kind: 'replaced' } : null;
    }
    const bytes = fromBase64Url(move.box);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: moveAad(move.check) }, await moveKey(own.secret, 'decrypt'), bytes.subarray(12));
    const content = JSON.parse(new TextDecoder().decode(plain)) as { secret?: unknown };
    return typeof content.secret === 'string' && /^[A-Za-z0-9_-]{22,256}$/.test(content.secret) ? { kind: 'moved', secret: content.secret } : { kind: 'replaced' };
  } catch {
    return null;
  }
}
