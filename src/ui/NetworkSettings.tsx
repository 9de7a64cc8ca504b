import { createSignal, Show } from 'solid-js';
import { registry } from '../state/registry';
import { restartPeers } from '../state/session';
import { relayUrlSchema } from '../sync/link';
import { DEFAULT_ICE_SERVERS, DEFAULT_RELAYS } from '../sync/peers';
import type { IceServer } from '../sync/registry';
import { formatIceServer, parseIceServer } from '../sync/ice';
import { Notice } from './components';
import { useWorkspace } from './context';
import { flushOnLeave } from './leave';

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
    if (badRelay) return `“${badRelay}” is not a relay address. Relay addresses start with wss:// (or ws:// on a local network).`;
    const keeperList = lines(keepers());
    const badKeeper = keeperList.find((url) => !relayUrlSchema.safeParse(url).success);
    if (badKeeper) return `“${badKeeper}” is not a keeper address. Keeper addresses start with wss:// (or ws:// on a local network).`;
    const iceServers: IceServer[] = [];
    for (const line of lines(ice())) {
      const server = parseIceServer(line);
      if (!server) return `“${line}” is not a STUN or TURN server. Write one per line, e.g. “turn:turn.example.org:3478 username password”.`;
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
    setError(problem ? `Your last change here was not saved: ${problem}` : '');
  }

  // Leaving with a change not saved yet: a valid one is saved (used from the next time the
  // workspace connects), one that is not is kept for this tab and shown again.
  flushOnLeave(() => {
    if (changed() && store()) unsavedDrafts.set(id, { relays: relays(), keepers: keepers(), ice: ice() });
  });

  return (
    <section class="card" aria-labelledby="settings-network">
      <h2 id="settings-network">Connection to partners</h2>
      <p class="quiet">
        Partners connect browser to browser. A relay only introduces them to each other and never sees the workspace. These
        settings are kept in this browser; the relays and keepers you set here are included in the links you share.
      </p>
      <form onSubmit={save} data-testid="network-settings">
        <div class="field">
          <label for="settings-relays">Relays (one per line)</label>
          <textarea
            id="settings-relays"
            rows={2}
            placeholder={DEFAULT_RELAYS.join('\n')}
            value={relays()}
            onInput={(e) => setRelays(e.currentTarget.value)}
            data-testid="settings-relays"
          />
          <p class="quiet field-help">Leave empty to use this site's relays: {DEFAULT_RELAYS.join(', ') || 'none'}.</p>
        </div>
        <div class="field">
          <label for="settings-keepers">Keepers (one per line)</label>
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
            A keeper holds this workspace sealed between calls, so partners who are not online at the same time still get
            each other's changes. It cannot read it. Ask your network's secretariat for its address.
          </p>
        </div>
        <div class="field">
          <label for="settings-ice">STUN and TURN servers (one per line)</label>
          <textarea
            id="settings-ice"
            rows={2}
            placeholder="turn:turn.example.org:3478 username password"
            value={ice()}
            onInput={(e) => setIce(e.currentTarget.value)}
            data-testid="settings-ice"
          />
          <p class="quiet field-help">
            Needed when a city network blocks direct connections; ask your IT department.{' '}
            {DEFAULT_ICE_SERVERS.length > 0 ? `Default: ${DEFAULT_ICE_SERVERS.map((s) => s.urls).join(', ')}.` : ''}
          </p>
        </div>
        <Show when={error()}>
          <Notice tone="error">{error()}</Notice>
        </Show>
        <div class="settings-actions">
          <button type="submit" class="button primary" data-testid="save-network">
            Save and reconnect
          </button>
          <Show when={saved()}>
            <span class="quiet" role="status">
              Saved. Reconnecting…
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
