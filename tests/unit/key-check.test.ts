import { createHash } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { KeyCheck, canReadSignaling, guardSignaling, keyCheckFor, rendezvousTopicFor, type SignalingConnLike } from '../../src/sync/key-check';

/** A relay connection as y-webrtc's SignalingConn looks to key-check.ts: lib0 observers, and what was sent. */
class FakeConn implements SignalingConnLike {
  connected = true;
  sent: any[] = [];
  _observers = new Map<string, Set<(...args: unknown[]) => void>>();
  send(message: unknown) {
    this.sent.push(message);
  }
  on(name: string, handler: (...args: unknown[]) => void) {
    if (!this._observers.has(name)) this._observers.set(name, new Set());
    this._observers.get(name)!.add(handler);
  }
  off(name: string, handler: (...args: unknown[]) => void) {
    this._observers.get(name)?.delete(handler);
  }
  emit(name: string, ...args: unknown[]) {
    for (const handler of [...(this._observers.get(name) ?? [])]) handler(...args);
  }
  published() {
    return this.sent.filter((m) => m.type === 'publish');
  }
}

const WORKSPACE = 'Wk3r9_xQ-2mVbN7p';
const SECRET = 'k3Jd9xQ2mWvB7nYp4tLs0eRa';
const OTHER = 'k3Jd9xQ2mWvB7nYp4tLs0eRb';

function keyCheck(secret: string, conn: FakeConn, key: PromiseLike<CryptoKey | null> = Promise.resolve(null), roomName = `room-${secret}`) {
  let changes = 0;
  const check = new KeyCheck({ workspaceId: WORKSPACE, secret, onChange: () => changes++, alone: () => true });
  return {
    check,
    changes: () => changes,
    attach: async () => {
      await check.prepare();
      check.attach({ roomName, key, signalingConns: [conn] });
    },
  };
}

describe('the rendezvous (docs/sync.md, "Wrong keys")', () => {
  it('derives topic and key check by SHA-256, as documented', async () => {
    const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
    expect(await rendezvousTopicFor(WORKSPACE)).toBe(`tavola-rv-${hash(`tavola/rendezvous/v1/${WORKSPACE}`)}`);
    expect(await keyCheckFor(WORKSPACE, SECRET)).toBe(hash(`tavola/key-check/v1/${WORKSPACE}/${SECRET}`));
    expect(await rendezvousTopicFor(WORKSPACE)).not.toContain(WORKSPACE);
    expect(await keyCheckFor(WORKSPACE, OTHER)).not.toBe(await keyCheckFor(WORKSPACE, SECRET));
  });

  it('two peers with different keys each learn of the other; the same key is no mismatch', async () => {
    const conn = new FakeConn();
    const a = keyCheck(SECRET, conn);
    const b = keyCheck(OTHER, conn);
    const a2 = keyCheck(SECRET, conn);
    await a.attach();
    await a2.attach();
    // The relay echoes every publish to every subscriber, the sender included.
    const relay = () => {
      const messages = conn.published();
      conn.sent = [];
      for (const m of messages) conn.emit('message', m, conn);
      return messages.length;
    };
    relay();
    expect(a.check.mismatch()).toBe(false);
    expect(a2.check.mismatch()).toBe(false);
    await b.attach();
    expect(relay()).toBe(1); // B's announce
    expect(a.check.mismatch()).toBe(true);
    expect(a2.check.mismatch()).toBe(true);
    expect(relay()).toBe(2); // both answer once; answers are not answered
    expect(b.check.mismatch()).toBe(true);
    expect(relay()).toBe(0);
    // What the relay saw: hashes and random ids only.
    const seen = JSON.stringify(conn.sent) + JSON.stringify(conn.published());
    expect(seen).not.toContain(WORKSPACE);
    expect(seen).not.toContain(SECRET);
    b.check.destroy();
    expect(conn.published()).toEqual([]);
    expect(conn.sent.at(-1)).toEqual({ type: 'unsubscribe', topics: [await rendezvousTopicFor(WORKSPACE)] });
  });

  it('ignores malformed or foreign messages and answers a flood only once per sender', async () => {
    const conn = new FakeConn();
    const a = keyCheck(SECRET, conn);
    await a.attach();
    conn.sent = [];
    const topic = await rendezvousTopicFor(WORKSPACE);
    for (const data of [null, 'x', { tavola: 'key-check', v: 2, from: 'a'.repeat(16), check: 'b'.repeat(43) }, { tavola: 'key-check', v: 1, from: 'short', check: 'b'.repeat(43) }]) {
      conn.emit('message', { type: 'publish', topic, data }, conn);
    }
    conn.emit('message', { type: 'publish', topic: 'other', data: { tavola: 'key-check', v: 1, from: 'a'.repeat(16), check: 'b'.repeat(43) } }, conn);
    expect(a.check.mismatch()).toBe(false);
    for (let i = 0; i < 50; i++) conn.emit('message', { type: 'publish', topic, data: { tavola: 'key-check', v: 1, from: 'a'.repeat(16), check: 'b'.repeat(43) } }, conn);
    expect(a.check.mismatch()).toBe(true);
    expect(conn.published()).toHaveLength(1);
  });
});

