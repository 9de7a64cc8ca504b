import type { DictionaryOf } from '../dictionary';
import type { settings as en } from '../en/settings';

export const settings: DictionaryOf<typeof en> = {
  workspace: 'Arbeitsbereich',
  sameForPartners: 'Partner, die diesen Arbeitsbereich teilen, sehen denselben Namen und dieselbe Beschreibung.',
  name: 'Name',
  nameNeeded: 'Ein Arbeitsbereich braucht einen Namen.',
  savedAsYouType: 'Wird beim Tippen gespeichert.',
  description: 'Beschreibung',
  descriptionPlaceholder: 'Woran die Gruppe arbeitet, wer sie leitet und seit wann.',
  descriptionHelp: 'Wird beim Tippen gespeichert und gemeinsam mit den Partnern bearbeitet.',
  about: 'Über diesen Arbeitsbereich',
  created: 'Angelegt',
  layoutVersion: 'Version der Struktur',
  writesVersion: '(diese Tavola-Kopie schreibt Version {{ version }})',
  workspaceId: 'Kennung des Arbeitsbereichs',
  stored: 'Gespeichert',
  storedWhere: 'In diesem Browser. Partner, die den Arbeitsbereich haben, behalten ihre eigene Kopie.',
  deleteTitle: 'Aus diesem Browser löschen',
  deleteBody: 'Entfernt den Arbeitsbereich mit allem, was er enthält, aus diesem Browser. Partner, die ihn haben, behalten ihre eigene Kopie.',
  deleteButton: 'Diesen Arbeitsbereich aus diesem Browser löschen',
  deleting: 'Wird gelöscht…',
  deleteFailed: 'Der Arbeitsbereich konnte nicht gelöscht werden: {{ reason }}',
  confirmTitle: '„{{ name }}“ löschen?',
  confirmButton: 'Aus diesem Browser löschen',
  confirmBody: 'Seine Themen, Schwerpunkte, Sitzungen und Praxisblätter werden aus diesem Browser entfernt. Partner, die den Arbeitsbereich haben, behalten ihre eigene Kopie.',
};
