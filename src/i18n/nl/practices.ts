import type { DictionaryOf } from '../dictionary';
import type { practices as en } from '../en/practices';

export const practices: DictionaryOf<typeof en> = {};
