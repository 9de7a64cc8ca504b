import * as z from 'zod/mini';

/**
 * The home screen's list of workspaces kept in this browser. The workspaces themselves live in
 * IndexedDB (one database each); this list only names them, so losing it loses no work.
 */
export const workspaceEntrySchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  name: z.string(),
  createdAt: z.string(),
  openedAt: z.string(),
});

export type WorkspaceEntry = z.infer<typeof workspaceEntrySchema>;

const KEY = 'tavola.workspaces.v1';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
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

  list(): WorkspaceEntry[] {
    let raw: unknown;
    try {
      raw = JSON.parse(this.store.getItem(KEY) ?? '[]');
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

  get(id: string): WorkspaceEntry | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  add(entry: { id: string; name: string }): void {
    const now = new Date().toISOString();
    const rest = this.list().filter((e) => e.id !== entry.id);
    this.write([{ id: entry.id, name: entry.name, createdAt: now, openedAt: now }, ...rest]);
  }

  update(id: string, change: Partial<Pick<WorkspaceEntry, 'name' | 'openedAt'>>): void {
    const entries = this.list();
    const entry = entries.find((e) => e.id === id);
    if (!entry) return;
    if ((change.name === undefined || change.name === entry.name) && change.openedAt === undefined) return;
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
