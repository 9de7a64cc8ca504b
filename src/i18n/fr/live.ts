import type { DictionaryOf } from '../dictionary';
import type { live as en } from '../en/live';

export const live: DictionaryOf<typeof en> = {
  banner: 'Réunion en cours : {{ title }}',
  untitled: 'Réunion sans titre',
  chairedBy: 'présidée par {{ chair }}',
  join: 'Rejoindre',
};
