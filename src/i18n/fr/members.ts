import type { DictionaryOf } from '../dictionary';
import type { members as en } from '../en/members';

export const members: DictionaryOf<typeof en> = {
  title: 'Membres',
  fromCountries: { one: 'de # pays', many: 'de # de pays', other: 'de # pays' },
  leads: { one: '# chef de file', many: '# de chefs de file', other: '# chefs de file' },
  summary: '{{ members }} {{ countries }}',
  emptyTitle: 'Aucun membre pour l’instant',
  emptyBody: 'Ajoutez les villes, régions, associations et forums nationaux qui participent au groupe.',
  column: { position: 'Position', name: 'Nom', kind: 'Type', country: 'Pays', lead: 'Chef de file', actions: 'Actions' },
  deleted: 'Membres supprimés',
  unnamed: 'Membre sans nom',
  nameLabel: 'Nom',
  nameNeeded: 'Un membre doit avoir un nom.',
  lead: 'Chef de file',
  kindOf: 'Type de {{ name }}',
  countryOf: 'Pays de {{ name }}',
  isLead: '{{ name }} est membre chef de file',
  moveUp: 'Monter {{ name }}',
  moveUpTitle: 'Monter',
  moveDown: 'Descendre {{ name }}',
  moveDownTitle: 'Descendre',
  delete: 'Supprimer {{ name }}',
  deleteTitle: 'Supprimer le membre',
  add: {
    title: 'Ajouter un membre',
    name: 'Nom',
    placeholder: 'p. ex. Ville de Lyon',
    kind: 'Type',
    country: 'Pays',
    button: 'Ajouter le membre',
  },
};
