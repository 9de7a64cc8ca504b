import type { DictionaryOf } from '../dictionary';
import type { home as en } from '../en/home';

export const home: DictionaryOf<typeof en> = {
  tagline: 'Die Themen, Schwerpunkte, Sitzungen und Praxisblätter Ihrer Arbeitsgruppe — in diesem Browser aufbewahrt und nur mit den Partnern geteilt, die Sie einladen.',
  storage: {
    refused:
      'Dieser Browser hat nicht zugesagt, die Daten von Tavola zu behalten. Er kann Ihre Arbeitsbereiche löschen, wenn der Speicherplatz knapp wird. Erstellen Sie Sicherungen, oder installieren Sie Tavola als App – dann behält der Browser die Daten in der Regel.',
    unsupported: 'Dieser Browser kann nicht zusagen, die Daten von Tavola zu behalten. Er kann Ihre Arbeitsbereiche löschen, wenn der Speicherplatz knapp wird.',
    granted: 'Dauerhaft in diesem Browser gespeichert.',
    use: 'Tavola belegt {{ used }} des Speichers dieses Browsers ({{ share }} dessen, was er erlaubt).',
    lessThanOnePercent: 'weniger als 1 %',
    percent: '{{ value }} %',
    nearlyFull:
      'Dieser Browser hat kaum noch Platz für Tavola: {{ used }} von {{ quota }} belegt. Exportieren Sie Sicherungen Ihrer Arbeitsbereiche und löschen Sie hier die, die Sie nicht mehr brauchen, oder schaffen Sie Platz auf diesem Computer.',
  },
  create: {
    title: 'Arbeitsbereich anlegen',
    label: 'Name des neuen Arbeitsbereichs',
    placeholder: 'z. B. Arbeitsgruppe Sicherheit in der Stadt',
    button: 'Arbeitsbereich anlegen',
    sampleBefore: 'Oder',
    sampleLink: 'öffnen Sie die Beispiel-Arbeitsgruppe,',
    sampleAfter: 'um zu sehen, wie eine Gruppe mit Tavola arbeitet.',
  },
  failed: {
    create: 'Das Anlegen des Arbeitsbereichs ist fehlgeschlagen: {{ reason }}',
    sample: 'Das Öffnen des Beispiels ist fehlgeschlagen: {{ reason }}',
    rename: 'Das Umbenennen ist fehlgeschlagen: {{ reason }}',
    delete: 'Das Löschen des Arbeitsbereichs ist fehlgeschlagen: {{ reason }}',
    restore: 'Das Wiederherstellen der Sicherung ist fehlgeschlagen: {{ reason }}',
    copy: 'Das Importieren der Kopie ist fehlgeschlagen: {{ reason }}',
  },
  list: {
    title: 'Ihre Arbeitsbereiche',
    emptyTitle: 'Noch keine Arbeitsbereiche in diesem Browser',
    emptyBody: 'Legen Sie oben einen an, oder öffnen Sie einen Link, den Ihnen ein Partner geschickt hat.',
    untitled: 'Unbenannter Arbeitsbereich',
    lastOpened: 'Zuletzt geöffnet am {{ date }}',
    rename: 'Umbenennen',
    delete: 'Löschen',
    newName: 'Neuer Name',
    save: 'Speichern',
  },
  confirmDelete: {
    title: '„{{ name }}“ löschen?',
    button: 'Aus diesem Browser löschen',
    body: 'Seine Themen, Schwerpunkte, Sitzungen und Praxisblätter werden aus diesem Browser entfernt. Partner, die den Arbeitsbereich haben, behalten ihre eigene Kopie.',
  },
  restore: {
    title: 'Aus einer Sicherungsdatei wiederherstellen',
    intro:
      'Eine Sicherung ist eine „.tavola.json“-Datei, erstellt mit „Sicherung exportieren“ in den Einstellungen eines Arbeitsbereichs. Beim Wiederherstellen kommt der Arbeitsbereich in diesen Browser zurück; nichts, was Sie hier haben, wird entfernt.',
    restored: '„{{ name }}“ wurde aus der Sicherung vom {{ date }} wiederhergestellt.',
    copied: 'Die Sicherung vom {{ date }} wurde als separater Arbeitsbereich „{{ name }}“ importiert.',
    copyName: '{{ name }} (Kopie)',
    open: 'Öffnen',
    alreadyHere: '„{{ name }}“ ist bereits in diesem Browser',
    asCopy: 'Als separate Kopie importieren',
    merge: 'Mit diesem Arbeitsbereich zusammenführen',
    mergeTerm: 'Zusammenführen',
    mergeExplained:
      'verbindet die Sicherung mit dem Arbeitsbereich hier, so wie Änderungen eines Partners: Was die Sicherung enthält und hier fehlt, kommt zurück, und seither hier vorgenommene Änderungen bleiben. Verbundene Partner erhalten, was sie hinzufügt.',
    copyTerm: 'Separate Kopie',
    copyExplained: 'erstellt allein aus der Sicherung einen neuen Arbeitsbereich, mit niemandem geteilt, und lässt den Arbeitsbereich hier, wie er ist.',
    failed: {
      alreadyHere: 'Dieser Arbeitsbereich ist bereits in diesem Browser. Es wurde nichts geändert.',
      noRoom:
        'Dieser Browser hat keinen Platz mehr, um den Arbeitsbereich zu speichern; er wurde daher nicht wiederhergestellt. Es wurde nichts geändert. Schaffen Sie Platz (löschen Sie hier einen Arbeitsbereich, den Sie nicht mehr brauchen) und versuchen Sie es erneut.',
      notStored: 'Der Arbeitsbereich konnte nicht in diesem Browser gespeichert werden. Es wurde nichts geändert.',
      notStoredBecause: 'Der Arbeitsbereich konnte nicht in diesem Browser gespeichert werden ({{ reason }}). Es wurde nichts geändert.',
    },
  },
};
