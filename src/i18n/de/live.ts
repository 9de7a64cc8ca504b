import type { DictionaryOf } from '../dictionary';
import type { live as en } from '../en/live';

export const live: DictionaryOf<typeof en> = {
  banner: 'Sitzung läuft: {{ title }}',
  untitled: 'Sitzung ohne Titel',
  chairedBy: 'Vorsitz: {{ chair }}',
  join: 'Teilnehmen',
};
