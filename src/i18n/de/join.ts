import type { DictionaryOf } from '../dictionary';
import type { join as en } from '../en/join';

export const join: DictionaryOf<typeof en> = {
  failedTitle: 'Dieser Link öffnet keinen Arbeitsbereich',
  conflictTitle: 'Dieser Link hat einen anderen Schlüssel',
  conflictBody:
    'Dieser Browser hat „{{ name }}“ bereits, mit einem anderen Schlüssel geteilt. Verwenden Sie den neuen Schlüssel nur, wenn Ihre Partner Ihnen gesagt haben, dass sich der Schlüssel des Arbeitsbereichs geändert hat: Wer diesen Link erstellt hat, erhält alles, was im Arbeitsbereich steht.',
  keepKey: 'Aktuellen Schlüssel behalten und öffnen',
  useNewKey: 'Neuen Schlüssel verwenden',
  opening: 'Der geteilte Arbeitsbereich wird geöffnet…',
  sharedWorkspace: 'Geteilter Arbeitsbereich',
  problems: {
    'not-a-link': 'Dies ist kein Link zu einem Tavola-Arbeitsbereich. Ein solcher Link enthält „#/edit/“, „#/view/“ oder, bei älteren Arbeitsbereichen, „#/join/“.',
    incomplete: 'Dieser Link ist unvollständig: Beim Kopieren ist wohl ein Teil verloren gegangen. Bitten Sie Ihren Partner, ihn noch einmal zu senden.',
    'too-long': 'Dieser Link enthält mehr, als Tavola erwartet. Bitten Sie Ihren Partner, ihn noch einmal zu senden.',
    'bad-workspace': 'Der Arbeitsbereich in diesem Link ist ungültig. Bitten Sie Ihren Partner, den Link noch einmal zu senden.',
    'short-key': 'Der Schlüssel in diesem Link ist zu kurz: Der Link wurde wohl abgeschnitten. Bitten Sie Ihren Partner, ihn noch einmal zu senden.',
    'bad-key': 'Der Schlüssel in diesem Link ist beschädigt. Bitten Sie Ihren Partner, ihn noch einmal zu senden.',
    'bad-relay': 'Der Link nennt ein Verbindungsrelais mit ungültiger Adresse ({{ address }}). Bitten Sie Ihren Partner, seine Einstellungen zu prüfen.',
    'bad-keeper': 'Der Link nennt einen Verwahrer mit ungültiger Adresse ({{ address }}). Bitten Sie Ihren Partner, seine Einstellungen zu prüfen.',
  },
};
