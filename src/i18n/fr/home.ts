import type { DictionaryOf } from '../dictionary';
import type { home as en } from '../en/home';

export const home: DictionaryOf<typeof en> = {
  tagline: 'Les thèmes, points d’attention, réunions et fiches de pratique de votre groupe de travail — conservés dans ce navigateur, partagés uniquement avec les partenaires que vous invitez.',
  storage: {
    refused:
      'Ce navigateur ne s’est pas engagé à conserver les données de Tavola. Il peut effacer vos espaces de travail si le disque manque de place. Faites des sauvegardes, ou installez Tavola comme application, ce qui permet en général au navigateur de les conserver.',
    unsupported: 'Ce navigateur ne peut pas s’engager à conserver les données de Tavola. Il peut effacer vos espaces de travail si le disque manque de place.',
    granted: 'Conservé durablement dans ce navigateur.',
    use: 'Tavola utilise {{ used }} de l’espace de stockage de ce navigateur ({{ share }} de ce qu’il autorise).',
    lessThanOnePercent: 'moins de 1 %',
    percent: '{{ value }} %',
    nearlyFull:
      'Ce navigateur manque de place pour Tavola : {{ used }} utilisés sur {{ quota }}. Exportez des sauvegardes de vos espaces de travail et supprimez ici ceux dont vous n’avez plus besoin, ou libérez de l’espace sur cet ordinateur.',
  },
  create: {
    title: 'Créer un espace de travail',
    label: 'Nom du nouvel espace de travail',
    placeholder: 'p. ex. Groupe de travail sur la sécurité urbaine',
    button: 'Créer l’espace de travail',
    sampleBefore: 'Ou',
    sampleLink: 'ouvrez le groupe de travail d’exemple',
    sampleAfter: 'pour voir comment un groupe utilise Tavola.',
  },
  failed: {
    create: 'La création de l’espace de travail a échoué : {{ reason }}',
    sample: 'L’ouverture de l’exemple a échoué : {{ reason }}',
    rename: 'Le changement de nom a échoué : {{ reason }}',
    delete: 'La suppression de l’espace de travail a échoué : {{ reason }}',
    restore: 'La restauration de la sauvegarde a échoué : {{ reason }}',
    copy: 'L’import de la copie a échoué : {{ reason }}',
  },
  list: {
    title: 'Vos espaces de travail',
    emptyTitle: 'Aucun espace de travail dans ce navigateur pour l’instant',
    emptyBody: 'Créez-en un ci-dessus, ou ouvrez un lien qu’un partenaire vous a envoyé.',
    untitled: 'Espace de travail sans titre',
    lastOpened: 'Dernière ouverture le {{ date }}',
    rename: 'Renommer',
    delete: 'Supprimer',
    newName: 'Nouveau nom',
    save: 'Enregistrer',
  },
  confirmDelete: {
    title: 'Supprimer « {{ name }} » ?',
    button: 'Supprimer de ce navigateur',
    body: 'Ses thèmes, points d’attention, réunions et fiches de pratique sont retirés de ce navigateur. Les partenaires qui ont cet espace de travail en gardent leur propre copie.',
  },
  restore: {
    title: 'Restaurer à partir d’un fichier de sauvegarde',
    intro:
      'Une sauvegarde est un fichier « .tavola.json » créé avec « Exporter une sauvegarde » dans les paramètres d’un espace de travail. La restaurer ramène l’espace de travail dans ce navigateur ; rien de ce que vous avez ici n’est supprimé.',
    restored: '« {{ name }} » a été restauré à partir de la sauvegarde du {{ date }}.',
    copied: 'La sauvegarde du {{ date }} a été importée comme espace de travail distinct, « {{ name }} ».',
    copyName: '{{ name }} (copie)',
    open: 'L’ouvrir',
    alreadyHere: '« {{ name }} » se trouve déjà dans ce navigateur',
    asCopy: 'Importer comme copie distincte',
    merge: 'Fusionner dans cet espace de travail',
    mergeTerm: 'Fusionner',
    mergeExplained:
      'combine la sauvegarde avec l’espace de travail d’ici, comme le feraient les modifications d’un partenaire : ce que la sauvegarde contient et qui manque ici revient, et les modifications faites ici depuis restent. Les partenaires connectés reçoivent ce qu’elle ajoute.',
    copyTerm: 'Copie distincte',
    copyExplained: 'crée un nouvel espace de travail à partir de la seule sauvegarde, partagé avec personne, et laisse l’espace de travail d’ici tel qu’il est.',
    failed: {
      alreadyHere: 'Cet espace de travail se trouve déjà dans ce navigateur. Rien n’a été modifié.',
      noRoom:
        'Ce navigateur n’a plus de place pour stocker l’espace de travail : il n’a donc pas été restauré. Rien n’a été modifié. Libérez de l’espace (supprimez ici un espace de travail dont vous n’avez plus besoin) et réessayez.',
      notStored: 'L’espace de travail n’a pas pu être stocké dans ce navigateur. Rien n’a été modifié.',
      notStoredBecause: 'L’espace de travail n’a pas pu être stocké dans ce navigateur ({{ reason }}). Rien n’a été modifié.',
    },
  },
};
