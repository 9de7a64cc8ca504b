import * as z from 'zod/mini';
import type { WorkspaceAccess } from './access';

/**
 * The home screen's list of workspaces kept in this browser. The workspaces themselves live in
 * IndexedDB (one database each); this list only names them, so losing it loses no work.
 */
export const iceServerSchema = z.object({
  urls: z.string(),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
export type IceServer = z.infer<typeof iceServerSchema>;

export const workspaceEntrySchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  name: z.string(),
  createdAt: z.string(),
  openedAt: z.string(),
  /** The share secret (docs/sync.md). Kept only in this browser and in the link. */
  secret: z.optional(z.string()),
  /**
   * What the secret is (src/sync/access.ts): `edit` or `view` (with `verifyKey`); absent for the
   * workspaces made before view links, whose one secret lets every holder write (`join`).
   */
  kind: z.optional(z.enum(['edit', 'view'])),
  /** A view link's writers' verify key. */
  verifyKey: z.optional(z.string()),
  /**
   * Links this browser's member replaced, or was moved on from (docs/sync.md, "Replacing the
   * links"): whoever still holds one is told, and moved along when `move`.
   */
  previous: z.optional(z.array(z.object({ kind: z.enum(['join', 'edit']), secret: z.string(), move: z.boolean() }))),
  /** This browser's link was replaced and it was not moved along: it gets nothing new. */
  replaced: z.optional(z.boolean()),
  /** Signaling relays for this workspace; absent means the app's defaults. */
  relays: z.optional(z.array(z.string())),
  /** Keepers that hold the workspace sealed between calls (docs/keeper.md); absent means none. */
  keepers: z.optional(z.array(z.string())),
  /** STUN/TURN servers for networks that block direct connections; absent means the defaults. */
  iceServers: z.optional(z.array(iceServerSchema)),
  /** The person chose to work offline in this workspace. */
  paused: z.optional(z.boolean()),
});

export type WorkspaceEntry = z.infer<typeof workspaceEntrySchema>;

const KEY = 'tavola.workspaces.v1';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function parseEntries(text: string | null): WorkspaceEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  // Keep every entry that still reads; one damaged entry must not hide the others.
  return raw.flatMap((entry) => {
    const parsed = workspaceEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export class WorkspaceRegistry {
  private listeners = new Set<() => void>();

  constructor(private readonly store: KeyValueStore = localStorage) {
    if (typeof window !== 'undefined') {
      // Another tab changed the list.
      window.addEventListener('storage', (event) => {
        if (event.key === KEY) this.emit();
      });
    }
  }

  /** The stored text last parsed, and what it read as: each row of a topic asks whether it may write. */
  private parsed: { text: string | null; entries: WorkspaceEntry[] } | null = null;

  list(): WorkspaceEntry[] {
    const text = this.store.getItem(KEY);
    if (this.parsed?.text !== text) this.parsed = { text, entries: parseEntries(text) };
    // Copies: callers sort the list and change entries before writing them.
    return this.parsed.entries.map((entry) => ({ ...entry }));
  }

  get(id: string): WorkspaceEntry | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  add(entry: Pick<WorkspaceEntry, 'id' | 'name'> & Partial<WorkspaceEntry>): void {
    const now = new Date().toISOString();
    const rest = this.list().filter((e) => e.id !== entry.id);
    this.write([{ createdAt: now, openedAt: now, ...entry }, ...rest]);
  }

  update(id: string, change: Partial<Omit<WorkspaceEntry, 'id'>>): void {
    const entries = this.list();
    const entry = entries.find((e) => e.id === id);
    if (!entry) return;
    const changed = (Object.keys(change) as (keyof typeof change)[]).some(
      (key) => JSON.stringify(entry[key]) !== JSON.stringify(change[key]),
    );
    if (!changed) return;
    Object.assign(entry, change);
    this.write(entries);
  }

  remove(id: string): void {
    this.write(this.list().filter((e) => e.id !== id));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(entries: WorkspaceEntry[]): void {
    this.store.setItem(KEY, JSON.stringify(entries));
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** How an entry's secret opens its workspace; undefined while it has no secret. */
export function accessOf(entry: WorkspaceEntry): WorkspaceAccess | undefined {
  if (!entry.secret) return undefined;
  if (entry.kind === 'view') return { kind: 'view', secret: entry.secret, ...(entry.verifyKey ? { verifyKey: entry.verifyKey } : {}) };
  return { kind: entry.kind ?? 'join', secret: entry.secret };
}