describe('the room guard', () => {
  const roomName = 'tavola-room';
  // As y-webrtc 10.3.0's crypto.js: PBKDF2 (100,000 × SHA-256, salt = room name) to AES-GCM-256;
  // varString "AES-GCM", varUint8Array iv, varUint8Array ciphertext of lib0 writeAny(data); base64.
  const keyFor = async (password: string) => {
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey(
      { name: 'PBKDF2', salt: new TextEncoder().encode(roomName), iterations: 100_000, hash: 'SHA-256' },
      material,
      { name: 'AES-GCM', length: 256 },
      true,
      ['encrypt', 'decrypt'],
    );
  };
  const encrypted = async (data: unknown, password: string) => {
    const plain = encoding.createEncoder();
    encoding.writeAny(plain, data as never);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFor(password), encoding.toUint8Array(plain));
    const out = encoding.createEncoder();
    encoding.writeVarString(out, 'AES-GCM');
    encoding.writeVarUint8Array(out, iv);
    encoding.writeVarUint8Array(out, new Uint8Array(cipher));
    return Buffer.from(encoding.toUint8Array(out)).toString('base64');
  };

  it('reads y-webrtc signaling with the right key only, and never throws', async () => {
    const key = await keyFor(SECRET);
    expect(await canReadSignaling(await encrypted({ type: 'announce', from: 'x' }, SECRET), key)).toBe(true);
    expect(await canReadSignaling(await encrypted({ type: 'announce', from: 'x' }, OTHER), key)).toBe(false);
    expect(await canReadSignaling(await encrypted({ type: 'signal' }, SECRET), key)).toBe(false);
    for (const junk of [undefined, 42, '', '%%%', 'AAAA', Buffer.from('not y-webrtc').toString('base64')]) {
      expect(await canReadSignaling(junk, key)).toBe(false);
    }
  });

  it('passes readable signaling of a guarded room to y-webrtc in order, drops the rest and reports it', async () => {
    const conn = new FakeConn();
    const received: unknown[] = [];
    conn.on('message', (m) => received.push((m as { data: unknown }).data)); // y-webrtc's handler
    const a = keyCheck(SECRET, conn, keyFor(SECRET), roomName);
    await a.attach();
    guardSignaling(conn); // a second time changes nothing
    const good1 = await encrypted({ type: 'announce', from: '1' }, SECRET);
    const bad = await encrypted({ type: 'announce', from: '2' }, OTHER);
    const good2 = await encrypted({ type: 'announce', from: '3' }, SECRET);
    for (const data of [good1, bad, good2]) conn.emit('message', { type: 'publish', topic: roomName, data }, conn);
    conn.emit('message', { type: 'publish', topic: 'not-guarded', data: 'anything' }, conn);
    await expect.poll(() => received.length).toBe(3);
    expect(received).toEqual(['anything', good1, good2]);
    expect(a.check.mismatch()).toBe(true);
    expect(a.changes()).toBeGreaterThan(0);
  });
});
