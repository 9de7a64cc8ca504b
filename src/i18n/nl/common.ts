import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
  status: { proposed: 'Voorgesteld', agreed: 'Afgesproken', 'in-progress': 'Bezig', done: 'Klaar', dropped: 'Geschrapt' },
  practiceStatus: { draft: 'Concept', 'in-review': 'In review', final: 'Definitief' },
  sections: {
    context: { title: 'Context', hint: 'De lokale situatie: op welk probleem deze praktijk antwoordt, waar en sinds wanneer.' },
    objectives: { title: 'Doelen', hint: 'Wat de praktijk wil bereiken, en voor wie.' },
    activities: { title: 'Activiteiten', hint: 'Wat er gebeurt, door wie en met welke partners.' },
    budget: { title: 'Budget', hint: 'Wat het kost, hoe het wordt gefinancierd en hoeveel personeel het vraagt.' },
    evaluation: { title: 'Evaluatie', hint: 'Hoe de resultaten worden gemeten, wat ze laten zien en wat ervan is geleerd.' },
  },
  kind: { topic: 'Thema', focusPoint: 'Aandachtspunt', meeting: 'Vergadering', practice: 'Praktijkblad', member: 'Lid' },
  count: {
    topics: { one: '# thema', other: '# thema’s' },
    focusPoints: { one: '# aandachtspunt', other: '# aandachtspunten' },
    meetings: { one: '# vergadering', other: '# vergaderingen' },
    practices: { one: '# praktijkblad', other: '# praktijkbladen' },
    members: { one: '# lid', other: '# leden' },
  },
  cancel: 'Annuleren',
  restore: 'Terugzetten',
  unknown: 'Onbekend',
  goHome: 'Naar uw werkruimtes',
  notFound: {
    title: 'Pagina niet gevonden',
    body: 'Dit adres leidt in Tavola nergens naartoe.',
  },
  banner: {
    offline: 'Geen netwerk. Tavola werkt gewoon door en bewaart uw wijzigingen in deze browser; ze bereiken uw partners zodra u weer online bent.',
    storageFull:
      'De schijf van deze computer, of de ruimte die de browser Tavola geeft, is vol: uw laatste wijzigingen konden hier niet worden opgeslagen. Laat deze pagina open (partners die online zijn ontvangen ze nog), maak schijfruimte vrij en exporteer een back-up.',
    update: 'Er is een nieuwe versie van Tavola klaar. Niets van wat u hebt getypt gaat verloren.',
    reload: 'Nu herladen',
    later: 'Later',
  },
  language: {
    title: 'Taal',
    label: 'Taal van Tavola',
    help: 'Alleen voor u, in deze browser. Elke partner ziet Tavola in de eigen taal; wat de groep schrijft, blijft zoals het geschreven is.',
  },
};
