import { createEffect, createSignal, For, onCleanup, Show, type Accessor } from 'solid-js';
import { currentProfile, updateProfile } from '../state/peers';
import { registry } from '../state/registry';
import type { KeeperSnapshot } from '../sync/keeper/connection';
import { formatShareLink } from '../sync/link';
import { DEFAULT_RELAYS } from '../sync/defaults';
import type { ConnectionSnapshot, PeerConnection } from '../sync/peers';
import { randomColor, type EditingTarget, type Participant } from '../sync/presence';
import { KeeperStatusLine } from './KeeperStatus';
import { textColorOn, textColorOnWhite } from './person-colour';

/** "Offline", "Looking for partners…", "Connected to 2 partners", or what went wrong, in plain words. */
export function ConnectionStatus(props: {
  snapshot: ConnectionSnapshot;
  onToggleOffline: () => void;
  waitingForWorkspace?: boolean;
  /** The keepers' status, when the workspace has any. */
  keeper?: KeeperSnapshot | null;
}) {
  const now = createNow();
  const label = () => {
    const status = props.snapshot.status;
    switch (status.kind) {
      case 'paused':
        return 'Working offline';
      case 'offline':
        return 'No network: your changes are saved here and shared when you are back online';
      case 'connecting':
        return 'Connecting…';
      case 'relay-unreachable':
        return `Cannot reach the connection relay (${status.relays.join(', ')}). Your changes are saved here.`;
      case 'looking':
        return 'Online, waiting for partners';
      case 'wrong-key':
        return props.waitingForWorkspace
          ? 'The key in your link does not match your partners’ key'
          : 'Someone tried to join with a link whose key does not match. If it is a partner, send them the link again (Share).';
      case 'connected':
        return status.peers === 1 ? 'Connected to 1 partner' : `Connected to ${status.peers} partners`;
      case 'failed':
        return status.message;
    }
  };
  const tone = () => {
    const kind = props.snapshot.status.kind;
    return kind === 'connected' ? 'good' : kind === 'relay-unreachable' || kind === 'offline' || kind === 'failed' || kind === 'wrong-key' ? 'bad' : 'neutral';
  };
  return (
    <div class="connection" data-testid="connection">
      <span class="connection-line">
        <span class={`dot ${tone()}`} aria-hidden="true" />
        <span>
          <span class="connection-label" data-testid="connection-status" data-status={props.snapshot.status.kind}>
            {label()}
          </span>
          <Show when={props.snapshot.lastRemoteChangeAt}>
            {(at) => (
              <span class="quiet connection-last" data-testid="last-remote-change">
                {' '}
                · last change from a partner {relativeTime(at(), now())}
              </span>
            )}
          </Show>
        </span>
      </span>
      <button type="button" class="button small" data-testid="toggle-offline" onClick={() => props.onToggleOffline()}>
        {props.snapshot.status.kind === 'paused' ? 'Go online' : 'Work offline'}
      </button>
      <Show when={props.keeper}>{(keeper) => <KeeperStatusLine snapshot={keeper()} now={now()} />}</Show>
    </div>
  );
}

/** Coloured initials of everyone here; the first is this person. A partner's arrival or leaving is
 * said by screen readers (a polite live region: it waits for a pause and never moves the focus). */
export function PeopleOnline(props: { participants: Participant[] }) {
  const [announcement, setAnnouncement] = createSignal('');
  let known: Map<number, string> | null = null;
  createEffect(() => {
    const now = new Map(props.participants.filter((p) => !p.self).map((p) => [p.clientId, p.organisation ? `${p.name} (${p.organisation})` : p.name]));
    if (known) {
      const arrived = [...now].filter(([id]) => !known!.has(id)).map(([, name]) => `${name} joined`);
      const left = [...known].filter(([id]) => !now.has(id)).map(([, name]) => `${name} left`);
      if (arrived.length + left.length > 0) setAnnouncement(`${[...arrived, ...left].join(', ')}.`);
    }
    known = now;
  });
  return (
    <>
      <ul class="people" aria-label="People here now" data-testid="people">
        <For each={props.participants}>
          {(person) => (
            <li
              class="person"
              style={{ 'background-color': person.color, color: textColorOn(person.color) }}
              title={`${person.name}${person.organisation ? `, ${person.organisation}` : ''}${person.self ? ' (you)' : ''}`}
              data-testid="person"
              data-self={person.self ? 'true' : 'false'}
              data-name={person.name}
            >
              {initials(person.name)}
            </li>
          )}
        </For>
      </ul>
      <span class="visually-hidden" role="status" aria-live="polite" data-testid="presence-announcement">
        {announcement()}
      </span>
    </>
  );
}

