import { createMemo, type Accessor } from 'solid-js';
import type { CoRichText } from '../../model';

/**
 * A record's rich text as a Solid accessor that changes only when the fragment itself does (a
 * partner's migration of the record replaced none, or a record restored): a new handle over the
 * same fragment keeps the editor as it is. A record still without its fragment (written before
 * rich text, or by another program) is migrated here, once it is shown, which is after the
 * workspace has loaded or arrived: the migration is the deterministic one (src/model/rich-text.ts),
 * so partners doing it at the same time agree.
 */
export function createRichText(read: () => CoRichText | undefined, changed: () => unknown, migrate: () => void): Accessor<CoRichText | undefined> {
  let tried = false;
  return createMemo<CoRichText | undefined>(
    () => {
      changed();
      const text = read();
      if (text || tried) return text;
      tried = true;
      try {
        migrate();
      } catch {
        // Refused (the workspace has not arrived, or it is of a newer layout): shown read-only.
      }
      return read();
    },
    undefined,
    { equals: (a, b) => a?.bindFragment() === b?.bindFragment() },
  );
}
