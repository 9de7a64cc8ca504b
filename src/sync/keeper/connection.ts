import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { deriveAccess, type WorkspaceAccess } from '../access';
import { IndexeddbPersistence } from 'y-indexeddb';
import { SealedLog, type Workspace } from '../../model';
import { canWrite, deriveKeeperKeys, keeperToken, type KeeperKeys } from './keys';
import { keeperDatabaseName, keeperMemoryKey } from './local';
import { KeeperSync, memoryIn, memoryInMemory, type KeeperSyncStats, type KeeperTuning } from './sync';

/**
 * A workspace's link to its keepers (docs/keeper.md): the sealed log kept in this browser
 * (IndexedDB), carried to and from each keeper by a Hocuspocus provider, and KeeperSync between
 * the log and the workspace. Loaded only for workspaces that have a keeper (src/state/session.ts).
 */

export interface KeeperSettings {
  /** A link's secret from before view links (keeper protocol version 1: every holder writes). */
  secret?: string;
  /**
   * Or the holder's link (src/sync/access.ts): a `join` link gives version 1, an edit or view
   * link version 2 (entries signed by the writers; a view holder only reads).
   */
  access?: WorkspaceAccess;
  /** ws: or wss: addresses; the same log goes to each. */
  keepers: string[];
  workspaceId: string;
  paused?: boolean;
  /** Keep the log in this browser between sessions (off where there is no IndexedDB). */
  persist?: boolean;
  /** Where this copy remembers what it applied (localStorage in the app). */
  store?: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
  /** Node has no WebSocket before version 22: tests and Node peers pass `ws`. */
  WebSocketPolyfill?: unknown;
  tuning?: Partial<KeeperTuning>;
}

export type KeeperStatus =
  | { kind: 'paused' }
  | { kind: 'offline' }
  | { kind: 'connecting' }
  /** No keeper answers: changes wait in this browser. */
  | { kind: 'unreachable'; addresses: string[] }
  /** A keeper turned the workspace's token away (or, for a writer, took it as read-only: a clock more than 10 minutes off). */
  | { kind: 'refused'; address: string }
  | { kind: 'sending' }
  | { kind: 'up-to-date' }
  | { kind: 'failed'; message: string };

export interface KeeperSnapshot {
  status: KeeperStatus;
  /** When the last change of this browser reached a keeper, ms since epoch. */
  reachedAt: number | null;
  stats: KeeperSyncStats | null;
}

/** An idle link asks the keeper for what it lacks this often. */
const FORCE_SYNC_MS = 20_000;

/** A keeper that has not answered for this long is called unreachable. */
const UNREACHABLE_AFTER_MS = 4_000;

interface Link {
  address: string;
  socket: HocuspocusProviderWebsocket;
  provider: HocuspocusProvider;
  refused: boolean;
}

export class KeeperConnection {
  private log: SealedLog | null = null;
  private sync: KeeperSync | null = null;
  private persistence: IndexeddbPersistence | null = null;
  private links: Link[] = [];
  private paused: boolean;
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private failure: string | null = null;
  private startedAt = Date.now();
  private readonly listeners = new Set<(snapshot: KeeperSnapshot) => void>();
  private readonly cleanups: (() => void)[] = [];
  private destroyed = false;

