import type { DictionaryOf } from '../dictionary';
import type { meetings as en } from '../en/meetings';

export const meetings: DictionaryOf<typeof en> = {};
