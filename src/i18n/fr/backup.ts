import type { DictionaryOf } from '../dictionary';
import type { backup as en } from '../en/backup';

export const backup: DictionaryOf<typeof en> = {};
