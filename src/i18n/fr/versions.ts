import type { DictionaryOf } from '../dictionary';
import type { versions as en } from '../en/versions';

export const versions: DictionaryOf<typeof en> = {};
