import { createSignal, Show } from 'solid-js';
import { replaceLinks } from '../../state/session';
import { t } from '../../i18n';
import { Notice } from '../kit/components';

/**
 * Taking the links back (issue 14, docs/sync.md "Replacing the links"), at the foot of the Share
 * dialog of an edit holder: new links, the old ones get nothing new. Asks once more before doing it.
 */
export function ReplaceLinks(props: { workspaceId: string; old: boolean; onReplaced: () => void }) {
  const [asking, setAsking] = createSignal(false);
  const [moveMembers, setMoveMembers] = createSignal(true);
  const [done, setDone] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const confirm = async () => {
    setFailed(false);
    try {
      await replaceLinks(props.workspaceId, { moveMembers: moveMembers() });
      setAsking(false);
      setDone(true);
      props.onReplaced();
    } catch {
      setFailed(true);
    }
  };
  return (
    <section class="share-option replace-links" aria-labelledby="replace-links-title" data-testid="replace-section">
      <h3 id="replace-links-title">{t(props.old ? 'shell.replaceLinks.titleOld' : 'shell.replaceLinks.title')}</h3>
      <p>{t(props.old ? 'shell.replaceLinks.explainOld' : 'shell.replaceLinks.explain')}</p>
      <Show when={done()}>
        <Notice tone="info" testId="links-replaced">
          {t('shell.replaceLinks.done')}
        </Notice>
      </Show>
      <Show
        when={asking()}
        fallback={
          <button type="button" class="button" data-testid="replace-links" onClick={() => setAsking(true)}>
            {t(props.old ? 'shell.replaceLinks.buttonOld' : 'shell.replaceLinks.button')}
          </button>
        }
      >
        <label class="checkbox">
          <input type="checkbox" checked={moveMembers()} onChange={(e) => setMoveMembers(e.currentTarget.checked)} data-testid="move-members" />
          <span>
            {t('shell.replaceLinks.moveMembers')}
            <span class="quiet"> {t('shell.replaceLinks.moveMembersHint')}</span>
          </span>
        </label>
        <p>{t('shell.replaceLinks.confirmText')}</p>
        <Show when={failed()}>
          <Notice tone="error">{t('shell.replaceLinks.failed')}</Notice>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={() => setAsking(false)}>
            {t('shell.replaceLinks.cancel')}
          </button>
          <button type="button" class="button danger" data-testid="confirm-replace" onClick={() => void confirm()}>
            {t('shell.replaceLinks.confirm')}
          </button>
        </div>
      </Show>
    </section>
  );
}
