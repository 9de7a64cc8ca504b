// What the live meeting's parts share: who this person is, and times as the meeting shows them.
import { personLabel } from '../../../model';
import { currentProfile } from '../../../state/peers';
import { formatTime as formatTimeIn } from '../../../i18n';

/** This person as the meeting shows them (chair label), or null before they said who they are. */
export function myLabel(): string | null {
  const me = currentProfile();
  return me ? personLabel(me) : null;
}

/** `14:05`, in this browser's time zone, as the person's language writes it. */
export function formatTime(iso: string | null): string {
  return iso ? formatTimeIn(iso) : '';
}
