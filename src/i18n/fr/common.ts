import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
  cancel: 'Annuler',
  restore: 'Rétablir',
  unknown: 'Inconnu',
  goHome: 'Aller à vos espaces de travail',
  notFound: {
    title: 'Page introuvable',
    body: 'Cette adresse ne mène à rien dans Tavola.',
  },
  banner: {
    offline: 'Pas de réseau. Tavola fonctionne normalement et garde vos modifications dans ce navigateur ; elles parviendront à vos partenaires dès que vous serez de nouveau en ligne.',
    storageFull:
      "Le disque de cet ordinateur, ou l'espace que le navigateur accorde à Tavola, est plein : vos dernières modifications n'ont pas pu être enregistrées ici. Gardez cette page ouverte (les partenaires en ligne les reçoivent toujours), libérez de l'espace disque et exportez une sauvegarde.",
    update: 'Une nouvelle version de Tavola est prête. Rien de ce que vous avez saisi ne sera perdu.',
    reload: 'Recharger maintenant',
    later: 'Plus tard',
  },
  language: {
    title: 'Langue',
    label: 'Langue de Tavola',
    help: 'Pour vous seul, dans ce navigateur. Chaque partenaire voit Tavola dans sa propre langue ; ce que le groupe écrit reste tel quel.',
  },
};
