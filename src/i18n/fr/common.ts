import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
  status: { proposed: 'Proposé', agreed: 'Convenu', 'in-progress': 'En cours', done: 'Fait', dropped: 'Abandonné' },
  practiceStatus: { draft: 'Brouillon', 'in-review': 'En relecture', final: 'Définitive' },
  sections: {
    context: { title: 'Contexte', hint: 'La situation locale : le problème auquel répond cette pratique, où et depuis quand.' },
    objectives: { title: 'Objectifs', hint: 'Ce que la pratique cherche à atteindre, et pour qui.' },
    activities: { title: 'Activités', hint: 'Ce qui est fait, par qui et avec quels partenaires.' },
    budget: { title: 'Budget', hint: 'Ce qu’elle coûte, comment elle est financée et le personnel qu’elle mobilise.' },
    evaluation: { title: 'Évaluation', hint: 'Comment les résultats sont mesurés, ce qu’ils montrent et ce qui en a été appris.' },
  },
  kind: { topic: 'Thème', focusPoint: 'Point d’attention', meeting: 'Réunion', practice: 'Fiche de pratique', member: 'Membre' },
  count: {
    topics: { one: '# thème', many: '# de thèmes', other: '# thèmes' },
    focusPoints: { one: '# point d’attention', many: '# de points d’attention', other: '# points d’attention' },
    meetings: { one: '# réunion', many: '# de réunions', other: '# réunions' },
    practices: { one: '# fiche de pratique', many: '# de fiches de pratique', other: '# fiches de pratique' },
    members: { one: '# membre', many: '# de membres', other: '# membres' },
  },
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
