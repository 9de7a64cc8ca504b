import { A } from '@solidjs/router';
import { t } from '../../i18n';

export function NotFound() {
  return (
    <main class="page narrow">
      <h1>{t('common.notFound.title')}</h1>
      <p>{t('common.notFound.body')}</p>
      <A class="button primary" href="/">{t('common.goHome')}</A>
    </main>
  );
}
