import { formatNumber, t, tn } from '../i18n';

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** Sizes as people read them, in their language: "512 bytes", "1.5 KB", "25 MB" ("1,5 Ko" in French). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return tn('common.size.bytes', bytes);
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return t(`common.size.${UNITS[unit]!}`, { value: formatNumber(shown) });
}

/** How much of the browser's storage Tavola uses, and how much the browser allows. */
export interface StorageEstimateInfo {
  usage: number;
  quota: number;
}

/** Warn when this share of what the browser allows is used. */
export const NEARLY_FULL = 0.8;

/** Whether to warn: 'nearly-full' from NEARLY_FULL of what the browser allows. */
export function storageLevel(info: StorageEstimateInfo): 'ok' | 'nearly-full' {
  return info.usage / info.quota >= NEARLY_FULL ? 'nearly-full' : 'ok';
}

export async function estimateStorage(): Promise<StorageEstimateInfo | null> {
  if (!navigator.storage?.estimate) return null;
  try {
    const { usage, quota } = await navigator.storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number' || quota <= 0) return null;
    return { usage, quota };
  } catch {
    return null;
  }
}


/**
 * Whether an error means a change could not be written to IndexedDB, as when the disk or the
 * browser's quota is full. The transaction fails with a QuotaExceededError, and its request with
 * an AbortError ("The transaction was aborted…"); lib0 (under y-indexeddb) wraps the request's
 * error in a plain Error whose message starts with that name.
 */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  return name === 'QuotaExceededError' || /QuotaExceededError|quota|transaction was aborted/i.test(message);
}
