import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { Workspace, WorkspaceMeta } from '../model';
import type { KeeperConnection } from '../sync/keeper/connection';
import { newSecret } from '../sync/link';
import { DEFAULT_ICE_SERVERS, DEFAULT_RELAYS } from '../sync/defaults';
import type { PeerConnection } from '../sync/peers';
import { openStoredWorkspace, storedWorkspaceExists, UnreadableStoredCopy, type StoredWorkspace } from '../sync/persistence';
import { registry } from './registry';
import { accessOf, type WorkspaceEntry } from '../sync/registry';
import type { MoveOutcome, WorkspaceAccess } from '../sync/access';
import { guardViewOnly } from './access';

/** What identifies the secret a workspace's room is joined with: a new one means a new room. */
function accessKey(entry: WorkspaceEntry | undefined): string | undefined {
  return entry?.secret ? `${entry.kind ?? 'join'}:${entry.secret}:${entry.verifyKey ?? ''}` : undefined;
}

/** This browser holds only the workspace's view link: it shows everything and changes nothing. */
export function isViewOnly(id: string): boolean {
  return registry.get(id)?.kind === 'view';
}

/**
 * One open copy of each workspace per tab, shared by every screen that shows it (two
 * persistence instances on one doc duplicate work: y-indexeddb #25).
 */
interface OpenEntry {
  promise: Promise<StoredWorkspace>;
  users: number;
  closeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The workspace's room, once a screen showed it (one provider per room per tab: y-webrtc #47). */
  peers: Accessor<PeerConnection | null>;
  setPeers: (peers: PeerConnection | null) => void;
  /** The workspace's keepers, when it has any (loaded only then: docs/keeper.md). */
  keeper: Accessor<KeeperConnection | null>;
  setKeeper: (keeper: KeeperConnection | null) => void;
  /** The secret (and its kind) the room was joined with. */
  secret?: string;
  /** Bumped at each start, so a keeper module that loads after a restart is not started twice. */
  keeperStart?: object;
  /** The same for the WebRTC transport, loaded on first use rather than with the page. */
  peersStart?: object;
}

const open = new Map<string, OpenEntry>();

export function acquireWorkspace(id: string): { ready: Promise<StoredWorkspace>; release: () => void } {
  let entry = open.get(id);
  if (!entry) {
    const [peers, setPeers] = createSignal<PeerConnection | null>(null);
    const [keeper, setKeeper] = createSignal<KeeperConnection | null>(null);
    // A view-only copy refuses every write from the moment it opens (access.ts).
    const promise = openStoredWorkspace(id).then((stored) => (guardViewOnly(stored.workspace, id), stored));
    entry = { promise, users: 0, closeTimer: undefined, peers, setPeers, keeper, setKeeper };
    open.set(id, entry);
  }
  const current = entry;
  current.users++;
  if (current.closeTimer) clearTimeout(current.closeTimer);
  current.closeTimer = undefined;
  let released = false;
  return {
    ready: current.promise,
    release() {
      if (released) return;
      released = true;
      current.users--;
      if (current.users > 0) return;
      // Keep it a moment so moving between screens of one workspace does not reopen it.
      current.closeTimer = setTimeout(() => {
        if (current.users > 0 || open.get(id) !== current) return;
        open.delete(id);
        const stopped = stopPeers(current);
        void current.promise.then(async (stored) => {
          await stopped;
          await stored.close();
        });
      }, 2_000);
    },
  };
}

/** Close a workspace now, whoever uses it (before deleting its data). */
export async function closeWorkspaceNow(id: string): Promise<void> {
  const entry = open.get(id);
  if (!entry) return;
  open.delete(id);
  if (entry.closeTimer) clearTimeout(entry.closeTimer);
  await stopPeers(entry);
  await (await entry.promise).close();
}

