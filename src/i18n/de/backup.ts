import type { DictionaryOf } from '../dictionary';
import type { backup as en } from '../en/backup';

export const backup: DictionaryOf<typeof en> = {
  title: 'Sicherungen',
  intro:
    'Dieser Arbeitsbereich wird in diesem Browser aufbewahrt. Eine Sicherung ist eine einzige Datei mit allem darin — Themen, Schwerpunkte, Sitzungen, Praxisblätter und Mitglieder, auch gelöschte —, die Sie aufbewahren, wo Sie möchten, und in jedem Browser wiederherstellen können.',
  export: 'Sicherung exportieren',
  saved: '„{{ file }}“ ({{ size }}) wurde in Ihren Downloads gespeichert.',
  tooLargeToRestore:
    'Diese Sicherung ist {{ size }} groß, mehr als Tavola wiederherstellen kann ({{ limit }}). Bewahren Sie sie trotzdem auf: Sie enthält alles, und ihre Einträge lassen sich in jedem Texteditor lesen.',
  exportFailed: 'Das Exportieren der Sicherung ist fehlgeschlagen: {{ reason }}',
  restoreTitle: 'Aus einer Sicherung wiederherstellen',
  restoreIntro:
    'Führt eine Sicherung dieses Arbeitsbereichs mit ihm zusammen, so wie Änderungen eines Partners: Was die Sicherung enthält und hier fehlt, kommt zurück, und seither vorgenommene Änderungen bleiben. Um zur Sicherung in ihrem damaligen Zustand zurückzukehren, stellen Sie sie auf der Startseite als separate Kopie wieder her.',
  otherWorkspace:
    'Diese Sicherung stammt von einem anderen Arbeitsbereich, „{{ name }}“. Um sie in diesen Browser zu holen, verwenden Sie „Aus einer Sicherungsdatei wiederherstellen“ auf der Startseite.',
  confirmTitle: 'Sicherung mit „{{ name }}“ zusammenführen?',
  merge: 'Zusammenführen',
  nothingLost: 'Auf keiner Seite geht etwas verloren. Verbundene Partner erhalten, was die Sicherung hinzufügt.',
};
