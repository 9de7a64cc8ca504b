/**
 * What a workspace's keeper link keeps in this browser (docs/document.md, "Storage"): the sealed
 * log in an IndexedDB database of its own, and the ids of the entries applied, in localStorage.
 * Small and free of the keeper's client code, so deleting a workspace does not load it.
 */
const DATABASE_PREFIX = 'tavola-keeper-';
const MEMORY_PREFIX = 'tavola.keeper.';

/** One database per workspace and keeper document (a new key means a new log). */
export function keeperDatabaseName(workspaceId: string, documentName: string): string {
  return `${DATABASE_PREFIX}${workspaceId}-${documentName.slice('tavola-k1-'.length, 'tavola-k1-'.length + 16)}`;
}

export function keeperMemoryKey(workspaceId: string, documentName: string): string {
  return `${MEMORY_PREFIX}${workspaceId}.${documentName}`;
}

/** Remove every keeper log and memory of a workspace from this browser. */
export async function deleteKeeperCopies(workspaceId: string): Promise<void> {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(`${MEMORY_PREFIX}${workspaceId}.`)) localStorage.removeItem(key);
    }
  } catch {
    // No storage to clean.
  }
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const names = (await indexedDB.databases().catch(() => [])).map((db) => db.name ?? '').filter((name) => name.startsWith(`${DATABASE_PREFIX}${workspaceId}-`));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}
