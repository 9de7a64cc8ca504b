// Every style sheet comes with the page, in the order the cascade was written for (styles.css
// last), including those of the screens loaded later (ui/App.tsx): a screen shows styled from its
// first frame, and loading it never reorders the cascade.
import './ui/write-problem.css';
import './ui/backup.css';
import './ui/meeting.css';
import './ui/records.css';
import './ui/practices.css';
import './ui/versions.css';
import './ui/styles.css';
import { render } from 'solid-js/web';
import { App } from './ui/App';

render(() => <App />, document.getElementById('root')!);
