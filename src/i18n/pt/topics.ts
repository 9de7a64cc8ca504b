import type { DictionaryOf } from '../dictionary';
import type { topics as en } from '../en/topics';

export const topics: DictionaryOf<typeof en> = {};
