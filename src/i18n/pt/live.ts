import type { DictionaryOf } from '../dictionary';
import type { live as en } from '../en/live';

export const live: DictionaryOf<typeof en> = {
  banner: 'Reunião em curso: {{ title }}',
  untitled: 'Reunião sem título',
  chairedBy: 'presidida por {{ chair }}',
  join: 'Entrar',
};
