// Edit and view links (issue 14, docs/sync.md "Edit and view links"): the derivations against
// vectors computed with Node's own crypto (HKDF, Ed25519 from PKCS #8, SHA-256), the link forms,
// and that a view link leads to the same workspace and cannot sign.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveAccess, openMove, sameWorkspace, sealMove, viewSecretOf } from '../../src/sync/access';
import { formatShareLink, newSecret, parseShareLink, roomNameFor } from '../../src/sync/link';
import { accessOf } from '../../src/sync/registry';
import { fingerprintOf, proofBytes, sign, verify, importVerifyKey } from '@tavola/webrtc';

const VECTORS = [
  {
    edit: 'AAAAAAAAAAAAAAAAAAAAAAAA',
    view: 'xP-bcIgzRI2G6g_ZiCm9YLhsVnHr-HZ4b9CcmfZ3dLQ',
    verifyKey: 'FUidjmwRRYQaD8z0ZQGvxzW1zxih7f-Fvc7ZOMA9SHQ',
    room: 'tavola-L9BgOUCMLXAxlptW5gNd0yc8xX-5HX62zHDl_xpp5LY',
  },
  {
    edit: 'k3Jd9xQ2mWvB7nYp4tLs0eRa',
    view: 'DLWLVsH01OlKis3hv8ljZB-lZzrxNxk-wwPT-TveIm8',
    verifyKey: '72L8izEQSjYjjhQ2IH-nMzJwyI3jczzLG6GrY18JOtk',
    room: 'tavola-wDlGQXDuqNiNN_X8V69Gsm0-A0lW3huj2aTaZ89V7zA',
  },
];

describe('deriveAccess', () => {
  it('derives the view secret, the verify key and the room as documented (test vectors)', async () => {
    for (const vector of VECTORS) {
      const keys = await deriveAccess({ kind: 'edit', secret: vector.edit });
      expect(keys.view).toEqual({ secret: vector.view, verifyKey: vector.verifyKey });
      expect(keys.room).toBe(vector.room);
      expect(keys.password).toBe(vector.view);
      expect(keys.shared).toBe(vector.view);
      expect(keys.canEdit).toBe(true);
      const viewer = await deriveAccess({ kind: 'view', secret: vector.view, verifyKey: vector.verifyKey });
      expect([viewer.room, viewer.password, viewer.canEdit, viewer.writers!.signingKey, viewer.view]).toEqual([vector.room, vector.view, false, null, null]);
    }
  });

  it('signs with a key the view link’s verify key checks, here and in Node’s own Ed25519', async () => {
    const keys = await deriveAccess({ kind: 'edit', secret: VECTORS[1]!.edit });
    const message = proofBytes(keys.room, 'sha-256 AA:BB', 'sha-256 CC:DD', new Uint8Array(32).fill(7));
    const signature = await sign(keys.writers!.signingKey!, message);
    const verifyKey = await importVerifyKey(keys.writers!.verifyKey);
    expect(await verify(verifyKey, signature, message)).toBe(true);
    // Node's own Ed25519, from the verify key as the view link carries it.
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(VECTORS[1]!.verifyKey, 'base64url')]);
    expect(nodeVerify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature)).toBe(true);
    // Another challenge, room or connection is another message.
    expect(await verify(verifyKey, signature, proofBytes(keys.room, 'sha-256 CC:DD', 'sha-256 AA:BB', new Uint8Array(32).fill(7)))).toBe(false);
    expect(await verify(verifyKey, signature, proofBytes(keys.room, 'sha-256 AA:BB', 'sha-256 CC:DD', new Uint8Array(32).fill(8)))).toBe(false);
  });

  it('keeps links from before view links as they were: the secret is the password, room v1, no writers', async () => {
    const secret = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    const keys = await deriveAccess({ kind: 'join', secret });
    expect(keys).toMatchObject({ kind: 'join', canEdit: true, room: await roomNameFor(secret), password: secret, shared: secret, writers: null, view: null });
    expect(keys.room).toBe('tavola-HQ2Ih1TufQ4L67YTUyfKYdZlolJIBcsZDWaxTqw5urQ');
  });

  it('tells the same workspace from another', async () => {
    const edit = newSecret();
    const view = await viewSecretOf(edit);
    const { view: parts } = await deriveAccess({ kind: 'edit', secret: edit });
    expect(await sameWorkspace({ kind: 'edit', secret: edit }, { kind: 'view', secret: view, verifyKey: parts!.verifyKey })).toBe(true);
    expect(await sameWorkspace({ kind: 'edit', secret: edit }, { kind: 'edit', secret: newSecret() })).toBe(false);
    // The right room with a made-up verify key is not the same workspace.
    const other = (await deriveAccess({ kind: 'edit', secret: newSecret() })).view!.verifyKey;
    expect(await sameWorkspace({ kind: 'edit', secret: edit }, { kind: 'view', secret: view, verifyKey: other })).toBe(false);
  });
});

