import type { DictionaryOf } from '../dictionary';
import type { live as en } from '../en/live';

export const live: DictionaryOf<typeof en> = {
  banner: 'Vergadering bezig: {{ title }}',
  untitled: 'Vergadering zonder titel',
  chairedBy: 'voorzitter: {{ chair }}',
  join: 'Deelnemen',
};
