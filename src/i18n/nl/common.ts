import type { DictionaryOf } from '../dictionary';
import type { common as en } from '../en/common';

export const common: DictionaryOf<typeof en> = {
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
