import type { DictionaryOf } from '../dictionary';
import type { join as en } from '../en/join';

export const join: DictionaryOf<typeof en> = {
  failedTitle: 'Ce lien n’ouvre pas d’espace de travail',
  conflictTitle: 'Ce lien a une autre clé',
  conflictBody:
    'Ce navigateur a déjà « {{ name }} », partagé avec une autre clé. N’utilisez la nouvelle clé que si vos partenaires vous ont dit que la clé de l’espace de travail a changé : la personne qui a créé ce lien recevra tout ce que contient l’espace de travail.',
  keepKey: 'Garder la clé actuelle et l’ouvrir',
  useNewKey: 'Utiliser la nouvelle clé',
  opening: 'Ouverture de l’espace de travail partagé…',
  sharedWorkspace: 'Espace de travail partagé',
  problems: {
    'not-a-link': 'Ce n’est pas un lien d’espace de travail Tavola. Un tel lien contient « #/edit/ », « #/view/ » ou, pour les espaces de travail plus anciens, « #/join/ ».',
    incomplete: 'Ce lien d’espace de travail est incomplet : une partie s’est sans doute perdue lors de la copie. Demandez à votre partenaire de vous le renvoyer.',
    'too-long': 'Ce lien d’espace de travail contient plus que ce qu’attend Tavola. Demandez à votre partenaire de vous le renvoyer.',
    'bad-workspace': 'L’espace de travail désigné par ce lien n’est pas valide. Demandez à votre partenaire de vous renvoyer le lien.',
    'short-key': 'La clé de ce lien est trop courte : le lien a sans doute été coupé. Demandez à votre partenaire de vous le renvoyer.',
    'bad-key': 'La clé de ce lien est endommagée. Demandez à votre partenaire de vous le renvoyer.',
    'bad-relay': 'Le lien désigne un relais de connexion dont l’adresse n’est pas valide ({{ address }}). Demandez à votre partenaire de vérifier ses réglages.',
    'bad-keeper': 'Le lien désigne un gardien dont l’adresse n’est pas valide ({{ address }}). Demandez à votre partenaire de vérifier ses réglages.',
  },
};
