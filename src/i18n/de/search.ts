import type { DictionaryOf } from '../dictionary';
import type { search as en } from '../en/search';

export const search: DictionaryOf<typeof en> = {
  label: 'Arbeitsbereich durchsuchen',
  placeholder: 'Suchen',
  shortcut: 'Strg K',
  fields: { title: 'Titel', text: 'Text', notes: 'Notizen', name: 'Name', partners: 'Partner', contactName: 'Kontakt' },
  inTopic: 'in {{ title }}',
  listLabel: 'Suchergebnisse',
  noResults: 'Keine Ergebnisse',
  results: { one: '# Ergebnis', other: '# Ergebnisse' },
  firstShown: '{{ total }} Ergebnisse, die ersten {{ shown }} werden angezeigt',
  nothing: 'Nichts gefunden für „{{ query }}“.',
  more: { one: '# weiteres: Fügen Sie ein Wort hinzu, um die Suche einzugrenzen.', other: '# weitere: Fügen Sie ein Wort hinzu, um die Suche einzugrenzen.' },
  hint: '↑ ↓ zum Wechseln, Eingabe zum Öffnen, Esc zum Schließen',
  preparing: 'Suche wird vorbereitet…',
};
