import * as z from 'zod/mini';
import type { Awareness } from 'y-protocols/awareness';

/**
 * What each person shares with the others in the room (Yjs awareness): who they are and what
 * they are editing. A peer can send anything, so every remote state is validated here and a state
 * that does not fit is ignored.
 */
export const EDITABLE_KINDS = ['focusPoint', 'topic', 'meeting', 'practice', 'workspace'] as const;

const colorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/));

export const profileSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  organisation: z.string().check(z.maxLength(120)),
  color: colorSchema,
});
export type Profile = z.infer<typeof profileSchema>;

/** A Yjs relative position as JSON (CoText.anchorAt); only its shape is checked here. */
const anchorSchema = z.looseObject({
  type: z.optional(z.nullable(z.looseObject({ client: z.number(), clock: z.number() }))),
  tname: z.optional(z.nullable(z.string().check(z.maxLength(100)))),
  item: z.optional(z.nullable(z.looseObject({ client: z.number(), clock: z.number() }))),
  assoc: z.optional(z.number()),
});

export const editingSchema = z.object({
  kind: z.enum(EDITABLE_KINDS),
  id: z.string().check(z.maxLength(64)),
  field: z.optional(z.string().check(z.maxLength(40))),
  /** The person's selection in that field: where it starts (anchor) and where the caret is (head). */
  anchor: z.optional(anchorSchema),
  head: z.optional(anchorSchema),
});
export type EditingTarget = z.infer<typeof editingSchema>;

const presenceStateSchema = z.object({
  user: profileSchema,
  editing: z.optional(z.nullable(editingSchema)),
  /**
   * `true` from a person who holds only the view link (issue 14); absent (peers from before view
   * links, and editors) means an editor. Self-declared like the rest of presence: it says who is
   * watching, it grants nothing. What a peer may change is decided by the writers' handshake
   * (packages/webrtc/src/writers.js), never by this field.
   */
  viewing: z.optional(z.nullable(z.boolean())),
});

export interface Participant extends Profile {
  clientId: number;
  editing: EditingTarget | null;
  /** This person holds only the view link: they follow along and change nothing. */
  viewing: boolean;
  self: boolean;
}

/** Everyone in the room whose state reads, this person first. */
export function readParticipants(awareness: Awareness): Participant[] {
  const participants: Participant[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const parsed = presenceStateSchema.safeParse(state);
    if (!parsed.success) return;
    participants.push({ ...parsed.data.user, clientId, editing: parsed.data.editing ?? null, viewing: parsed.data.viewing === true, self: clientId === awareness.clientID });
  });
  return participants.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

export function setLocalProfile(awareness: Awareness, profile: Profile): void {
  awareness.setLocalStateField('user', profile);
}

/** Tell the room this person only views (true) or edits (false: the field is left out, as from a peer before view links). */
export function setLocalViewing(awareness: Awareness, viewing: boolean): void {
  const current = awareness.getLocalState()?.['viewing'] === true;
  if (current !== viewing) awareness.setLocalStateField('viewing', viewing ? true : undefined);
}

export function setLocalEditing(awareness: Awareness, editing: EditingTarget | null): void {
  // y-protocols sends every set to every peer, an unchanged one too. Typing leaves a caret's
  // anchors as they were (each is the character after it, or the text's end: the text grows
  // before it), so announcing it at each keystroke sent the same state ten times a second to
  // every partner (in a call of ten, the typist's busiest work after the typing itself).
  const current = awareness.getLocalState()?.['editing'] ?? null;
  if (JSON.stringify(current) === JSON.stringify(editing)) return;
  awareness.setLocalStateField('editing', editing);
}

export function observeParticipants(awareness: Awareness, listener: () => void): () => void {
  const handler = () => listener();
  awareness.on('change', handler);
  return () => awareness.off('change', handler);
}

/**
 * Colours for people's initials, carets and names. Each carries text at 4.5:1 in white or in the
 * ink colour (src/ui/shell/person-colour.ts chooses; the violet was #9467bd, 4.3:1 at best).
 */
export const PERSON_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#8a5cc0', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#3f51b5'];

const PROFILE_KEY = 'tavola.profile.v1';

/** The person's name and organisation, asked once and kept in this browser. */
export function loadProfile(store: Pick<Storage, 'getItem'> = localStorage): Profile | null {
  try {
    const parsed = profileSchema.safeParse(JSON.parse(store.getItem(PROFILE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveProfile(profile: Profile, store: Pick<Storage, 'setItem'> = localStorage): void {
  store.setItem(PROFILE_KEY, JSON.stringify(profileSchema.parse(profile)));
}

export function randomColor(): string {
  return PERSON_COLORS[Math.floor(Math.random() * PERSON_COLORS.length)]!;
}
