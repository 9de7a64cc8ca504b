import { createSignal, onCleanup, onMount, type Accessor } from 'solid-js';
import { onWriteFailure } from '../sync/persistence';
import { estimateStorage, isQuotaError, type StorageEstimateInfo } from '../sync/storage';

/** The browser's storage use, read when the calling screen opens. */
export function createStorageEstimate(): Accessor<StorageEstimateInfo | null> {
  const [estimate, setEstimate] = createSignal<StorageEstimateInfo | null>(null);
  onMount(() => void estimateStorage().then(setEstimate));
  return estimate;
}

const [failedWrite, setFailedWrite] = createSignal(false);

/** True once the browser refused to store a change, most likely because the disk is full. */
export const storageFull = failedWrite;

export function watchStorageFailures(): void {
  // A write refused at commit (see persistence.ts), or a refused request that y-indexeddb left unhandled.
  onCleanup(onWriteFailure(() => setFailedWrite(true)));
  const onRejection = (event: PromiseRejectionEvent) => {
    if (!isQuotaError(event.reason)) return;
    event.preventDefault();
    setFailedWrite(true);
  };
  window.addEventListener('unhandledrejection', onRejection);
  onCleanup(() => window.removeEventListener('unhandledrejection', onRejection));
}
