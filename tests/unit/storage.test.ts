import { describe, expect, it } from 'vitest';
import { formatBytes, isQuotaError, storageLevel } from '../../src/sync/storage';

describe('storage figures', () => {
  it('says sizes as people read them', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(3.2 * 1024 ** 3)).toBe('3.2 GB');
  });

  it('warns from 80% of what the browser allows', () => {
    expect(storageLevel({ usage: 79, quota: 100 })).toBe('ok');
    expect(storageLevel({ usage: 80, quota: 100 })).toBe('nearly-full');
    expect(storageLevel({ usage: 100, quota: 100 })).toBe('nearly-full');
  });

  it('recognises a refused write however it is wrapped', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    // lib0's wrapping of an IndexedDB request error, as y-indexeddb lets it through.
    expect(isQuotaError(new Error(String(new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError'))))).toBe(true);
    expect(isQuotaError(new Error('QuotaExceededError: disk full'))).toBe(true);
    expect(isQuotaError(new Error('Network error'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
