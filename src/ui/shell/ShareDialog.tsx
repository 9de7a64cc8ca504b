import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { ReplaceLinks } from './ReplaceLinks';
import { showModal } from '../kit/modal';
import { t, tn } from '../../i18n';
import { registry } from '../../state/registry';
import { deriveAccess, type AccessKind } from '../../sync/access';
import { accessOf } from '../../sync/registry';
import { formatShareLink } from '../../sync/link';
import { DEFAULT_RELAYS } from '../../sync/defaults';

// The Share dialog, a chunk of its own: loaded the first time someone opens it (WorkspaceLayout),
// with the links' derivations and "Replace the links", none of which the first screen needs.

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
    return kind === 'edit' ? t('share.shareDialog.bothIntro') : kind === 'view' ? t('share.shareDialog.viewIntro') : t('share.shareDialog.oldIntro');
  };
  return (
    <dialog ref={dialog} class="dialog wide share-dialog" onClose={() => props.open && props.onClose()} aria-labelledby="share-title" data-testid="share-dialog" data-kind={offer().kind}>
      <h2 id="share-title">{t('share.shareDialog.title')}</h2>
      <p data-testid="share-intro">
        {intro()}{' '}
        <WithCode text={t(keepers().length > 0 ? 'share.shareDialog.privacySealed' : 'share.shareDialog.privacy', { hash: MARK })} code="#" />
      </p>
      <Show when={keepers().length > 0}>
        <p data-testid="share-keepers">
          {tn('share.shareDialog.keepers', keepers().length, { keepers: keepers().join(', ') })}
        </p>
      </Show>
      <Show when={offer().kind === 'join'}>
        <LinkField label={t('share.shareDialog.link')} value={editLink()} copyLabel={copied() === 'edit' ? t('share.shareDialog.copied') : t('share.shareDialog.copy')} testId="share-link" copyTestId="copy-link" primary onCopy={() => copy('edit', editLink())} />
        <p class="quiet">{t('share.shareDialog.onlyWith')}</p>
        <p class="quiet" data-testid="no-view-link">{t('share.shareDialog.noViewLinkYet')}</p>
      </Show>
      <Show when={offer().kind === 'edit'}>
        <section class="share-option" aria-labelledby="share-edit-title" data-testid="share-edit">
          <h3 id="share-edit-title">{t('share.shareDialog.editLink')}</h3>
          <p>{t('share.shareDialog.editAllows')}</p>
          <LinkField label={t('share.shareDialog.editLink')} value={editLink()} copyLabel={copied() === 'edit' ? t('share.shareDialog.copied') : t('share.shareDialog.copyEdit')} testId="share-link" copyTestId="copy-link" primary onCopy={() => copy('edit', editLink())} />
        </section>
      </Show>
      <Show when={offer().kind === 'edit' || offer().kind === 'view'}>
        <section class="share-option" aria-labelledby="share-view-title" data-testid="share-view">
          <h3 id="share-view-title">{t('share.shareDialog.viewLink')}</h3>
          <p>{t('share.shareDialog.viewAllows')}</p>
          <LinkField label={t('share.shareDialog.viewLink')} value={viewLink()} copyLabel={copied() === 'view' ? t('share.shareDialog.copied') : t('share.shareDialog.copyView')} testId="view-link" copyTestId="copy-view-link" primary={offer().kind === 'view'} onCopy={() => copy('view', viewLink())} />
        </section>
      </Show>
      <Show when={offer().kind === 'edit' || offer().kind === 'join'}>
        <ReplaceLinks workspaceId={props.workspaceId} old={offer().kind === 'join'} onReplaced={() => void readOffer(++opened)} />
      </Show>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          {t('share.shareDialog.close')}
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

/** Stands for the place of an inline element in a translated sentence (WithCode). */
const MARK = '\u0000';

/** A translated sentence with `code` (as <code>) where the sentence has MARK. */
function WithCode(props: { text: string; code: string }) {
  const parts = () => props.text.split(MARK);
  return <For each={parts()}>{(part, i) => <>{i() > 0 && <code>{props.code}</code>}{part}</>}</For>;
}
