import { createSignal, onCleanup, Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { t } from '../../i18n';
import { storageFull, watchStorageFailures } from '../../state/storage';

const HOUR = 60 * 60 * 1000;

/**
 * The offline shell's service worker and its updates. A new version of Tavola is offered, never
 * swapped in under someone's typing: the page reloads only when the person says so.
 */
export function UpdatePrompt() {
  watchStorageFailures();
  const [online, setOnline] = createSignal(navigator.onLine);
  const onOnline = () => setOnline(true);
  const onOffline = () => setOnline(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  onCleanup(() => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  });

  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // Look for a new version now and then, and whenever the page comes back into view.
      const check = () => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      };
      const timer = setInterval(check, HOUR);
      const onVisible = () => document.visibilityState === 'visible' && check();
      document.addEventListener('visibilitychange', onVisible);
      onCleanup(() => {
        clearInterval(timer);
        document.removeEventListener('visibilitychange', onVisible);
      });
      (window as unknown as { tavolaCheckForUpdate?: () => void }).tavolaCheckForUpdate = check;
    },
  });

  return (
    <>
      <Show when={!online()}>
        <div class="app-banner offline" role="status" data-testid="offline-banner">
          {t('common.banner.offline')}
        </div>
      </Show>
      <Show when={storageFull()}>
        <div class="app-banner full" role="alert" data-testid="storage-full">
          {t('common.banner.storageFull')}
        </div>
      </Show>
      <Show when={needRefresh()}>
        <div class="app-banner update" role="status" data-testid="update-prompt">
          {t('common.banner.update')}
          <button type="button" class="button small primary" data-testid="update-reload" onClick={() => void updateServiceWorker(true)}>
            {t('common.banner.reload')}
          </button>
          <button type="button" class="button small" onClick={() => setNeedRefresh(false)}>
            {t('common.banner.later')}
          </button>
        </div>
      </Show>
    </>
  );
}
