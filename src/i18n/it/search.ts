import type { DictionaryOf } from '../dictionary';
import type { search as en } from '../en/search';

export const search: DictionaryOf<typeof en> = {
  label: 'Cerca nello spazio di lavoro',
  placeholder: 'Cerca',
  shortcut: 'Ctrl K',
  fields: { title: 'Titolo', text: 'Testo', notes: 'Note', name: 'Nome', partners: 'Partner', contactName: 'Contatto' },
  inTopic: 'in {{ title }}',
  listLabel: 'Risultati della ricerca',
  noResults: 'Nessun risultato',
  results: { one: '# risultato', many: '# di risultati', other: '# risultati' },
  firstShown: '{{ total }} risultati, mostrati i primi {{ shown }}',
  nothing: 'Nessun risultato per « {{ query }} ».',
  more: { one: 'Ancora #: aggiungi una parola per restringere la ricerca.', many: 'Ancora #: aggiungi una parola per restringere la ricerca.', other: 'Altri #: aggiungi una parola per restringere la ricerca.' },
  hint: '↑ ↓ per spostarti, Invio per aprire, Esc per chiudere',
  preparing: 'Preparazione della ricerca…',
};
