import type { DictionaryOf } from '../dictionary';
import type { join as en } from '../en/join';

export const join: DictionaryOf<typeof en> = {
  failedTitle: 'Deze link opent geen werkruimte',
  conflictTitle: 'Deze link heeft een andere sleutel',
  conflictBody:
    'Deze browser heeft ‘{{ name }}’ al, gedeeld met een andere sleutel. Gebruik de nieuwe sleutel alleen als uw partners u hebben laten weten dat de sleutel van de werkruimte is veranderd: wie deze link heeft gemaakt, krijgt alles wat in de werkruimte staat.',
  keepKey: 'Huidige sleutel houden en openen',
  useNewKey: 'Nieuwe sleutel gebruiken',
  opening: 'De gedeelde werkruimte wordt geopend…',
  sharedWorkspace: 'Gedeelde werkruimte',
  problems: {
    'not-a-link': 'Dit is geen link naar een Tavola-werkruimte. Zo’n link bevat ‘#/edit/’, ‘#/view/’ of, bij oudere werkruimtes, ‘#/join/’.',
    incomplete: 'Deze link is onvolledig: waarschijnlijk is er bij het kopiëren een deel verloren gegaan. Vraag uw partner hem opnieuw te sturen.',
    'too-long': 'Deze link bevat meer dan Tavola verwacht. Vraag uw partner hem opnieuw te sturen.',
    'bad-workspace': 'De werkruimte in deze link is ongeldig. Vraag uw partner de link opnieuw te sturen.',
    'short-key': 'De sleutel in deze link is te kort: de link is waarschijnlijk afgekapt. Vraag uw partner hem opnieuw te sturen.',
    'bad-key': 'De sleutel in deze link is beschadigd. Vraag uw partner hem opnieuw te sturen.',
    'bad-relay': 'De link noemt een verbindingsrelais met een ongeldig adres ({{ address }}). Vraag uw partner de instellingen na te kijken.',
    'bad-keeper': 'De link noemt een bewaarder met een ongeldig adres ({{ address }}). Vraag uw partner de instellingen na te kijken.',
  },
};
