import { createEffect, createSignal, For, onCleanup, Show, type Accessor } from 'solid-js';
import { ReplaceLinks } from './ReplaceLinks';
import { showModal } from '../kit/modal';
import { formatDateTime, formatList, t, tn } from '../../i18n';
import { currentProfile, updateProfile } from '../../state/peers';
import { registry } from '../../state/registry';
import { deriveAccess, type AccessKind } from '../../sync/access';
import { accessOf } from '../../sync/registry';
import type { KeeperSnapshot } from '../../sync/keeper/connection';
import { formatShareLink } from '../../sync/link';
import { DEFAULT_RELAYS } from '../../sync/defaults';
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

/** What the Share dialog offers: both links (an edit holder), the view link alone (a viewer), or a workspace's one old link. */
type ShareOffer =
  | { kind: 'edit'; edit: string; view: string }
  | { kind: 'view'; view: string }
  | { kind: 'join'; edit: string }
  | { kind: 'none' };

export function ShareDialog(props: { open: boolean; workspaceId: string; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [copied, setCopied] = createSignal<'edit' | 'view' | null>(null);
  const [offer, setOffer] = createSignal<ShareOffer>({ kind: 'none' });
  const [keepers, setKeepers] = createSignal<string[]>([]);
  // Read when the dialog opens: the key and the relays may have changed since.
  let opened = 0;
  const readOffer = async (run: number) => {
    const entry = registry.get(props.workspaceId);
    const access = entry && accessOf(entry);
    if (!entry || !access) return setOffer({ kind: 'none' });
    // The relays and keepers in effect, the site's defaults included: a program holding the link knows where to connect.
    const network = { workspaceId: props.workspaceId, relays: entry.relays ?? DEFAULT_RELAYS, keepers: entry.keepers ?? [] };
    const link = (kind: AccessKind, secret: string, verifyKey?: string) => formatShareLink(location.href, { ...network, kind, secret, ...(verifyKey ? { verifyKey } : {}) });
    switch (access.kind) {
      case 'join':
        return setOffer({ kind: 'join', edit: link('join', access.secret) });
      case 'view':
        return setOffer({ kind: 'view', view: link('view', access.secret, access.verifyKey) });
      case 'edit': {
        const edit = link('edit', access.secret);
        // The edit link at once; the view link once derived (one HKDF and one key, a few ms).
        setOffer({ kind: 'edit', edit, view: '' });
        const view = (await deriveAccess(access)).view;
        if (run === opened && view) setOffer({ kind: 'edit', edit, view: link('view', view.secret, view.verifyKey) });
        return;
      }
      default: {
        // A new kind of access must say what it shares.
        const unknown: never = access.kind;
        return unknown;
      }
    }
  };
  createEffect(() => {
    if (props.open && !dialog.open) {
      setCopied(null);
      void readOffer(++opened);
      setKeepers(registry.get(props.workspaceId)?.keepers ?? []);
      showModal(dialog);
    }
    if (!props.open && dialog.open) dialog.close();
  });
  // "Copied" for a few seconds, then the button says what it copies again.
  let copiedTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(copiedTimer));
  const copy = async (which: 'edit' | 'view', text: string) => {
    clearTimeout(copiedTimer);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(which);
      copiedTimer = setTimeout(() => setCopied(null), 4_000);
    } catch {
      setCopied(null);
    }
  };
  const editLink = () => {
    const current = offer();
    return current.kind === 'edit' || current.kind === 'join' ? current.edit : '';
  };
  const viewLink = () => {
    const current = offer();
    return current.kind === 'edit' || current.kind === 'view' ? current.view : '';
  };
  const intro = () => {
    const kind = offer().kind;
    return kind === 'edit' ? t('shell.shareDialog.bothIntro') : kind === 'view' ? t('shell.shareDialog.viewIntro') : t('shell.shareDialog.oldIntro');
  };
  return (
    <dialog ref={dialog} class="dialog wide share-dialog" onClose={() => props.open && props.onClose()} aria-labelledby="share-title" data-testid="share-dialog" data-kind={offer().kind}>
      <h2 id="share-title">{t('shell.shareDialog.title')}</h2>
      <p data-testid="share-intro">
        {intro()}{' '}
        <WithCode text={t(keepers().length > 0 ? 'shell.shareDialog.privacySealed' : 'shell.shareDialog.privacy', { hash: MARK })} code="#" />
      </p>
      <Show when={keepers().length > 0}>
        <p data-testid="share-keepers">
          {tn('shell.shareDialog.keepers', keepers().length, { keepers: keepers().join(', ') })}
        </p>
      </Show>
      <Show when={offer().kind === 'join'}>
        <LinkField label={t('shell.shareDialog.link')} value={editLink()} copyLabel={copied() === 'edit' ? t('shell.shareDialog.copied') : t('shell.shareDialog.copy')} testId="share-link" copyTestId="copy-link" primary onCopy={() => copy('edit', editLink())} />
        <p class="quiet">{t('shell.shareDialog.onlyWith')}</p>
        <p class="quiet" data-testid="no-view-link">{t('shell.shareDialog.noViewLinkYet')}</p>
      </Show>
      <Show when={offer().kind === 'edit'}>
        <section class="share-option" aria-labelledby="share-edit-title" data-testid="share-edit">
          <h3 id="share-edit-title">{t('shell.shareDialog.editLink')}</h3>
          <p>{t('shell.shareDialog.editAllows')}</p>
          <LinkField label={t('shell.shareDialog.editLink')} value={editLink()} copyLabel={copied() === 'edit' ? t('shell.shareDialog.copied') : t('shell.shareDialog.copyEdit')} testId="share-link" copyTestId="copy-link" primary onCopy={() => copy('edit', editLink())} />
        </section>
      </Show>
      <Show when={offer().kind === 'edit' || offer().kind === 'view'}>
        <section class="share-option" aria-labelledby="share-view-title" data-testid="share-view">
          <h3 id="share-view-title">{t('shell.shareDialog.viewLink')}</h3>
          <p>{t('shell.shareDialog.viewAllows')}</p>
          <LinkField label={t('shell.shareDialog.viewLink')} value={viewLink()} copyLabel={copied() === 'view' ? t('shell.shareDialog.copied') : t('shell.shareDialog.copyView')} testId="view-link" copyTestId="copy-view-link" primary={offer().kind === 'view'} onCopy={() => copy('view', viewLink())} />
        </section>
      </Show>
      <Show when={offer().kind === 'edit' || offer().kind === 'join'}>
        <ReplaceLinks workspaceId={props.workspaceId} old={offer().kind === 'join'} onReplaced={() => void readOffer(++opened)} />
      </Show>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          {t('shell.shareDialog.close')}
        </button>
      </div>
    </dialog>
  );
}

/** A link to copy: the whole link in a read-only field (selected on focus), and its Copy button. */
function LinkField(props: { label: string; value: string; copyLabel: string; testId: string; copyTestId: string; primary?: boolean; onCopy: () => void }) {
  return (
    <div class="share-link">
      <input readonly value={props.value} aria-label={props.label} data-testid={props.testId} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" class={props.primary ? 'button primary' : 'button'} data-testid={props.copyTestId} disabled={!props.value} onClick={() => props.onCopy()}>
        {props.copyLabel}
      </button>
    </div>
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

/** Stands for the place of an inline element in a translated sentence (WithCode). */
const MARK = '\u0000';

/** A translated sentence with `code` (as <code>) where the sentence has MARK. */
function WithCode(props: { text: string; code: string }) {
  const parts = () => props.text.split(MARK);
  return <For each={parts()}>{(part, i) => <>{i() > 0 && <code>{props.code}</code>}{part}</>}</For>;
}

