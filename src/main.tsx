// Every style sheet comes with the page, in the order the cascade was written for (styles.css
// last), including those of the screens loaded later (ui/shell/App.tsx): a screen shows styled from its
// first frame, and loading it never reorders the cascade.
import './ui/kit/write-problem.css';
import './ui/home/backup.css';
import './ui/meetings/meeting.css';
import './ui/kit/records.css';
import './ui/practices/practices.css';
import './ui/versions/versions.css';
import './ui/shell/styles.css';
import { render } from 'solid-js/web';
import { initialLocale, loadLocale } from './i18n';
import { App } from './ui/shell/App';

// The person's language first (a small chunk, from the offline cache after the first visit), so
// no screen shows in English and then switches. English is in the page: a failed load shows it.
void loadLocale(initialLocale())
  .catch(() => loadLocale('en'))
  .finally(() => render(() => <App />, document.getElementById('root')!));
