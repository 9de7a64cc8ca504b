import type { DictionaryOf } from '../dictionary';
import type { members as en } from '../en/members';

export const members: DictionaryOf<typeof en> = {};
