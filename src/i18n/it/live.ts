import type { DictionaryOf } from '../dictionary';
import type { live as en } from '../en/live';

export const live: DictionaryOf<typeof en> = {};
