import type { Workspace } from './workspace';
import { attendeeKey, type Attendee } from './meeting';

/**
 * The live member a person stands for: the one whose name is the person's organisation
 * (compared without case and surrounding spaces), or null.
 */
export function memberForOrganisation(workspace: Workspace, organisation: string): string | null {
  const wanted = organisation.trim().toLocaleLowerCase('en');
  if (!wanted) return null;
  return workspace.members.list().find((member) => member.name.trim().toLocaleLowerCase('en') === wanted)?.id ?? null;
}

/**
 * Record everyone in `people` as present at a live meeting: one `meetings.attendee` transaction
 * per person not recorded yet, ticking the member they stand for as a participant. A person
 * already recorded is not written again, so calling this on every change of presence is cheap,
 * and it heals an attendee lost to a concurrent repair. Returns how many were written.
 */
export function recordAttendance(workspace: Workspace, meetingId: string, people: readonly Attendee[]): number {
  const meeting = workspace.meetings.get(meetingId);
  if (!meeting || meeting.deletedAt || meeting.liveStatus !== 'live') return 0;
  const recorded = new Set(meeting.attendees);
  let written = 0;
  for (const person of people) {
    const key = attendeeKey(person);
    if (!person.name.trim() || recorded.has(key)) continue;
    recorded.add(key);
    if (workspace.meetings.addAttendee(meetingId, person, memberForOrganisation(workspace, person.organisation))) written++;
  }
  return written;
}
