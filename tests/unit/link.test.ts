import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatShareLink, newSecret, parseShareLink, roomNameFor, SECRET_BYTES, toBase64Url, type ShareLink } from '../../src/sync/link';

// The share link and room derivation of docs/sync.md, checked against the code.

const APP = 'https://tavola.example.org/app/';
const WORKSPACE_ID = 'Wk3r9_xQ-2mVbN7p';
const SECRET = 'k3Jd9xQ2mWvB7nYp4tLs0eRa';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const MESSAGES = {
  notTavola: 'This is not a Tavola workspace link. A workspace link contains “#/edit/”, “#/view/” or, for older workspaces, “#/join/”.',
  incomplete: 'This workspace link is incomplete: part of it was probably lost when it was copied. Ask your partner to send it again.',
  extra: 'This workspace link has more in it than Tavola expects. Ask your partner to send it again.',
  workspace: 'The workspace named in this link is not valid. Ask your partner to send the link again.',
  short: 'The key in this workspace link is too short: the link was probably cut off. Ask your partner to send it again.',
  damaged: 'The key in this workspace link is damaged. Ask your partner to send it again.',
  relay: (value: string) => `The link names a connection relay that is not a valid address (${value}). Ask your partner to check their settings.`,
};

function failure(input: string): string {
  const parsed = parseShareLink(input);
  if (parsed.ok) throw new Error(`expected ${input} to be refused`);
  return parsed.message;
}

/** The documented derivation, computed without the app's code. */
function documentedRoomName(secret: string): string {
  return `tavola-${createHash('sha256').update(Buffer.from(`tavola/room/v1/${secret}`, 'utf8')).digest('base64url')}`;
}

describe('parseShareLink problem codes (the screen says them in the person\'s language)', () => {
  it('names each kind of broken link', () => {
    const code = (input: string) => {
      const parsed = parseShareLink(input);
      return parsed.ok ? 'ok' : parsed.problem;
    };
    expect(code('https://example.org/#/topics')).toBe('not-a-link');
    expect(code('#/join/abc')).toBe('incomplete');
    expect(code(`#/join/${'a'.repeat(16)}/${'b'.repeat(24)}/more`)).toBe('too-long');
    expect(code(`#/join/${'a'.repeat(16)}/short`)).toBe('short-key');
    expect(code(`#/join/${'a'.repeat(16)}/${'b'.repeat(23)}!`)).toBe('bad-key');
    expect(code(`#/join/${'a'.repeat(16)}/${'b'.repeat(24)}?relay=nope`)).toBe('bad-relay');
  });
});

describe('newSecret', () => {
  it('is 24 base64url characters: 18 random bytes, over 128 bits', () => {
    expect(SECRET_BYTES * 8).toBeGreaterThanOrEqual(128);
    for (let i = 0; i < 50; i++) {
      const secret = newSecret();
      expect(secret).toHaveLength(24);
      expect(secret).toMatch(BASE64URL);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(SECRET_BYTES);
    }
  });

  it('is different every time', () => {
    const secrets = new Set(Array.from({ length: 2000 }, () => newSecret()));
    expect(secrets.size).toBe(2000);
  });

  it('uses the whole alphabet, with no padding', () => {
    const seen = new Set(Array.from({ length: 400 }, () => newSecret()).join(''));
    expect(seen.has('=')).toBe(false);
    // 9,600 random characters: every one of the 64 shows up.
    expect(seen.size).toBe(64);
  });

  it('always makes a link that parses', () => {
    for (let i = 0; i < 50; i++) {
      const link = { workspaceId: WORKSPACE_ID, kind: 'join' as const, secret: newSecret(), relays: [], keepers: [] };
      expect(parseShareLink(formatShareLink(APP, link))).toEqual({ ok: true, link });
    }
  });
});

describe('toBase64Url', () => {
  it('is base64url without padding, as Node writes it', () => {
    for (const length of [0, 1, 2, 3, 17, 18, 32]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 251) & 0xff);
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
  });
});

