import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, Show } from 'solid-js';
import { registry } from '../state/registry';
import { parseShareLink } from '../sync/link';
import { Notice } from './components';

/** Opening a share link: keep the workspace's key in this browser, then open it (it syncs from partners). */
export function JoinPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const parsed = createMemo(() => parseShareLink(`#${location.pathname}${location.search}`));
  createEffect(() => {
    const result = parsed();
    if (!result.ok) return;
    const { workspaceId, secret, relays } = result.link;
    const known = registry.get(workspaceId);
    const network = relays.length > 0 ? { relays } : {};
    if (known) registry.update(workspaceId, { secret, ...network });
    else registry.add({ id: workspaceId, name: 'Shared workspace', secret, ...network });
    navigate(`/w/${workspaceId}/topics`, { replace: true });
  });
  const failure = () => {
    const result = parsed();
    return result.ok ? undefined : result;
  };
  return (
    <main class="page narrow">
      <Show when={failure()} fallback={<p class="quiet">Opening the shared workspace…</p>}>
        {(failure) => (
          <>
            <h1>This link does not open a workspace</h1>
            <Notice tone="error" testId="link-error">
              {failure().message}
            </Notice>
            <A class="button primary" href="/">
              Go to your workspaces
            </A>
          </>
        )}
      </Show>
    </main>
  );
}
