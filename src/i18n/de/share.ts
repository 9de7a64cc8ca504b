import type { DictionaryOf } from '../dictionary';
import type { share as en } from '../en/share';

export const share: DictionaryOf<typeof en> = {
  shareDialog: {
    title: 'Diesen Arbeitsbereich teilen',
    bothIntro: 'Zwei Links öffnen diesen Arbeitsbereich: einer zum Ändern, einer nur zum Lesen. Senden Sie jeden nur an die Personen, für die er gedacht ist.',
    viewIntro: 'Dieser Browser kann diesen Arbeitsbereich nur ansehen: Er wurde mit dem Leselink geöffnet. Sie können diesen Link weitergeben.',
    oldIntro: 'Senden Sie diesen Link an die Partnerstädte. Wer ihn hat, kann den Arbeitsbereich öffnen und bearbeiten.',
    privacy: 'Das Teilen funktioniert von Browser zu Browser: Kein Server bewahrt eine Kopie des Arbeitsbereichs auf, und der Schlüssel nach {{ hash }} verlässt die Browser nie.',
    privacySealed: 'Das Teilen funktioniert von Browser zu Browser: Kein Server kann den Arbeitsbereich lesen, und der Schlüssel nach {{ hash }} verlässt die Browser nie.',
    keepers: {
      one: 'Der Link enthält den Verwahrer dieses Arbeitsbereichs ({{ keepers }}): Er bewahrt den Arbeitsbereich zwischen den Verbindungen versiegelt auf und kann ihn nicht lesen.',
      other: 'Der Link enthält die Verwahrer dieses Arbeitsbereichs ({{ keepers }}): Sie bewahren den Arbeitsbereich zwischen den Verbindungen versiegelt auf und können ihn nicht lesen.',
    },
    link: 'Link des Arbeitsbereichs',
    editLink: 'Bearbeitungslink',
    editAllows: 'Partner mit diesem Link können alles lesen und ändern. Geben Sie ihn nur Mitgliedern der Gruppe.',
    viewLink: 'Leselink',
    viewAllows: 'Partner mit diesem Link können alles lesen, Änderungen live verfolgen, exportieren und drucken, aber nichts ändern. Für ein nationales Forum, eine Verbindungsperson, das Team des Netzwerks.',
    copied: 'Kopiert',
    copy: 'Link kopieren',
    copyEdit: 'Bearbeitungslink kopieren',
    copyView: 'Leselink kopieren',
    onlyWith: 'Teilen Sie ihn nur mit Personen, die alles in diesem Arbeitsbereich sehen und bearbeiten sollen.',
    noViewLinkYet: 'Dieser Arbeitsbereich entstand vor den Leselinks und hat daher einen Link für alle. Einen Leselink gibt es, sobald die Gruppe auf neue Links umstellt.',
    close: 'Schließen',
  },
  replaceLinks: {
    title: 'Links zurücknehmen',
    titleOld: 'Zu Bearbeitungs- und Leselinks wechseln',
    explain: 'Wenn ein Link dorthin gelangt ist, wo er nicht hingehört, ersetzen Sie beide Links. Der Arbeitsbereich zieht auf neue Links um: Wer einen alten öffnet, erhält nichts Neues mehr und erfährt, dass er ersetzt wurde.',
    explainOld: 'Ersetzen Sie den einen Link dieses Arbeitsbereichs durch einen Bearbeitungslink und einen Leselink. Wer danach den bisherigen Link öffnet, erhält nichts Neues mehr und erfährt, dass er ersetzt wurde.',
    button: 'Links ersetzen…',
    buttonOld: 'Link ersetzen…',
    moveMembers: 'Mitglieder mit dem Bearbeitungslink bei ihrer nächsten Verbindung mitnehmen.',
    moveMembersHint: 'Lassen Sie dies eingeschaltet, außer der Bearbeitungslink selbst ist in falsche Hände geraten; senden Sie dann jedem Mitglied selbst den neuen Bearbeitungslink.',
    confirmText: 'Links jetzt ersetzen? Die bisher geteilten Links bringen nichts Neues mehr.',
    confirm: 'Links ersetzen',
    cancel: 'Abbrechen',
    done: 'Die Links wurden ersetzt. Teilen Sie die neuen unten.',
    failed: 'Die Links konnten nicht ersetzt werden. Nichts wurde geändert; versuchen Sie es erneut.',
  },
};