  constructor(
    private readonly workspace: Workspace,
    private readonly settings: KeeperSettings,
  ) {
    this.paused = settings.paused ?? false;
    if (typeof window !== 'undefined') {
      const onOnline = () => this.setOnline(true);
      const onOffline = () => this.setOnline(false);
      const onHidden = () => {
        if (document.visibilityState !== 'hidden') return;
        this.sync?.stash();
        void this.sync?.flush();
      };
      const onPageHide = () => this.sync?.stash();
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      window.addEventListener('pagehide', onPageHide);
      document.addEventListener('visibilitychange', onHidden);
      this.cleanups.push(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('pagehide', onPageHide);
        document.removeEventListener('visibilitychange', onHidden);
      });
    }
    const timer = setInterval(() => this.emit(), 1_000);
    this.cleanups.push(() => clearInterval(timer));
  }

  async start(): Promise<void> {
    let keys: KeeperKeys;
    try {
      if (this.settings.access) {
        const access = await deriveAccess(this.settings.access);
        keys = await deriveKeeperKeys(access.shared, access.writers);
      } else {
        if (!this.settings.secret) throw new Error('a keeper connection needs the workspace’s secret');
        keys = await deriveKeeperKeys(this.settings.secret);
      }
    } catch {
      this.failure = 'This page was opened without a secure connection (https), so Tavola cannot seal the workspace for its keeper. Open it over https.';
      this.emit();
      return;
    }
    if (this.destroyed) return;
    const log = new SealedLog();
    this.log = log;
    const persist = this.settings.persist ?? typeof indexedDB !== 'undefined';
    if (persist) {
      this.persistence = new IndexeddbPersistence(keeperDatabaseName(this.settings.workspaceId, keys.documentName), log.doc);
      await this.persistence.whenSynced;
      if (this.destroyed) return;
    }
    const store = this.settings.store === undefined ? (typeof localStorage !== 'undefined' ? localStorage : null) : this.settings.store;
    const memory = store ? memoryIn(store, keeperMemoryKey(this.settings.workspaceId, keys.documentName)) : memoryInMemory();
    this.sync = new KeeperSync({
      keys,
      workspace: this.workspace,
      log,
      memory,
      tuning: this.settings.tuning,
      onChange: () => this.emit(),
    });
    await this.sync.start();
    if (this.destroyed) return;
    this.links = this.settings.keepers.map((address) => this.connectTo(address, keys));
    this.startedAt = Date.now();
    this.emit();
  }

  private connectTo(address: string, keys: KeeperKeys): Link {
    const away = this.paused || !this.online;
    const socket = new HocuspocusProviderWebsocket({
      url: address,
      WebSocketPolyfill: this.settings.WebSocketPolyfill,
      maxDelay: 15_000,
      autoConnect: !away,
      // The keeper sends nothing unasked; with no message for this long the socket is taken for dead.
      messageReconnectTimeout: 3 * FORCE_SYNC_MS,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: keys.documentName,
      // Asked at every connection: a writer's proof carries the time (docs/keeper.md, version 2).
      token: () => keeperToken(keys),
      document: this.log!.doc,
      // Presence stays on WebRTC: the keeper learns nothing of who is online beyond connections.
      awareness: null,
      // A small sync step 1 now and then keeps an idle connection alive (and catches a missed update).
      forceSyncInterval: FORCE_SYNC_MS,
    });
    provider.attach();
    const link: Link = { address, socket, provider, refused: false };
    const settle = () => {
      // In step with one keeper is enough to look for gaps and to compact.
      this.sync?.setSynced(this.links.some((l) => l.provider.isSynced) || provider.isSynced);
      // Own entries, of this session or one before it, are all acknowledged.
      if (provider.isSynced && !provider.hasUnsyncedChanges) this.sync?.markReached();
      this.emit();
    };
    provider.on('synced', settle);
    provider.on('unsyncedChanges', settle);
    provider.on('status', settle);
    provider.on('close', () => {
      this.sync?.setSynced(this.links.some((l) => l !== link && l.provider.isSynced));
      this.emit();
    });
    provider.on('authenticationFailed', () => {
      link.refused = true;
      this.emit();
    });
    // A writer the keeper takes as a reader (its proof was too old: a clock off by minutes) would
    // wait for acknowledgements that never come: say so instead.
    const writes = canWrite(keys);
    provider.on('authenticated', ({ scope }: { scope: string }) => {
      link.refused = writes && scope === 'readonly';
      this.emit();
    });
    return link;
  }

  snapshot(): KeeperSnapshot {
    return { status: this.status(), reachedAt: this.sync?.reachedAt ?? null, stats: this.sync?.stats() ?? null };
  }

  private status(): KeeperStatus {
    if (this.failure) return { kind: 'failed', message: this.failure };
    if (this.paused) return { kind: 'paused' };
    if (!this.online) return { kind: 'offline' };
    if (this.links.length === 0) return { kind: 'connecting' };
    const refused = this.links.find((link) => link.refused);
    const reachable = this.links.filter((link) => !link.refused && link.provider.isSynced);
    if (reachable.length === 0) {
      if (refused) return { kind: 'refused', address: refused.address };
      if (Date.now() - this.startedAt < UNREACHABLE_AFTER_MS) return { kind: 'connecting' };
      return { kind: 'unreachable', addresses: this.links.map((link) => link.address) };
    }
    const waiting = (this.sync?.stats().pending ?? 0) > 0 || reachable.some((link) => link.provider.hasUnsyncedChanges);
    return waiting ? { kind: 'sending' } : { kind: 'up-to-date' };
  }

  subscribe(listener: (snapshot: KeeperSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  /** Seal what waits now and resolve when it is in the log (not yet at the keeper). */
  async flush(): Promise<void> {
    await this.sync?.flush();
  }

  /** Resolves when every keeper has everything this copy has sealed (tests, the bench). */
  whenSent(): Promise<void> {
    return new Promise((resolve) => {
      let stop: (() => void) | null = null;
      let done = false;
      const check = () => {
        if (done) return;
        const sent = this.links.length > 0 && this.links.every((link) => link.provider.isSynced && !link.provider.hasUnsyncedChanges) && (this.sync?.stats().pending ?? 1) === 0;
        if (!sent) return;
        done = true;
        stop?.();
        resolve();
      };
      stop = this.subscribe(check);
      if (done) stop();
    });
  }

  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    this.reconnect();
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.reconnect();
  }

  private reconnect(): void {
    const away = this.paused || !this.online;
    for (const link of this.links) {
      if (away) link.socket.disconnect();
      else void link.socket.connect().catch(() => {});
    }
    if (!away) this.startedAt = Date.now();
    this.sync?.setSynced(false);
    this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    await this.sync?.flush();
    for (const cleanup of this.cleanups) cleanup();
    this.listeners.clear();
    this.sync?.destroy();
    for (const link of this.links) {
      link.provider.destroy();
      link.socket.destroy();
    }
    await this.persistence?.destroy();
    this.log?.destroy();
  }
}
