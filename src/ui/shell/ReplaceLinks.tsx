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
      <h3 id="replace-links-title">{t(props.old ? 'share.replaceLinks.titleOld' : 'share.replaceLinks.title')}</h3>
      <p>{t(props.old ? 'share.replaceLinks.explainOld' : 'share.replaceLinks.explain')}</p>
      <Show when={done()}>
        <Notice tone="info" testId="links-replaced">
          {t('share.replaceLinks.done')}
        </Notice>
      </Show>
      <Show
        when={asking()}
        fallback={
          <button type="button" class="button" data-testid="replace-links" onClick={() => setAsking(true)}>
            {t(props.old ? 'share.replaceLinks.buttonOld' : 'share.replaceLinks.button')}
          </button>
        }
      >
        <label class="checkbox">
          <input type="checkbox" checked={moveMembers()} onChange={(e) => setMoveMembers(e.currentTarget.checked)} data-testid="move-members" />
          <span>
            {t('share.replaceLinks.moveMembers')}
            <span class="quiet"> {t('share.replaceLinks.moveMembersHint')}</span>
          </span>
        </label>
        <p>{t('share.replaceLinks.confirmText')}</p>
        <Show when={failed()}>
          <Notice tone="error">{t('share.replaceLinks.failed')}</Notice>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={() => setAsking(false)}>
            {t('share.replaceLinks.cancel')}
          </button>
          <button type="button" class="button danger" data-testid="confirm-replace" onClick={() => void confirm()}>
            {t('share.replaceLinks.confirm')}
          </button>
        </div>
      </Show>
    </section>
  );
}
