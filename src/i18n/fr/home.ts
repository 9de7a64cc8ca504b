import type { DictionaryOf } from '../dictionary';
import type { home as en } from '../en/home';

export const home: DictionaryOf<typeof en> = {};
