import type { DictionaryOf } from '../dictionary';
import type { search as en } from '../en/search';

export const search: DictionaryOf<typeof en> = {};
