import type { DictionaryOf } from '../dictionary';
import type { search as en } from '../en/search';

export const search: DictionaryOf<typeof en> = {
  label: 'Rechercher dans l’espace de travail',
  placeholder: 'Rechercher',
  shortcut: 'Ctrl K',
  fields: { title: 'Titre', text: 'Texte', notes: 'Notes', name: 'Nom', partners: 'Partenaires', contactName: 'Contact' },
  inTopic: 'dans {{ title }}',
  listLabel: 'Résultats de la recherche',
  noResults: 'Aucun résultat',
  results: { one: '# résultat', many: '# de résultats', other: '# résultats' },
  firstShown: '{{ total }} résultats, les {{ shown }} premiers affichés',
  nothing: 'Aucun résultat pour « {{ query }} ».',
  more: { one: '# autre : ajoutez un mot pour affiner la recherche.', many: '# d’autres : ajoutez un mot pour affiner la recherche.', other: '# autres : ajoutez un mot pour affiner la recherche.' },
  hint: '↑ ↓ pour naviguer, Entrée pour ouvrir, Échap pour fermer',
  preparing: 'Préparation de la recherche…',
};
