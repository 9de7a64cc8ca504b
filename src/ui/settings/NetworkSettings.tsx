import { createSignal, Show } from 'solid-js';
import { registry } from '../../state/registry';
import { restartPeers } from '../../state/session';
import { relayUrlSchema } from '../../sync/link';
import { DEFAULT_ICE_SERVERS, DEFAULT_RELAYS } from '../../sync/peers';
import type { IceServer } from '../../sync/registry';
import { formatIceServer, parseIceServer } from '../../sync/ice';
import { t } from '../../i18n';
import { Notice } from '../kit/components';
import { useWorkspace } from '../shell/context';
import { flushOnLeave } from '../shell/leave';

/**
 * What was typed here and could not be saved when the screen was left (an address that is not
 * one), by workspace: shown again, with the reason, when the settings are opened again in this
 * tab, rather than lost.
 */
const unsavedDrafts = new Map<string, { relays: string; keepers: string; ice: string }>();

/**
 * This browser's way of reaching partners for this workspace: relays, keepers, and STUN/TURN servers.
 * Saved with the button (saving reconnects, so not on every keystroke); a valid change not yet
 * saved is saved when the screen is left or the page is closed.
 */
export function NetworkSettings() {
  const { id, workspace } = useWorkspace();
  const entry = registry.get(id);
  const stored = () => {
    const current = registry.get(id);
    return {
      relays: (current?.relays ?? []).join('\n'),
      keepers: (current?.keepers ?? []).join('\n'),
      ice: (current?.iceServers ?? []).map(formatIceServer).join('\n'),
    };
  };
  const draft = unsavedDrafts.get(id);
  unsavedDrafts.delete(id);
  const [relays, setRelays] = createSignal(draft?.relays ?? (entry?.relays ?? []).join('\n'));
  const [keepers, setKeepers] = createSignal(draft?.keepers ?? (entry?.keepers ?? []).join('\n'));
  const [ice, setIce] = createSignal(draft?.ice ?? (entry?.iceServers ?? []).map(formatIceServer).join('\n'));
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);

  /** Check and keep what is typed; returns the problem, or '' when it was kept. */
  const store = (): string => {
    const relayList = lines(relays());
    const badRelay = relayList.find((url) => !relayUrlSchema.safeParse(url).success);
    if (badRelay) return t('settings.network.badRelay', { address: badRelay });
    const keeperList = lines(keepers());
    const badKeeper = keeperList.find((url) => !relayUrlSchema.safeParse(url).success);
    if (badKeeper) return t('settings.network.badKeeper', { address: badKeeper });
    const iceServers: IceServer[] = [];
    for (const line of lines(ice())) {
      const server = parseIceServer(line);
      if (!server) return t('settings.network.badIce', { line });
      iceServers.push(server);
    }
    registry.update(id, {
      relays: relayList.length > 0 ? relayList : undefined,
      keepers: keeperList.length > 0 ? keeperList : undefined,
      iceServers: iceServers.length > 0 ? iceServers : undefined,
    });
    return '';
  };

  const changed = () => {
    const now = stored();
    return relays() !== now.relays || keepers() !== now.keepers || ice() !== now.ice;
  };

  const save = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const problem = store();
    setError(problem);
    if (problem) return;
    restartPeers(id, workspace);
    setSaved(true);
  };

  if (draft) {
    const problem = store();
    setError(problem ? t('settings.network.lastNotSaved', { problem }) : '');
  }

  // Leaving with a change not saved yet: a valid one is saved (used from the next time the
  // workspace connects), one that is not is kept for this tab and shown again.
  flushOnLeave(() => {
    if (changed() && store()) unsavedDrafts.set(id, { relays: relays(), keepers: keepers(), ice: ice() });
  });

  return (
    <section class="card" aria-labelledby="settings-network">
      <h2 id="settings-network">{t('settings.network.title')}</h2>
      <p class="quiet">{t('settings.network.intro')}</p>
      <form onSubmit={save} data-testid="network-settings">
        <div class="field">
          <label for="settings-relays">{t('settings.network.relays')}</label>
          <textarea
            id="settings-relays"
            rows={2}
            placeholder={DEFAULT_RELAYS.join('\n')}
            value={relays()}
            onInput={(e) => setRelays(e.currentTarget.value)}
            data-testid="settings-relays"
          />
          <p class="quiet field-help">{t('settings.network.relaysHelp', { relays: DEFAULT_RELAYS.join(', ') || t('settings.network.none') })}</p>
        </div>
        <div class="field">
          <label for="settings-keepers">{t('settings.network.keepers')}</label>
          <textarea
            id="settings-keepers"
            rows={2}
            placeholder="wss://keeper.example.org"
            value={keepers()}
            onInput={(e) => setKeepers(e.currentTarget.value)}
            aria-describedby="settings-keepers-help"
            data-testid="settings-keepers"
          />
          <p class="quiet field-help" id="settings-keepers-help">
            {t('settings.network.keepersHelp')}
          </p>
        </div>
        <div class="field">
          <label for="settings-ice">{t('settings.network.ice')}</label>
          <textarea
            id="settings-ice"
            rows={2}
            placeholder={t('settings.network.icePlaceholder')}
            value={ice()}
            onInput={(e) => setIce(e.currentTarget.value)}
            data-testid="settings-ice"
          />
          <p class="quiet field-help">
            {t('settings.network.iceHelp')}{' '}
            {DEFAULT_ICE_SERVERS.length > 0 ? t('settings.network.iceDefault', { servers: DEFAULT_ICE_SERVERS.map((s) => s.urls).join(', ') }) : ''}
          </p>
        </div>
        <Show when={error()}>
          <Notice tone="error">{error()}</Notice>
        </Show>
        <div class="settings-actions">
          <button type="submit" class="button primary" data-testid="save-network">
            {t('settings.network.save')}
          </button>
          <Show when={saved()}>
            <span class="quiet" role="status">
              {t('settings.network.saved')}
            </span>
          </Show>
        </div>
      </form>
    </section>
  );
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