/** Leave the room and the keepers; resolves when what waited has been sealed into the local log. */
function stopPeers(entry: OpenEntry): Promise<void> {
  entry.peersStart = undefined;
  entry.peers()?.destroy();
  entry.setPeers(null);
  const keeper = entry.keeper();
  entry.setKeeper(null);
  entry.keeperStart = undefined;
  return keeper ? keeper.destroy().catch(() => undefined) : Promise.resolve();
}

/**
 * The workspace's connection to its partners, started on first use and kept while the workspace
 * is open in this tab. Settings come from this browser's list of workspaces.
 */
export function peersOf(id: string, workspace: Workspace): Accessor<PeerConnection | null> {
  const entry = open.get(id);
  if (!entry) return () => null;
  if (!entry.peers() && !entry.peersStart) startPeers(id, entry, workspace);
  // A link with a new key was accepted while the workspace was still open: join the new room.
  else if (entry.secret !== accessKey(registry.get(id))) restartPeers(id, workspace);
  return entry.peers;
}

/**
 * A genuine move for this browser's link was heard (docs/sync.md, "Replacing the links"): an edit
 * holder takes the new edit secret and keeps the old one to move others along in turn; a holder
 * who is not moved along is marked replaced. Returns whether the room changes.
 */
function followMove(id: string, outcome: NonNullable<MoveOutcome>): boolean {
  const known = registry.get(id);
  const old = known && accessOf(known);
  if (!known || !old) return false;
  if (outcome.kind === 'replaced' || old.kind === 'view') {
    registry.update(id, { replaced: true });
    return false;
  }
  if (outcome.secret === old.secret) return false;
  registry.update(id, { secret: outcome.secret, kind: 'edit', replaced: undefined, previous: [...(known.previous ?? []), { kind: old.kind, secret: old.secret, move: true }] });
  return true;
}

/**
 * Replace the workspace's links (issue 14): a new edit secret, so a new room, view link and keeper
 * document; the old links get nothing new. This browser keeps the old secret to tell whoever still
 * holds an old link, and, when `moveMembers`, to give holders of the old edit link the new one.
 */
export async function replaceLinks(id: string, options: { moveMembers: boolean }): Promise<void> {
  const known = registry.get(id);
  const old = known && accessOf(known);
  if (!known || !old || old.kind === 'view') throw new Error('only a holder of the edit link can replace the links');
  registry.update(id, { secret: newSecret(), kind: 'edit', replaced: undefined, previous: [...(known.previous ?? []), { kind: old.kind, secret: old.secret, move: options.moveMembers }] });
  const entry = open.get(id);
  if (entry) restartPeers(id, (await entry.promise).workspace);
}

/** Reconnect with the current settings (after they changed). */
export function restartPeers(id: string, workspace: Workspace): void {
  const entry = open.get(id);
  if (!entry) return;
  stopPeers(entry);
  startPeers(id, entry, workspace);
}

function startPeers(id: string, entry: OpenEntry, workspace: Workspace): void {
  const known = registry.get(id);
  if (!known) return;
  let access = accessOf(known);
  if (!access) {
    // Made before workspaces could be shared: give it its secret now.
    access = { kind: 'edit', secret: newSecret() };
    registry.update(id, { secret: access.secret, kind: 'edit' });
  }
  entry.secret = accessKey(registry.get(id));
  const start = {};
  entry.peersStart = start;
  const settings = {
    access,
    relays: known.relays ?? DEFAULT_RELAYS,
    iceServers: known.iceServers ?? DEFAULT_ICE_SERVERS,
    paused: known.paused ?? false,
    workspaceId: id,
    previous: known.previous ?? [],
    onMove: (outcome: NonNullable<MoveOutcome>) => {
      if (followMove(id, outcome)) restartPeers(id, workspace);
    },
  };
  // The transport (about 12 KB) is not in the page: the workspace shows from this browser's
  // copy first, and the connection starts as soon as its code is here (offline: from the cache).
  void import('../sync/peers').then(({ PeerConnection }) => {
    if (entry.peersStart !== start || open.get(id) !== entry) return;
    const peers = new PeerConnection(workspace, settings);
    entry.setPeers(peers);
    void peers.start();
  });
  if (known.keepers && known.keepers.length > 0) startKeeper(id, entry, workspace, { access, keepers: known.keepers, paused: known.paused ?? false });
}

