import type { DictionaryOf } from '../dictionary';
import type { members as en } from '../en/members';

export const members: DictionaryOf<typeof en> = {
  title: 'Leden',
  fromCountries: { one: 'uit # land', other: 'uit # landen' },
  leads: { one: '# trekker', other: '# trekkers' },
  summary: '{{ members }} {{ countries }}',
  emptyTitle: 'Nog geen leden',
  emptyBody: 'Voeg de steden, regio’s, verenigingen en nationale fora toe die aan de groep deelnemen.',
  column: { position: 'Positie', name: 'Naam', kind: 'Soort', country: 'Land', lead: 'Trekker', actions: 'Acties' },
  deleted: 'Verwijderde leden',
  unnamed: 'Naamloos lid',
  nameLabel: 'Naam',
  nameNeeded: 'Een lid heeft een naam nodig.',
  lead: 'Trekker',
  kindOf: 'Soort van {{ name }}',
  countryOf: 'Land van {{ name }}',
  isLead: '{{ name }} is een trekkend lid',
  moveUp: '{{ name }} omhoog verplaatsen',
  moveUpTitle: 'Omhoog',
  moveDown: '{{ name }} omlaag verplaatsen',
  moveDownTitle: 'Omlaag',
  delete: '{{ name }} verwijderen',
  deleteTitle: 'Lid verwijderen',
  add: {
    title: 'Een lid toevoegen',
    name: 'Naam',
    placeholder: 'bijv. Stad Lyon',
    kind: 'Soort',
    country: 'Land',
    button: 'Lid toevoegen',
  },
};
