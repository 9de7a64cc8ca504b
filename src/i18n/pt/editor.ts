import type { DictionaryOf } from '../dictionary';
import type { editor as en } from '../en/editor';

export const editor: DictionaryOf<typeof en> = {};
