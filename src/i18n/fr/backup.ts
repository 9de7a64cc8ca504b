import type { DictionaryOf } from '../dictionary';
import type { backup as en } from '../en/backup';

export const backup: DictionaryOf<typeof en> = {
  title: 'Sauvegardes',
  intro:
    'Cet espace de travail est conservé dans ce navigateur. Une sauvegarde est un fichier unique qui contient tout — thèmes, points d’attention, réunions, fiches de pratique et membres, y compris ceux qui ont été supprimés — que vous rangez où vous voulez et pouvez restaurer dans n’importe quel navigateur.',
  export: 'Exporter une sauvegarde',
  saved: '« {{ file }} » ({{ size }}) a été enregistré dans vos téléchargements.',
  tooLargeToRestore:
    'Cette sauvegarde fait {{ size }}, plus que ce que Tavola peut restaurer ({{ limit }}). Conservez-la quand même : elle contient tout, et ses données peuvent être lues dans n’importe quel éditeur de texte.',
  exportFailed: 'L’export de la sauvegarde a échoué : {{ reason }}',
  restoreTitle: 'Restaurer une sauvegarde',
  restoreIntro:
    'Fusionne une sauvegarde de cet espace de travail avec celui-ci, comme le feraient les modifications d’un partenaire : ce que la sauvegarde contient et qui manque ici revient, et les modifications faites depuis restent. Pour revenir à la sauvegarde telle qu’elle était, restaurez-la comme copie distincte depuis l’écran d’accueil.',
  otherWorkspace:
    'Cette sauvegarde est celle d’un autre espace de travail, « {{ name }} ». Pour l’apporter dans ce navigateur, utilisez « Restaurer à partir d’un fichier de sauvegarde » sur l’écran d’accueil.',
  confirmTitle: 'Fusionner la sauvegarde dans « {{ name }} » ?',
  merge: 'Fusionner',
  nothingLost: 'Rien n’est perdu, d’un côté comme de l’autre. Les partenaires connectés reçoivent ce que la sauvegarde ajoute.',
};
