import * as z from 'zod/mini';
import type { AccessKind } from './access';

/**
 * The share link (docs/sync.md): `<app address>#/<kind>/<workspaceId>/<secret>[/<verifyKey>][?relay=<url>…][&keeper=<url>…]`,
 * where `kind` is `edit` or `view` (with the writers' verify key), or `join` for the links made
 * before view links (src/sync/access.ts).
 * Everything after `#` stays in the browser: no server ever sees the secret. A link carries the
 * relays and keepers in effect where it was made, so that any program holding it knows where to
 * connect.
 */
export interface ShareLink {
  workspaceId: string;
  /** `join` (every holder writes), `edit` or `view`: what the secret is (src/sync/access.ts). */
  kind: AccessKind;
  /** ≥128 random bits, base64url: the secret the room, password and keys are derived from. */
  secret: string;
  /** A view link's writers' verify key (43 base64url characters). */
  verifyKey?: string;
  /** Signaling relays the group uses; empty (in links made before the keeper) means the app's defaults. */
  relays: string[];
  /** Keepers that hold the workspace sealed between calls (docs/keeper.md); often none. */
  keepers: string[];
}

/** Relays or keepers a link may name, each. */
export const MAX_ADDRESSES = 8;

export const SECRET_BYTES = 18; // 144 bits, 24 base64url characters
const MIN_SECRET_CHARS = 22; // 128 bits

const workspaceIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));
/** A verify key: 32 bytes, base64url without padding. */
const keyTextSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
const secretSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/), z.minLength(MIN_SECRET_CHARS), z.maxLength(256));
/** A relay's or a keeper's address: ws: or wss:, no credentials in it. */
export const relayUrlSchema = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }),
);

/** What is wrong with a link, for the screen to say in the person's language (`message` is the English). */
export type LinkProblem = 'not-a-link' | 'incomplete' | 'too-long' | 'bad-workspace' | 'short-key' | 'bad-key' | 'bad-relay' | 'bad-keeper';

export type ParsedLink = { ok: true; link: ShareLink } | { ok: false; problem: LinkProblem; message: string; address?: string };

export function newSecret(): string {
  const bytes = new Uint8Array(SECRET_BYTES);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

/** The link to give partners. `appAddress` is the page address without its fragment. */
export function formatShareLink(appAddress: string, link: ShareLink): string {
  const base = appAddress.split('#')[0];
  const params = [...link.relays.map((r) => `relay=${encodeURIComponent(r)}`), ...link.keepers.map((k) => `keeper=${encodeURIComponent(k)}`)];
  const query = params.length > 0 ? `?${params.join('&')}` : '';
  const verifyKey = link.kind === 'view' ? `/${link.verifyKey}` : '';
  return `${base}#/${link.kind}/${link.workspaceId}/${link.secret}${verifyKey}${query}`;
}

/** Read a share link (a whole address, or only its fragment). Never throws; says what is wrong. */
export function parseShareLink(input: string): ParsedLink {
  const text = input.trim();
  const hashAt = text.indexOf('#');
  const fragment = hashAt >= 0 ? text.slice(hashAt + 1) : text;
  const queryAt = fragment.indexOf('?');
  const path = queryAt >= 0 ? fragment.slice(0, queryAt) : fragment;
  const query = queryAt >= 0 ? fragment.slice(queryAt + 1) : '';
  const parts = path.split('/').filter(Boolean);
  const kind = parts[0];
  if (kind !== 'join' && kind !== 'edit' && kind !== 'view') {
    return { ok: false, problem: 'not-a-link', message: 'This is not a Tavola workspace link. A workspace link contains “#/edit/”, “#/view/” or, for older workspaces, “#/join/”.' };
  }
  if (parts.length < 3) {
    return { ok: false, problem: 'incomplete', message: 'This workspace link is incomplete: part of it was probably lost when it was copied. Ask your partner to send it again.' };
  }
  const expected = kind === 'view' ? 4 : 3;
  if (parts.length === 3 && kind === 'view') {
    return { ok: false, problem: 'incomplete', message: 'This workspace link is incomplete: part of it was probably lost when it was copied. Ask your partner to send it again.' };
  }
  if (parts.length > expected) {
    return { ok: false, problem: 'too-long', message: 'This workspace link has more in it than Tavola expects. Ask your partner to send it again.' };
  }
  const [, workspaceId, secret, verifyKey] = parts as [string, string, string, string | undefined];
  if (!workspaceIdSchema.safeParse(workspaceId).success) {
    return { ok: false, problem: 'bad-workspace', message: 'The workspace named in this link is not valid. Ask your partner to send the link again.' };
  }
  if (!secretSchema.safeParse(secret).success) {
    const short = secret.length < MIN_SECRET_CHARS && /^[A-Za-z0-9_-]*$/.test(secret);
    return {
      ok: false,
      problem: short ? 'short-key' : 'bad-key',
      message:
        short
          ? 'The key in this workspace link is too short: the link was probably cut off. Ask your partner to send it again.'
          : 'The key in this workspace link is damaged. Ask your partner to send it again.',
    };
  }
  if (kind === 'view' && !keyTextSchema.safeParse(verifyKey).success) {
    return { ok: false, problem: 'bad-key', message: 'The key in this workspace link is damaged. Ask your partner to send it again.' };
  }
  const relays: string[] = [];
  const keepers: string[] = [];
  for (const [key, value] of new URLSearchParams(query)) {
    if (key !== 'relay' && key !== 'keeper') continue;
    if (!relayUrlSchema.safeParse(value).success) {
      return {
        ok: false,
        problem: key === 'relay' ? 'bad-relay' : 'bad-keeper',
        address: value,
        message:
          key === 'relay'
            ? `The link names a connection relay that is not a valid address (${value}). Ask your partner to check their settings.`
            : `The link names a keeper that is not a valid address (${value}). Ask your partner to check their settings.`,
      };
    }
    const list = key === 'relay' ? relays : keepers;
    if (!list.includes(value) && list.length < MAX_ADDRESSES) list.push(value);
  }
  return { ok: true, link: { workspaceId, kind, secret, ...(kind === 'view' ? { verifyKey } : {}), relays, keepers } };
}

/**
 * The y-webrtc room of a workspace: a hash of its secret, so the relay learns neither the
 * workspace's name nor its secret, and rooms of different workspaces never meet.
 */
export async function roomNameFor(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`tavola/room/v1/${secret}`));
  return `tavola-${toBase64Url(new Uint8Array(digest))}`;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
