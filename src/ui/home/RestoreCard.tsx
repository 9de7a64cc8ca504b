import type { JSX, ParentProps } from 'solid-js';
import { t } from '../../i18n';

/**
 * The frame of home's "Restore from a backup file" card: its title, its sentence and its button.
 * Shared by the card itself (RestoreBackup.tsx, a chunk of its own) and the placeholder home shows
 * until that chunk is here, so the two always look the same.
 */
export function RestoreCard(props: ParentProps<{ button: JSX.Element; testId?: string; loading?: boolean }>) {
  return (
    <section class="card backup-card" aria-labelledby="restore-backup-title" aria-busy={props.loading ? 'true' : undefined} data-testid={props.testId}>
      <h2 id="restore-backup-title">{t('home.restore.title')}</h2>
      <div class="backup-row">
        <p class="quiet">{t('home.restore.intro')}</p>
        {props.button}
      </div>
      {props.children}
    </section>
  );
}
