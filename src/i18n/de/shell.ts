import type { DictionaryOf } from '../dictionary';
import type { shell as en } from '../en/shell';

export const shell: DictionaryOf<typeof en> = {};