describe('edit and view links', () => {
  const APP = 'https://tavola.example.org/';
  const ID = 'Wk3r9_xQ-2mVbN7p';
  it('round-trip, and a view link carries neither the edit secret nor anything it derives but the view parts', async () => {
    const edit = VECTORS[0]!;
    const editLink = formatShareLink(APP, { workspaceId: ID, kind: 'edit', secret: edit.edit, relays: ['wss://relay.example.org'], keepers: [] });
    expect(editLink).toBe(`${APP}#/edit/${ID}/${edit.edit}?relay=${encodeURIComponent('wss://relay.example.org')}`);
    const viewLink = formatShareLink(APP, { workspaceId: ID, kind: 'view', secret: edit.view, verifyKey: edit.verifyKey, relays: [], keepers: [] });
    expect(viewLink).toBe(`${APP}#/view/${ID}/${edit.view}/${edit.verifyKey}`);
    expect(viewLink).not.toContain(edit.edit);
    expect(parseShareLink(editLink)).toEqual({ ok: true, link: { workspaceId: ID, kind: 'edit', secret: edit.edit, relays: ['wss://relay.example.org'], keepers: [] } });
    expect(parseShareLink(viewLink)).toEqual({ ok: true, link: { workspaceId: ID, kind: 'view', secret: edit.view, verifyKey: edit.verifyKey, relays: [], keepers: [] } });
  });

  it('say what is wrong with a view link that lost its verify key or has a damaged one', () => {
    expect(parseShareLink(`#/view/${ID}/${VECTORS[0]!.view}`)).toMatchObject({ ok: false, problem: 'incomplete' });
    expect(parseShareLink(`#/view/${ID}/${VECTORS[0]!.view}/${VECTORS[0]!.verifyKey.slice(0, 30)}`)).toMatchObject({ ok: false, problem: 'bad-key' });
    expect(parseShareLink(`#/edit/${ID}/${VECTORS[0]!.edit}/more`)).toMatchObject({ ok: false, problem: 'too-long' });
  });

  it('are kept in the workspace list with their kind; an entry from before view links is a join link', () => {
    expect(accessOf({ id: ID, name: 'x', createdAt: '', openedAt: '', secret: 's' })).toEqual({ kind: 'join', secret: 's' });
    expect(accessOf({ id: ID, name: 'x', createdAt: '', openedAt: '', secret: 's', kind: 'edit' })).toEqual({ kind: 'edit', secret: 's' });
    expect(accessOf({ id: ID, name: 'x', createdAt: '', openedAt: '', secret: 'v', kind: 'view', verifyKey: 'k' })).toEqual({ kind: 'view', secret: 'v', verifyKey: 'k' });
    expect(accessOf({ id: ID, name: 'x', createdAt: '', openedAt: '' })).toBeUndefined();
  });
});

describe('fingerprintOf', () => {
  it('reads the first DTLS fingerprint of an SDP, normalised', () => {
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=fingerprint:SHA-256 ab:cd:EF\r\na=fingerprint:sha-1 00:11\r\n';
    expect(fingerprintOf(sdp)).toBe('sha-256 AB:CD:EF');
    expect(fingerprintOf('v=0\r\n')).toBe('');
    expect(fingerprintOf(undefined)).toBe('');
  });
});

describe('moves (replacing the links)', () => {
  it('give holders of the old edit link the new one, tell old view holders, and cannot be made up by a viewer', async () => {
    const old = newSecret();
    const next = newSecret();
    const { view } = await deriveAccess({ kind: 'edit', secret: old });
    const check = 'c'.repeat(43);
    const move = await sealMove({ kind: 'edit', secret: old, move: true }, check, { secret: next });
    expect(JSON.stringify(move)).not.toContain(next);
    expect(await openMove({ kind: 'edit', secret: old }, move)).toEqual({ kind: 'moved', secret: next });
    const viewAccess = { kind: 'view' as const, secret: view!.secret, verifyKey: view!.verifyKey };
    expect(await openMove(viewAccess, move)).toEqual({ kind: 'replaced' });
    // Not moved along: the edit holder is only told.
    expect(await openMove({ kind: 'edit', secret: old }, await sealMove({ kind: 'edit', secret: old, move: false }, check, { secret: next }))).toEqual({ kind: 'replaced' });
    // A move sealed for another check, or a signature over another box, is not genuine.
    expect(await openMove({ kind: 'edit', secret: old }, { ...move, check: 'd'.repeat(43) })).toBeNull();
    const other = await sealMove({ kind: 'edit', secret: old, move: true }, check, { secret: newSecret() });
    expect(await openMove(viewAccess, { ...move, box: other.box })).toBeNull();
    // A viewer cannot make one: without the old edit secret its box does not open, and it has no signing key.
    const forged = await sealMove({ kind: 'join', secret: view!.secret, move: true }, check, { secret: newSecret() });
    expect(await openMove({ kind: 'edit', secret: old }, forged)).toBeNull();
    expect(await openMove(viewAccess, forged)).toBeNull();
    // A link from before view links: moved with its one secret, no signature needed.
    const joinSecret = newSecret();
    expect(await openMove({ kind: 'join', secret: joinSecret }, await sealMove({ kind: 'join', secret: joinSecret, move: true }, check, { secret: next }))).toEqual({ kind: 'moved', secret: next });
  });
});