describe('formatShareLink and parseShareLink', () => {
  it('round-trip a link without relays', () => {
    const link: ShareLink = { workspaceId: WORKSPACE_ID, kind: 'join', secret: SECRET, relays: [], keepers: [] };
    const text = formatShareLink(APP, link);
    expect(text).toBe(`${APP}#/join/${WORKSPACE_ID}/${SECRET}`);
    expect(parseShareLink(text)).toEqual({ ok: true, link });
  });

  it('round-trip a link with relays, each URL-encoded in its own relay parameter', () => {
    const relays = ['wss://relay.example.org/signal?group=ports&x=1', 'ws://localhost:4444', 'wss://relay.example.net:8443/'];
    const link: ShareLink = { workspaceId: WORKSPACE_ID, kind: 'join', secret: SECRET, relays, keepers: [] };
    const text = formatShareLink(APP, link);
    expect(text).toBe(`${APP}#/join/${WORKSPACE_ID}/${SECRET}?${relays.map((r) => `relay=${encodeURIComponent(r)}`).join('&')}`);
    expect(parseShareLink(text)).toEqual({ ok: true, link });
  });

  it('round-trip a link with relays and keepers; a bad keeper address is named as a keeper', () => {
    const link: ShareLink = { workspaceId: WORKSPACE_ID, kind: 'join', secret: SECRET, relays: ['wss://relay.example.org'], keepers: ['wss://keeper.example.org/ports', 'ws://localhost:4445'] };
    const text = formatShareLink(APP, link);
    expect(text).toBe(
      `${APP}#/join/${WORKSPACE_ID}/${SECRET}?relay=${encodeURIComponent('wss://relay.example.org')}&keeper=${encodeURIComponent('wss://keeper.example.org/ports')}&keeper=${encodeURIComponent('ws://localhost:4445')}`,
    );
    expect(parseShareLink(text)).toEqual({ ok: true, link });
    expect(parseShareLink(`#/join/${WORKSPACE_ID}/${SECRET}?keeper=https://keeper.example.org`)).toEqual({
      ok: false,
      problem: 'bad-keeper',
      address: 'https://keeper.example.org',
      message: 'The link names a keeper that is not a valid address (https://keeper.example.org). Ask your partner to check their settings.',
    });
    const many = Array.from({ length: 20 }, (_, i) => `keeper=ws://k${i}.example.org`).join('&');
    const parsed = parseShareLink(`#/join/${WORKSPACE_ID}/${SECRET}?${many}`);
    expect(parsed.ok && parsed.link.keepers).toHaveLength(8);
  });

  it('drop the current route of the app address', () => {
    const text = formatShareLink(`${APP}#/w/${WORKSPACE_ID}/topics`, { workspaceId: WORKSPACE_ID, kind: 'join', secret: SECRET, relays: [], keepers: [] });
    expect(text).toBe(`${APP}#/join/${WORKSPACE_ID}/${SECRET}`);
  });

  it('read a whole address or only its fragment, with or without #, and surrounding spaces', () => {
    const expected = { ok: true, link: { workspaceId: WORKSPACE_ID, kind: 'join', secret: SECRET, relays: ['ws://localhost:4444'], keepers: [] } };
    const fragment = `/join/${WORKSPACE_ID}/${SECRET}?relay=${encodeURIComponent('ws://localhost:4444')}`;
    for (const input of [
      `${APP}#${fragment}`,
      `http://localhost:5173/#${fragment}`,
      `#${fragment}`,
      fragment,
      `  ${APP}#${fragment}\n`,
      // Relays written by hand, not encoded.
      `#/join/${WORKSPACE_ID}/${SECRET}?relay=ws://localhost:4444`,
    ]) {
      expect(parseShareLink(input)).toEqual(expected);
    }
  });

  it('ignore other query parameters and repeated relays', () => {
    const parsed = parseShareLink(`#/join/${WORKSPACE_ID}/${SECRET}?utm_source=mail&relay=wss%3A%2F%2Fa.example.org&relay=wss%3A%2F%2Fa.example.org&relay=ws%3A%2F%2Fb.example.org`);
    expect(parsed).toEqual({ ok: true, link: { workspaceId: WORKSPACE_ID, kind: 'join', secret: SECRET, relays: ['wss://a.example.org', 'ws://b.example.org'], keepers: [] } });
  });

  it('accept workspace ids of 8 to 64 base64url characters and keys of 22 to 256', () => {
    for (const workspaceId of ['abcdefgh', 'A'.repeat(64), 'a-b_c-d_']) {
      expect(parseShareLink(`#/join/${workspaceId}/${SECRET}`).ok).toBe(true);
    }
    for (const secret of ['A'.repeat(22), 'z'.repeat(256), '-_'.repeat(11)]) {
      expect(parseShareLink(`#/join/${WORKSPACE_ID}/${secret}`)).toEqual({ ok: true, link: { workspaceId: WORKSPACE_ID, kind: 'join', secret, relays: [], keepers: [] } });
    }
  });
});

