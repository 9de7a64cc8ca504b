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

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
