import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
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
