import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import { registry } from '../../state/registry';
import { sameWorkspace, type WorkspaceAccess } from '../../sync/access';
import { accessOf } from '../../sync/registry';
import { parseShareLink, type ShareLink } from '../../sync/link';
import { t } from '../../i18n';
import { Notice } from '../kit/components';

/**
 * Opening a share link (an edit, view or old join link): keep the workspace's key in this browser,
 * then open it (it syncs from partners).
 */
export function JoinPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const parsed = createMemo(() => parseShareLink(`#${location.pathname}${location.search}`));
  // A link naming a workspace this browser has, with a key for another room: workspace ids are
  // not secret, so such a link could move the workspace into a stranger's room. Ask first.
  const [conflict, setConflict] = createSignal<ShareLink | null>(null);

  const open = (id: string) => navigate(`/w/${id}/topics`, { replace: true });
  const accept = (link: ShareLink) => {
    const known = registry.get(link.workspaceId);
    const network = { ...(link.relays.length > 0 ? { relays: link.relays } : {}), ...(link.keepers.length > 0 ? { keepers: link.keepers } : {}) };
    // A link accepted here is current: a mark that this browser's link was replaced goes.
    const access = { secret: link.secret, kind: link.kind === 'join' ? undefined : link.kind, verifyKey: link.verifyKey, replaced: undefined };
    if (known) registry.update(link.workspaceId, { ...access, ...network });
    else registry.add({ id: link.workspaceId, name: t('join.sharedWorkspace'), ...access, ...network });
    open(link.workspaceId);
  };

  createEffect(() => {
    const result = parsed();
    setConflict(null);
    if (!result.ok) return;
    const link = result.link;
    const known = registry.get(link.workspaceId);
    const held = known && accessOf(known);
    if (!held || (held.kind === link.kind && held.secret === link.secret)) return accept(link);
    // Another key for a workspace this browser has. The same workspace (its edit link and its
    // view link) is never downgraded: a view link opens it as held, an edit link upgrades a view.
    const linkAccess: WorkspaceAccess = { kind: link.kind, secret: link.secret, ...(link.verifyKey ? { verifyKey: link.verifyKey } : {}) };
    sameWorkspace(held, linkAccess)
      .catch(() => false)
      .then((same) => {
        if (parsed() !== result) return;
        if (!same) setConflict(link);
        else if (held.kind === 'view' && link.kind === 'edit') accept(link);
        else open(link.workspaceId);
      });
  });

  const failure = () => {
    const result = parsed();
    return result.ok ? undefined : result;
  };
  return (
    <main class="page narrow">
      <Show when={failure()}>
        {(failed) => (
          <>
            <h1>{t('join.failedTitle')}</h1>
            <Notice tone="error" testId="link-error">
              {t(`join.problems.${failed().problem}`, { address: failed().address ?? '' })}
            </Notice>
            <A class="button primary" href="/">
              {t('common.goHome')}
            </A>
          </>
        )}
      </Show>
      <Show when={conflict()}>
        {(link) => (
          <div data-testid="link-conflict">
            <h1>{t('join.conflictTitle')}</h1>
            <Notice tone="warning">{t('join.conflictBody', { name: registry.get(link().workspaceId)?.name ?? '' })}</Notice>
            <div class="dialog-actions">
              <button type="button" class="button" data-testid="keep-key" onClick={() => open(link().workspaceId)}>
                {t('join.keepKey')}
              </button>
              <button type="button" class="button danger" data-testid="use-new-key" onClick={() => accept(link())}>
                {t('join.useNewKey')}
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={!failure() && !conflict()}>
        <p class="quiet">{t('join.opening')}</p>
      </Show>
    </main>
  );
}
