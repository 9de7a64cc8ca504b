// What public/read-early.js hands the app (src/sync/early-read.ts): taken once, only by the
// workspace it read, and only when it is what y-indexeddb would have read (else the app reads its
// storage itself). The reading in Chromium: tests/e2e/early-read.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { takeEarlyRead } from '../../src/sync/early-read';

const host = globalThis as unknown as { window?: { __tavolaEarlyRead?: { name: string; read: Promise<unknown> } } };

function leave(name: string, result: unknown): void {
  host.window = { __tavolaEarlyRead: { name, read: result instanceof Error ? Promise.reject(result) : Promise.resolve(result) } };
}

afterEach(() => {
  delete host.window;
});

describe('the early read of the stored changes (sync/early-read.ts)', () => {
  it('is handed to the first opening of its workspace, once', async () => {
    const updates = [new Uint8Array([1, 2]), new Uint8Array([3])];
    leave('tavola-ws-a', { updates, lastKey: 7 });
    expect(await takeEarlyRead('tavola-ws-a')).toEqual({ updates, lastKey: 7 });
    expect(await takeEarlyRead('tavola-ws-a')).toBeNull();
  });

  it('is dropped by the opening of another workspace', async () => {
    leave('tavola-ws-a', { updates: [], lastKey: 1 });
    expect(await takeEarlyRead('tavola-ws-b')).toBeNull();
    expect(await takeEarlyRead('tavola-ws-a')).toBeNull();
  });

  it('is none when nothing was read, the read failed, or what it left is not stored updates', async () => {
    expect(await takeEarlyRead('tavola-ws-a')).toBeNull();
    for (const result of [null, new Error('quota'), { updates: [new Uint8Array([1])] }, { updates: ['x'], lastKey: 1 }, { updates: [new Uint8Array([1])], lastKey: 1.5 }, { updates: 'no', lastKey: 1 }]) {
      leave('tavola-ws-a', result);
      expect(await takeEarlyRead('tavola-ws-a')).toBeNull();
    }
  });
});
