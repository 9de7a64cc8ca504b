import { createSignal, Show } from 'solid-js';
import { registry } from '../state/registry';
import { restartPeers } from '../state/session';
import { relayUrlSchema } from '../sync/link';
import { DEFAULT_ICE_SERVERS, DEFAULT_RELAYS } from '../sync/peers';
import type { IceServer } from '../sync/registry';
import { formatIceServer, parseIceServer } from '../sync/ice';
import { Notice } from './components';
import { useWorkspace } from './context';

/** This browser's way of reaching partners for this workspace: relays, and STUN/TURN servers. */
export function NetworkSettings() {
  const { id, workspace } = useWorkspace();
  const entry = registry.get(id);
  const [relays, setRelays] = createSignal((entry?.relays ?? []).join('\n'));
  const [ice, setIce] = createSignal((entry?.iceServers ?? []).map(formatIceServer).join('\n'));
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);

  const save = (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const relayList = lines(relays());
    const badRelay = relayList.find((url) => !relayUrlSchema.safeParse(url).success);
    if (badRelay) return setError(`“${badRelay}” is not a relay address. Relay addresses start with wss:// (or ws:// on a local network).`);
    const iceServers: IceServer[] = [];
    for (const line of lines(ice())) {
      const server = parseIceServer(line);
      if (!server) return setError(`“${line}” is not a STUN or TURN server. Write one per line, e.g. “turn:turn.example.org:3478 username password”.`);
      iceServers.push(server);
    }
    setError('');
    registry.update(id, { relays: relayList.length > 0 ? relayList : undefined, iceServers: iceServers.length > 0 ? iceServers : undefined });
    restartPeers(id, workspace);
    setSaved(true);
  };

  return (
    <section class="card" aria-labelledby="settings-network">
      <h2 id="settings-network">Connection to partners</h2>
      <p class="quiet">
        Partners connect browser to browser. A relay only introduces them to each other and never sees the workspace. These
        settings are kept in this browser; relays you set here are included in the links you share.
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