describe('parseShareLink refuses with a message', () => {
  it('anything that is not a join link', () => {
    for (const input of ['', '   ', 'https://tavola.example.org/', `${APP}#/w/${WORKSPACE_ID}/topics`, `#/${WORKSPACE_ID}/${SECRET}`, 'hello', '#/JOIN/abcdefgh/' + SECRET]) {
      expect(failure(input)).toBe(MESSAGES.notTavola);
    }
  });

  it('an incomplete link', () => {
    for (const input of [`${APP}#/join`, '#/join/', '#/join/abcdefgh', `#/join/${WORKSPACE_ID}/`, `#/join/${WORKSPACE_ID}?relay=ws%3A%2F%2Flocalhost%3A4444`]) {
      expect(failure(input)).toBe(MESSAGES.incomplete);
    }
  });

  it('a link with extra parts', () => {
    expect(failure(`#/join/${WORKSPACE_ID}/${SECRET}/topics`)).toBe(MESSAGES.extra);
    expect(failure(`#/join/${WORKSPACE_ID}/${SECRET}/${SECRET}`)).toBe(MESSAGES.extra);
  });

  it('a bad workspace id', () => {
    for (const workspaceId of ['abc', 'abcdefg', 'A'.repeat(65), 'abcd efgh', 'abcd.efgh', 'abcd%20efgh', 'åbcdefgh']) {
      expect(failure(`#/join/${workspaceId}/${SECRET}`)).toBe(MESSAGES.workspace);
    }
  });

  it('a key that was cut off', () => {
    for (const secret of ['short', 'A'.repeat(21), SECRET.slice(0, 12)]) {
      expect(failure(`#/join/${WORKSPACE_ID}/${secret}`)).toBe(MESSAGES.short);
    }
  });

  it('a damaged key', () => {
    for (const secret of ['bad!key$$$$$$$$$$$$$$$$$$$$', `${SECRET.slice(0, 10)}+${SECRET.slice(11)}`, `${SECRET}=`, 'a.b', 'A'.repeat(257), `${SECRET}%20`]) {
      expect(failure(`#/join/${WORKSPACE_ID}/${secret}`)).toBe(MESSAGES.damaged);
    }
  });

  it('a relay that is not a ws: or wss: address without credentials, naming it', () => {
    for (const relay of [
      'http://example.org',
      'https://relay.example.org',
      'ftp://relay.example.org',
      'relay.example.org',
      'not a url',
      'ws://user:password@relay.example.org',
      'wss://user@relay.example.org',
      'wss://:secret@relay.example.org',
    ]) {
      const text = `#/join/${WORKSPACE_ID}/${SECRET}?relay=${encodeURIComponent('wss://good.example.org')}&relay=${encodeURIComponent(relay)}`;
      expect(failure(text)).toBe(MESSAGES.relay(relay));
    }
    expect(failure(`#/join/${WORKSPACE_ID}/${SECRET}?relay=`)).toBe(MESSAGES.relay(''));
  });

  it('never throws, whatever it is given', () => {
    for (const input of ['#', '##', '#?', '#/join/?/?', '#/join/%/%', '#/join/\u0000/\u0000', '#/join/' + 'a/'.repeat(1000), '?'.repeat(10)]) {
      expect(() => parseShareLink(input)).not.toThrow();
      expect(parseShareLink(input).ok).toBe(false);
    }
  });
});

describe('roomNameFor', () => {
  it('is the documented derivation: "tavola-" + base64url(SHA-256("tavola/room/v1/" + secret)), no padding', async () => {
    for (const secret of [SECRET, 'A'.repeat(24), newSecret(), newSecret()]) {
      const room = await roomNameFor(secret);
      expect(room).toBe(documentedRoomName(secret));
      expect(room).toMatch(/^tavola-[A-Za-z0-9_-]{43}$/);
    }
  });

  it('matches the test vectors of docs/sync.md', async () => {
    expect(await roomNameFor('AAAAAAAAAAAAAAAAAAAAAAAA')).toBe('tavola-HQ2Ih1TufQ4L67YTUyfKYdZlolJIBcsZDWaxTqw5urQ');
    expect(await roomNameFor('k3Jd9xQ2mWvB7nYp4tLs0eRa')).toBe('tavola-MvqYybJZPznTVRpmWopWLwmwsz-sE5AHkqy2pLt9cME');
  });

  it('is the same every time for one secret', async () => {
    const secret = newSecret();
    expect(await roomNameFor(secret)).toBe(await roomNameFor(secret));
  });

  it('differs per secret, even by one character', async () => {
    const secrets = [SECRET, `${SECRET.slice(0, -1)}b`, `${SECRET.slice(0, -1)}c`, ...Array.from({ length: 50 }, () => newSecret())];
    const rooms = new Set(await Promise.all(secrets.map((s) => roomNameFor(s))));
    expect(rooms.size).toBe(secrets.length);
  });

  it('never contains the secret or a piece of it', async () => {
    for (let i = 0; i < 50; i++) {
      const secret = newSecret();
      const room = await roomNameFor(secret);
      for (let at = 0; at + 8 <= secret.length; at++) expect(room).not.toContain(secret.slice(at, at + 8));
    }
  });
});
