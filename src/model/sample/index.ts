import * as z from 'zod/mini';
import { MEMBER_KINDS } from '../member';
import { PRACTICE_SECTIONS, PRACTICE_STATUSES } from '../practice';
import type { Workspace } from '../workspace';
import fixture from './working-group.json';

/** The plain-data shape of shared/fixtures/working-group.json (copied here: the app ships it). */
export const workingGroupSchema = z.object({
  workspace: z.object({ name: z.string(), description: z.string(), createdAt: z.string() }),
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(MEMBER_KINDS),
      country: z.string(),
      lead: z.optional(z.boolean()),
    }),
  ),
  topics: z.array(z.object({ id: z.string(), title: z.string(), focusPoints: z.array(z.string()) })),
  meetings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      date: z.string(),
      participants: z.array(z.string()),
      agenda: z.array(z.string()),
      notes: z.string(),
    }),
  ),
  practices: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      city: z.string(),
      topics: z.array(z.string()),
      status: z.string(),
      sections: z.record(z.enum(PRACTICE_SECTIONS), z.string()),
    }),
  ),
});

export type WorkingGroupData = z.infer<typeof workingGroupSchema>;

export const SAMPLE_WORKING_GROUP: WorkingGroupData = workingGroupSchema.parse(fixture);

/**
 * Fill an empty workspace with a working group in plain data, through the model's own API.
 * The plain data's ids are mapped to fresh record ids, so the sample can be opened twice.
 */
export function buildWorkingGroup(ws: Workspace, data: WorkingGroupData = SAMPLE_WORKING_GROUP): void {
  ws.transact('sample.build', () => {
    ws.initialise({ name: data.workspace.name, description: data.workspace.description, createdAt: `${data.workspace.createdAt}T00:00:00.000Z` });
    const memberIds = new Map<string, string>();
    for (const member of data.members) {
      memberIds.set(member.id, ws.members.add({ name: member.name, kind: member.kind, country: member.country, lead: member.lead ?? false }));
    }
    const topicIds = new Map<string, string>();
    const meetingIds = new Map<string, string>();
    for (const meeting of data.meetings) {
      meetingIds.set(
        meeting.id,
        ws.meetings.add({
          title: meeting.title,
          date: meeting.date,
          notes: meeting.notes,
          participants: meeting.participants.flatMap((id) => memberIds.get(id) ?? []),
        }),
      );
    }
    const firstMeeting = data.meetings[0] ? meetingIds.get(data.meetings[0].id) ?? null : null;
    for (const topic of data.topics) {
      const topicId = ws.topics.add(topic.title);
      topicIds.set(topic.id, topicId);
      for (const text of topic.focusPoints) {
        ws.focusPoints.add({ topicId, text, status: 'agreed', meetingId: firstMeeting });
      }
    }
    for (const meeting of data.meetings) {
      const id = meetingIds.get(meeting.id)!;
      for (const topic of meeting.agenda) {
        const topicId = topicIds.get(topic);
        if (topicId) ws.meetings.addToAgenda(id, topicId);
      }
    }
    for (const practice of data.practices) {
      const status = (PRACTICE_STATUSES as readonly string[]).includes(practice.status) ? (practice.status as (typeof PRACTICE_STATUSES)[number]) : 'draft';
      ws.practices.add({
        title: practice.title,
        memberId: memberIds.get(practice.city) ?? null,
        topics: practice.topics.flatMap((topic) => topicIds.get(topic) ?? []),
        status,
        ...practice.sections,
      });
    }
  });
}
