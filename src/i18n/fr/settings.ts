import type { DictionaryOf } from '../dictionary';
import type { settings as en } from '../en/settings';

export const settings: DictionaryOf<typeof en> = {
  workspace: 'Espace de travail',
  sameForPartners: 'Les partenaires qui partagent cet espace de travail voient le même nom et la même description.',
  name: 'Nom',
  nameNeeded: 'Un espace de travail doit avoir un nom.',
  savedAsYouType: 'Enregistré au fur et à mesure de la saisie.',
  description: 'Description',
  descriptionPlaceholder: 'Sur quoi le groupe travaille, qui le pilote et depuis quand.',
  descriptionHelp: 'Enregistrée au fur et à mesure de la saisie et rédigée avec les partenaires.',
  about: 'À propos de cet espace de travail',
  created: 'Créé le',
  layoutVersion: 'Version de la structure',
  writesVersion: '(cette copie de Tavola écrit la version {{ version }})',
  workspaceId: 'Identifiant de l’espace',
  stored: 'Conservé',
  storedWhere: 'Dans ce navigateur. Les partenaires qui ont cet espace de travail en gardent leur propre copie.',
  deleteTitle: 'Supprimer de ce navigateur',
  deleteBody: 'Retire de ce navigateur l’espace de travail et tout son contenu. Les partenaires qui l’ont en gardent leur propre copie.',
  deleteButton: 'Supprimer cet espace de travail de ce navigateur',
  deleting: 'Suppression…',
  deleteFailed: 'La suppression de l’espace de travail a échoué : {{ reason }}',
  confirmTitle: 'Supprimer « {{ name }} » ?',
  confirmButton: 'Supprimer de ce navigateur',
  confirmBody: 'Ses thèmes, points d’attention, réunions et fiches de pratique sont retirés de ce navigateur. Les partenaires qui ont cet espace de travail en gardent leur propre copie.',
};
