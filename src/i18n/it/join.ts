import type { DictionaryOf } from '../dictionary';
import type { join as en } from '../en/join';

export const join: DictionaryOf<typeof en> = {
  failedTitle: 'Questo link non apre uno spazio di lavoro',
  conflictTitle: 'Questo link ha una chiave diversa',
  conflictBody:
    'Questo browser ha già «{{ name }}», condiviso con un’altra chiave. Usa la nuova chiave solo se i tuoi partner ti hanno detto che la chiave dello spazio di lavoro è cambiata: chi ha creato questo link riceverà tutto ciò che lo spazio di lavoro contiene.',
  keepKey: 'Mantieni la chiave attuale e apri',
  useNewKey: 'Usa la nuova chiave',
  opening: 'Apertura dello spazio di lavoro condiviso…',
  sharedWorkspace: 'Spazio di lavoro condiviso',
  problems: {
    'not-a-link': 'Questo non è un link a uno spazio di lavoro Tavola. Un link di questo tipo contiene «#/edit/», «#/view/» o, per gli spazi di lavoro meno recenti, «#/join/».',
    incomplete: 'Questo link è incompleto: probabilmente una parte è andata persa durante la copia. Chiedi al tuo partner di inviarlo di nuovo.',
    'too-long': 'Questo link contiene più di quanto Tavola si aspetta. Chiedi al tuo partner di inviarlo di nuovo.',
    'bad-workspace': 'Lo spazio di lavoro indicato da questo link non è valido. Chiedi al tuo partner di inviare di nuovo il link.',
    'short-key': 'La chiave di questo link è troppo corta: probabilmente il link è stato troncato. Chiedi al tuo partner di inviarlo di nuovo.',
    'bad-key': 'La chiave di questo link è danneggiata. Chiedi al tuo partner di inviarlo di nuovo.',
    'bad-relay': 'Il link indica un relay di connessione con un indirizzo non valido ({{ address }}). Chiedi al tuo partner di controllare le sue impostazioni.',
    'bad-keeper': 'Il link indica un custode con un indirizzo non valido ({{ address }}). Chiedi al tuo partner di controllare le sue impostazioni.',
  },
};
