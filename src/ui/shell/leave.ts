import { useBeforeLeave } from '@solidjs/router';
import { onCleanup } from 'solid-js';

/**
 * Run `flush` before what was typed could be lost: before the router leaves the screen (a link,
 * a button, Back), when the address changes by hand (hashchange), when the page is hidden or
 * closed (visibilitychange, pagehide), and when the field goes away. `flush` must be cheap and
 * idempotent: it runs several times on one departure.
 *
 * The window and document listeners are capture listeners so they run before the journal's own
 * pagehide and visibilitychange listeners (src/sync/journal.ts): what is flushed here is then in
 * the journal that is written when the page closes.
 */
export function flushOnLeave(flush: () => void): void {
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush, { capture: true });
  window.addEventListener('hashchange', flush, { capture: true });
  document.addEventListener('visibilitychange', onHidden, { capture: true });
  useBeforeLeave(() => flush());
  onCleanup(() => {
    flush();
    window.removeEventListener('pagehide', flush, { capture: true });
    window.removeEventListener('hashchange', flush, { capture: true });
    document.removeEventListener('visibilitychange', onHidden, { capture: true });
  });
}