/** The keeper's client code loads only for a workspace that has a keeper. */
function startKeeper(id: string, entry: OpenEntry, workspace: Workspace, settings: { access: WorkspaceAccess; keepers: string[]; paused: boolean }): void {
  const start = {};
  entry.keeperStart = start;
  void import('../sync/keeper/connection').then(({ KeeperConnection }) => {
    if (entry.keeperStart !== start || open.get(id) !== entry) return;
    const keeper = new KeeperConnection(workspace, { ...settings, workspaceId: id });
    entry.setKeeper(keeper);
    void keeper.start();
  });
}

/** The workspace's keepers (null when it has none, or before they are loaded). */
export function keeperOf(id: string): Accessor<KeeperConnection | null> {
  return open.get(id)?.keeper ?? (() => null);
}

export type WorkspaceState =
  | { kind: 'loading' }
  | { kind: 'ready'; workspace: Workspace }
  | { kind: 'missing' }
  | {
      kind: 'failed';
      message: string;
      /** The browser's own words (IndexedDB's), shown inside the person's sentence. */
      reason: string;
      /** A stored change could not be read (persistence.ts): said in plain words, without the reason. */
      damaged: boolean;
    };

/** Open a workspace for as long as the calling component lives; follows `id` when it changes. */
export function createWorkspace(id: Accessor<string>): Accessor<WorkspaceState> {
  const [state, setState] = createSignal<WorkspaceState>({ kind: 'loading' });
  createEffect(
    on(id, (workspaceId) => {
      setState({ kind: 'loading' });
      let active = true;
      let release: (() => void) | undefined;
      onCleanup(() => {
        active = false;
        release?.();
      });
      void (async () => {
        // Opening storage creates it: look first, so a stale address leaves nothing behind.
        if (!registry.get(workspaceId) && !(await storedWorkspaceExists(workspaceId))) {
          if (active) setState({ kind: 'missing' });
          return;
        }
        if (!active) return;
        const handle = acquireWorkspace(workspaceId);
        release = handle.release;
        try {
          const stored = await handle.ready;
          if (!active) return;
          const kind = stored.workspace.compatibility().kind;
          if (!registry.get(workspaceId)) {
            if (kind === 'empty') {
              setState({ kind: 'missing' });
              return;
            }
            // Stored here but missing from the home list (the list was cleared): list it again.
            registry.add({ id: workspaceId, name: stored.workspace.meta().name });
          }
          // A view-only copy never writes: the writers' copies migrate, and it receives theirs.
          if (kind === 'ok' && !isViewOnly(workspaceId)) stored.workspace.migrate();
          registry.update(workspaceId, { openedAt: new Date().toISOString() });
          setState({ kind: 'ready', workspace: stored.workspace });
        } catch (error) {
          if (!active) return;
          setState({
            kind: 'failed',
            message: `This browser could not open its stored copy of the workspace${error instanceof Error && error.message ? ` (${error.message})` : ''}.`,
            reason: error instanceof Error ? error.message : '',
            damaged: error instanceof UnreadableStoredCopy,
          });
        }
      })();
    }),
  );
  return state;
}

/** The workspace's name, description and version, following every change; keeps the home list's name in step. */
export function createMeta(workspace: Workspace, workspaceId: string): Accessor<WorkspaceMeta> {
  const [meta, setMeta] = createSignal(workspace.meta(), { equals: false });
  const stop = workspace.observeMeta(() => {
    const next = workspace.meta();
    setMeta(next);
    registry.update(workspaceId, { name: next.name });
  });
  onCleanup(stop);
  return meta;
}
