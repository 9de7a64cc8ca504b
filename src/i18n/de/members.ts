import type { DictionaryOf } from '../dictionary';
import type { members as en } from '../en/members';

export const members: DictionaryOf<typeof en> = {
  title: 'Mitglieder',
  fromCountries: { one: 'aus # Land', other: 'aus # Ländern' },
  leads: { one: '# federführendes', other: '# federführende' },
  summary: '{{ members }} {{ countries }}',
  emptyTitle: 'Noch keine Mitglieder',
  emptyBody: 'Fügen Sie die Städte, Regionen, Verbände und nationalen Foren hinzu, die an der Gruppe teilnehmen.',
  column: { position: 'Position', name: 'Name', kind: 'Art', country: 'Land', lead: 'Federführend', actions: 'Aktionen' },
  deleted: 'Gelöschte Mitglieder',
  unnamed: 'Unbenanntes Mitglied',
  nameLabel: 'Name',
  nameNeeded: 'Ein Mitglied braucht einen Namen.',
  lead: 'Federführend',
  kindOf: 'Art von {{ name }}',
  countryOf: 'Land von {{ name }}',
  isLead: '{{ name }} ist federführendes Mitglied',
  moveUp: '{{ name }} nach oben verschieben',
  moveUpTitle: 'Nach oben',
  moveDown: '{{ name }} nach unten verschieben',
  moveDownTitle: 'Nach unten',
  delete: '{{ name }} löschen',
  deleteTitle: 'Mitglied löschen',
  add: {
    title: 'Mitglied hinzufügen',
    name: 'Name',
    placeholder: 'z. B. Stadt Lyon',
    kind: 'Art',
    country: 'Land',
    button: 'Mitglied hinzufügen',
  },
};
