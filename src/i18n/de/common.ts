import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
  status: { proposed: 'Vorgeschlagen', agreed: 'Vereinbart', 'in-progress': 'In Arbeit', done: 'Erledigt', dropped: 'Verworfen' },
  practiceStatus: { draft: 'Entwurf', 'in-review': 'In Prüfung', final: 'Endfassung' },
  sections: {
    context: { title: 'Ausgangslage', hint: 'Die Lage vor Ort: welches Problem diese Praxis löst, wo und seit wann.' },
    objectives: { title: 'Ziele', hint: 'Was die Praxis erreichen will und für wen.' },
    activities: { title: 'Maßnahmen', hint: 'Was getan wird, von wem und mit welchen Partnern.' },
    budget: { title: 'Budget', hint: 'Was sie kostet, wie sie finanziert wird und welches Personal sie braucht.' },
    evaluation: { title: 'Bewertung', hint: 'Wie die Ergebnisse gemessen werden, was sie zeigen und was daraus gelernt wurde.' },
  },
  kind: { topic: 'Thema', focusPoint: 'Schwerpunkt', meeting: 'Sitzung', practice: 'Praxisblatt', member: 'Mitglied' },
  count: {
    topics: { one: '# Thema', other: '# Themen' },
    focusPoints: { one: '# Schwerpunkt', other: '# Schwerpunkte' },
    meetings: { one: '# Sitzung', other: '# Sitzungen' },
    practices: { one: '# Praxisblatt', other: '# Praxisblätter' },
    members: { one: '# Mitglied', other: '# Mitglieder' },
  },
  cancel: 'Abbrechen',
  restore: 'Wiederherstellen',
  unknown: 'Unbekannt',
  goHome: 'Zu Ihren Arbeitsbereichen',
  notFound: {
    title: 'Seite nicht gefunden',
    body: 'Diese Adresse führt in Tavola nirgendwohin.',
  },
  banner: {
    offline: 'Kein Netz. Tavola funktioniert wie gewohnt und speichert Ihre Änderungen in diesem Browser; sie erreichen Ihre Partner, sobald Sie wieder online sind.',
    storageFull:
      'Die Festplatte dieses Computers oder der Speicher, den der Browser Tavola zugesteht, ist voll: Ihre letzten Änderungen konnten hier nicht gespeichert werden. Lassen Sie diese Seite geöffnet (Partner, die online sind, erhalten sie weiterhin), schaffen Sie Speicherplatz und exportieren Sie eine Sicherung.',
    update: 'Eine neue Version von Tavola ist bereit. Nichts, was Sie eingegeben haben, geht verloren.',
    reload: 'Jetzt neu laden',
    later: 'Später',
  },
  language: {
    title: 'Sprache',
    label: 'Sprache von Tavola',
    help: 'Nur für Sie, in diesem Browser. Jeder Partner sieht Tavola in seiner eigenen Sprache; was die Gruppe schreibt, bleibt, wie es geschrieben wurde.',
  },
};
