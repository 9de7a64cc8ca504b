import type { DictionaryOf } from '../dictionary';
import type { search as en } from '../en/search';

export const search: DictionaryOf<typeof en> = {
  label: 'Zoeken in de werkruimte',
  placeholder: 'Zoeken',
  shortcut: 'Ctrl K',
  fields: { title: 'Titel', text: 'Tekst', notes: 'Notities', name: 'Naam', partners: 'Partners', contactName: 'Contactpersoon' },
  inTopic: 'in {{ title }}',
  listLabel: 'Zoekresultaten',
  noResults: 'Geen resultaten',
  results: { one: '# resultaat', other: '# resultaten' },
  firstShown: '{{ total }} resultaten, de eerste {{ shown }} getoond',
  nothing: 'Niets gevonden voor ‘{{ query }}’.',
  more: { one: 'Nog #: voeg een woord toe om de zoekopdracht te verfijnen.', other: 'Nog #: voeg een woord toe om de zoekopdracht te verfijnen.' },
  hint: '↑ ↓ om te kiezen, Enter om te openen, Esc om te sluiten',
  preparing: 'Zoeken wordt voorbereid…',
};