/** Who else is editing this item right now. */
export function EditingBadges(props: { participants: Participant[]; target: EditingTarget }) {
  const editors = () =>
    props.participants.filter(
      (p) => !p.self && p.editing && p.editing.kind === props.target.kind && p.editing.id === props.target.id && (props.target.field === undefined || p.editing.field === props.target.field),
    );
  return (
    <Show when={editors().length > 0}>
      <span class="editing-badges" data-testid="editing-badges">
        <For each={editors()}>
          {(person) => (
            <span class="editing-badge" style={{ 'border-color': person.color, color: textColorOnWhite(person.color) }} data-testid="editing-badge" title={person.name}>
              {person.organisation || person.name} {person.editing?.field === 'text' ? 'is typing' : 'is editing'}
            </span>
          )}
        </For>
      </span>
    </Show>
  );
}

export function ShareDialog(props: { open: boolean; workspaceId: string; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [copied, setCopied] = createSignal(false);
  const [link, setLink] = createSignal('');
  const [keepers, setKeepers] = createSignal<string[]>([]);
  // Read when the dialog opens: the relays may have changed in settings since.
  const currentLink = () => {
    const entry = registry.get(props.workspaceId);
    if (!entry?.secret) return '';
    // The relays and keepers in effect, the site's defaults included: a program holding the link knows where to connect.
    return formatShareLink(location.href, { workspaceId: props.workspaceId, secret: entry.secret, relays: entry.relays ?? DEFAULT_RELAYS, keepers: entry.keepers ?? [] });
  };
  createEffect(() => {
    if (props.open && !dialog.open) {
      setCopied(false);
      setLink(currentLink());
      setKeepers(registry.get(props.workspaceId)?.keepers ?? []);
      dialog.showModal();
    }
    if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog wide" onClose={() => props.open && props.onClose()} aria-labelledby="share-title">
      <h2 id="share-title">Share this workspace</h2>
      <p>
        Send this link to partner cities. Whoever has it can open and edit the workspace. It works browser to browser:
        {keepers().length > 0 ? ' no server can read it' : ' no server keeps a copy'}, and the key after <code>#</code> never
        leaves the browsers.
      </p>
      <Show when={keepers().length > 0}>
        <p data-testid="share-keepers">
          The link includes this workspace's {keepers().length === 1 ? 'keeper' : 'keepers'} ({keepers().join(', ')}):{' '}
          {keepers().length === 1 ? 'it holds' : 'they hold'} the workspace sealed between calls and cannot read it.
        </p>
      </Show>
      <div class="share-link">
        <input readonly value={link()} aria-label="Workspace link" data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          class="button primary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(link());
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied() ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <p class="quiet">Share it only with people who should see and edit everything in this workspace.</p>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** Asked once: the name and organisation partners see. Not a modal: work can go on without it. */
export function ProfilePrompt() {
  const [name, setName] = createSignal('');
  const [organisation, setOrganisation] = createSignal('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (!name().trim()) return;
    updateProfile({ name: name().trim().slice(0, 80), organisation: organisation().trim().slice(0, 120), color: randomColor() });
  };
  return (
    <Show when={!currentProfile()}>
      <form class="notice profile-prompt" aria-label="Who you are" onSubmit={submit} data-testid="profile-prompt">
        <span>Tell your partners who you are:</span>
        <input aria-label="Your name" placeholder="Your name" value={name()} onInput={(e) => setName(e.currentTarget.value)} data-testid="profile-name" />
        <input
          aria-label="Your organisation"
          placeholder="City or organisation"
          value={organisation()}
          onInput={(e) => setOrganisation(e.currentTarget.value)}
          data-testid="profile-organisation"
        />
        <button type="submit" class="button primary" disabled={!name().trim()} data-testid="profile-save">
          Save
        </button>
      </form>
    </Show>
  );
}

export function toggleOffline(workspaceId: string, peers: PeerConnection | null, snapshot: ConnectionSnapshot, keeper?: { setPaused(paused: boolean): void } | null): void {
  const paused = snapshot.status.kind !== 'paused';
  registry.update(workspaceId, { paused });
  peers?.setPaused(paused);
  keeper?.setPaused(paused);
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1]![0] ?? '' : parts[0]?.[1] ?? '')).toUpperCase();
}

function createNow(): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 15_000);
  onCleanup(() => clearInterval(timer));
  return now;
}

export function relativeTime(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  return new Date(at).toLocaleString();
}

