import type { DictionaryOf } from '../dictionary';
import type { live as en } from '../en/live';

export const live: DictionaryOf<typeof en> = {
  banner: 'Riunione in corso: {{ title }}',
  untitled: 'Riunione senza titolo',
  chairedBy: 'presieduta da {{ chair }}',
  join: 'Partecipa',
};
