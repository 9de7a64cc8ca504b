import { createEffect, createSignal, For, onCleanup, Show, type Accessor } from 'solid-js';
import { showModal } from '../kit/modal';
import { formatDateTime, formatList, t, tn } from '../../i18n';
import { currentProfile, updateProfile } from '../../state/peers';
import { registry } from '../../state/registry';
import type { KeeperSnapshot } from '../../sync/keeper/connection';
import type { ConnectionSnapshot, PeerConnection } from '../../sync/peers';
import { randomColor, type EditingTarget, type Participant } from '../../sync/presence';
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
        return t('shell.connection.paused');
      case 'offline':
        return t('shell.connection.offline');
      case 'connecting':
        return t('shell.connection.connecting');
      case 'relay-unreachable':
        return t('shell.connection.relayUnreachable', { relays: status.relays.join(', ') });
      case 'looking':
        return t('shell.connection.looking');
      case 'wrong-key':
        return props.waitingForWorkspace
          ? t('shell.connection.wrongKeyJoining')
          : t('shell.connection.wrongKeyOther');
      case 'connected':
        return tn('shell.connection.connected', status.peers);
      case 'failed':
        return failureMessage(status.message);
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
                · {t('shell.connection.lastChange', { when: relativeTime(at(), now()) })}
              </span>
            )}
          </Show>
        </span>
      </span>
      <button type="button" class="button small" data-testid="toggle-offline" onClick={() => props.onToggleOffline()}>
        {props.snapshot.status.kind === 'paused' ? t('shell.connection.goOnline') : t('shell.connection.workOffline')}
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
    const now = new Map(props.participants.filter((p) => !p.self).map((p) => [p.clientId, personName(p)]));
    if (known) {
      const arrived = [...now].filter(([id]) => !known!.has(id)).map(([, name]) => t('shell.people.joined', { name }));
      const left = [...known].filter(([id]) => !now.has(id)).map(([, name]) => t('shell.people.left', { name }));
      if (arrived.length + left.length > 0) setAnnouncement(`${formatList([...arrived, ...left])}.`);
    }
    known = now;
  });
  return (
    <>
      <ul class="people" aria-label={t('shell.people.label')} data-testid="people">
        <For each={props.participants}>
          {(person) => (
            <li
              class="person"
              classList={{ viewing: person.viewing }}
              style={{ 'background-color': person.color, color: textColorOn(person.color) }}
              title={personTitle(person)}
              data-testid="person"
              data-self={person.self ? 'true' : 'false'}
              data-name={person.name}
              data-viewing={person.viewing ? 'true' : 'false'}
            >
              <span aria-hidden="true">{initials(person.name)}</span>
              <Show when={person.viewing}>
                <span class="person-viewing" aria-hidden="true">
                  <EyeIcon size={10} />
                </span>
              </Show>
              <span class="visually-hidden">{personTitle(person)}</span>
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
              {t(person.editing?.field === 'text' ? 'shell.people.typing' : 'shell.people.editing', { name: person.organisation || person.name })}
            </span>
          )}
        </For>
      </span>
    </Show>
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
      <form class="notice profile-prompt" aria-label={t('shell.profile.label')} onSubmit={submit} data-testid="profile-prompt">
        <span>{t('shell.profile.intro')}</span>
        <input aria-label={t('shell.profile.name')} placeholder={t('shell.profile.name')} value={name()} onInput={(e) => setName(e.currentTarget.value)} data-testid="profile-name" />
        <input
          aria-label={t('shell.profile.organisation')}
          placeholder={t('shell.profile.organisationPlaceholder')}
          value={organisation()}
          onInput={(e) => setOrganisation(e.currentTarget.value)}
          data-testid="profile-organisation"
        />
        <button type="submit" class="button primary" disabled={!name().trim()} data-testid="profile-save">
          {t('shell.profile.save')}
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
  if (seconds < 45) return t('shell.when.justNow');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return tn('shell.when.minutesAgo', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return tn('shell.when.hoursAgo', hours);
  return formatDateTime(at);
}

/** A connection failure from below (sync/peers) in the person's words when Tavola knows it, else as it came. */
function failureMessage(message: string): string {
  return message.startsWith('This page was opened without a secure connection') ? t('shell.connection.insecure') : message;
}

/** A person's name and organisation, and whether they only view ("Ana (Lisbon) · viewing"). */
function personName(person: Participant): string {
  const named = person.organisation ? `${person.name} (${person.organisation})` : person.name;
  return person.viewing ? t('shell.people.viewing', { name: named }) : named;
}

/** A person's name, organisation, whether they only view and whether it is this person, for the tooltip of their initials. */
function personTitle(person: Participant): string {
  const named = person.organisation ? t('shell.people.withOrganisation', { name: person.name, organisation: person.organisation }) : person.name;
  const role = person.viewing ? t('shell.people.viewing', { name: named }) : named;
  return person.self ? t('shell.people.you', { name: role }) : role;
}

/** An eye: this person follows along and changes nothing. */
export function EyeIcon(props: { size: number }) {
  return (
    <svg viewBox="0 0 16 16" width={props.size} height={props.size} aria-hidden="true">
      <path d="M8 3C4.5 3 1.8 5.3 1 8c.8 2.7 3.5 5 7 5s6.2-2.3 7-5c-.8-2.7-3.5-5-7-5Zm0 8.2A3.2 3.2 0 1 1 8 4.8a3.2 3.2 0 0 1 0 6.4Zm0-1.7a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Z" fill="currentColor" />
    </svg>
  );
}
