import { WebrtcProvider, importVerifyKey, type Writers } from '@tavola/webrtc';
import { Awareness } from 'y-protocols/awareness';
import { LocalAction, type Workspace } from '../model';
import { stateForNewPeer } from '../model/new-peer';
import { KeyCheck, keyCheckFor, type ProviderLike } from './key-check';
import { deriveAccess, openMove, sealMove, type AccessKeys, type Move, type MoveOutcome, type PreviousAccess, type WorkspaceAccess } from './access';
import type { IceServer } from './registry';
import { markPartnersOrigin } from './origins';

export { DEFAULT_ICE_SERVERS, DEFAULT_RELAYS } from './defaults';

export interface PeerSettings {
  /** The holder's link (src/sync/access.ts): the room, password and writers' keys come from it. */
  access: WorkspaceAccess;
  relays: string[];
  iceServers: IceServer[];
  /** Start paused (the person chose to work offline). */
  paused?: boolean;
  /** The workspace's id: with it, a partner with another key is noticed (src/sync/key-check.ts). */
  workspaceId?: string;
  /** Links this member replaced: whoever still holds one is told, and moved along when allowed. */
  previous?: PreviousAccess[];
  /** A genuine move for this holder's own link was heard (docs/sync.md, "Replacing the links"). */
  onMove?: (outcome: NonNullable<MoveOutcome>) => void;
}

export type ConnectionStatus =
  | { kind: 'paused' }
  | { kind: 'offline' }
  | { kind: 'connecting' }
  | { kind: 'relay-unreachable'; relays: string[] }
  | { kind: 'looking' }
  /** Someone with this workspace's link but another key is online; no partner is connected. */
  | { kind: 'wrong-key' }
  | { kind: 'connected'; peers: number }
  | { kind: 'failed'; message: string };

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Other tabs of this browser on the same workspace. */
  tabs: number;
  /** When the last change from a partner (or another tab) arrived, ms since epoch. */
  lastRemoteChangeAt: number | null;
}

/** Internals of y-webrtc 10.3.0 we read for the status line (not in its typings). */
interface RoomInternals {
  webrtcConns: Map<string, { connected: boolean }>;
  bcConns: Set<string>;
}
interface SignalingInternals {
  url: string;
  connected: boolean;
}

/**
 * A workspace's place in its peer-to-peer room: y-webrtc with the room name and password derived
 * from the share secret (docs/sync.md), our chunking transport underneath, and a plain status.
 */
export class PeerConnection {
  readonly awareness: Awareness;
  private provider: WebrtcProvider | null = null;
  private paused: boolean;
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private lastRemoteChangeAt: number | null = null;
  private readonly listeners = new Set<(snapshot: ConnectionSnapshot) => void>();
  private readonly cleanups: (() => void)[] = [];
  private destroyed = false;
  private startedAt = Date.now();
  private failure: string | null = null;
  /** This person's presence, kept across a disconnect (y-webrtc clears it and never puts it back). */
  private savedPresence: Record<string, unknown> | null = null;
  private keyCheck: KeyCheck | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly settings: PeerSettings,
  ) {
    this.awareness = new Awareness(workspace.doc);
    // Carry on from the last connection's presence clock (see presenceClocks).
    const clock = presenceClocks.get(workspace.doc);
    if (clock !== undefined) this.awareness.meta.set(this.awareness.clientID, { clock: clock + 1, lastUpdated: Date.now() });
    this.paused = settings.paused ?? false;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (this.provider && origin === (this.provider as unknown as { room: unknown }).room) {
        this.lastRemoteChangeAt = Date.now();
        this.emit();
      }
    };
    workspace.doc.on('update', onUpdate);
    this.cleanups.push(() => workspace.doc.off('update', onUpdate));
    if (typeof window !== 'undefined') {
      const onOnline = () => this.setOnline(true);
      const onOffline = () => this.setOnline(false);
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      this.cleanups.push(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      });
    }
    // The status line reads a few of y-webrtc's fields; a timer keeps it true between events.
    const timer = setInterval(() => this.emit(), 1_000);
    this.cleanups.push(() => clearInterval(timer));
  }

  /** Join the room (derives the room name first). */
  async start(): Promise<void> {
    let keys: AccessKeys;
    let writers: Writers | undefined;
    let keyCheck: KeyCheck | null = null;
    const { workspaceId } = this.settings;
    try {
      keys = await deriveAccess(this.settings.access);
      if (keys.writers) writers = { room: keys.room, verifyKey: await importVerifyKey(keys.writers.verifyKey), signingKey: keys.writers.signingKey };
      keyCheck = workspaceId
        ? new KeyCheck({
            workspaceId,
            secret: keys.shared,
            onChange: () => this.emit(),
            alone: () => this.snapshot().status.kind !== 'connected',
            moves: await this.movesFor(workspaceId),
            onMove: (move) => {
              void openMove(this.settings.access, move).then((outcome) => {
                if (outcome && !this.destroyed) this.settings.onMove?.(outcome);
              });
            },
          })
        : null;
      await keyCheck?.prepare();
    } catch {
      // No WebCrypto: the page was opened over plain http from another machine.
      this.failure = 'This page was opened without a secure connection (https), so Tavola cannot encrypt the connection to partners. Open it over https.';
      this.emit();
      return;
    }
    if (this.destroyed) return;
    this.keyCheck = keyCheck;
    const away = this.paused || !this.online;
    this.provider = new WebrtcProvider(keys.room, this.workspace.doc, {
      // Working offline: not even the relay hears from us until the person goes online.
      signaling: away ? [] : this.settings.relays,
      password: keys.password,
      awareness: this.awareness,
      // tavola: what chunked-peer.js needs for its checks on partners' messages (docs/sync.md, "Limits").
      // writers: in a workspace with view links, only partners who prove they may write change it (docs/sync.md).
      peerOpts: { config: { iceServers: this.settings.iceServers }, tavola: { doc: this.workspace.doc, awareness: this.awareness, origin: () => this.partnersOrigin(), writers, wholeState: () => stateForNewPeer(this.workspace) } },
    });
    const onPeers = () => this.emit();
    this.provider.on('peers', onPeers);
    if (away) this.disconnectKeepingPresence();
    else this.keyCheck?.attach(this.provider as unknown as ProviderLike);
    this.startedAt = Date.now();
    this.emit();
  }

  /** For each replaced link, its key check and its move, sealed once for this session. */
  private async movesFor(workspaceId: string): Promise<{ check: string; move: () => Promise<Move> }[]> {
    const current = this.settings.access;
    if (current.kind !== 'edit') return [];
    return Promise.all(
      (this.settings.previous ?? []).map(async (old) => {
        const check = await keyCheckFor(workspaceId, (await deriveAccess(old)).shared);
        let sealed: Promise<Move> | null = null;
        return { check, move: () => (sealed ??= sealMove(old, check, { secret: current.secret })) };
      }),
    );
  }

  snapshot(): ConnectionSnapshot {
    const room = (this.provider as unknown as { room: RoomInternals | null } | null)?.room ?? null;
    const peers = room ? [...room.webrtcConns.values()].filter((conn) => conn.connected).length : 0;
    const tabs = room ? room.bcConns.size : 0;
    return { status: this.status(peers), tabs, lastRemoteChangeAt: this.lastRemoteChangeAt };
  }

  private status(peers: number): ConnectionStatus {
    if (this.failure) return { kind: 'failed', message: this.failure };
    if (this.paused) return { kind: 'paused' };
    if (!this.online) return { kind: 'offline' };
    if (!this.provider) return { kind: 'connecting' };
    if (peers > 0) return { kind: 'connected', peers };
    const relays = this.provider.signalingConns as unknown as SignalingInternals[];
    if (relays.some((relay) => relay.connected)) return this.keyCheck?.mismatch() ? { kind: 'wrong-key' } : { kind: 'looking' };
    // Give the relay a moment before calling it unreachable.
    if (Date.now() - this.startedAt < 4_000) return { kind: 'connecting' };
    return { kind: 'relay-unreachable', relays: this.settings.relays };
  }

  subscribe(listener: (snapshot: ConnectionSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  /** Stop or resume exchanging changes with partners; edits keep being saved locally. */
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
    if (!this.provider) return;
    if (this.paused || !this.online) {
      this.disconnectKeepingPresence();
    } else {
      // y-webrtc keeps the signaling connections of every connect() call; start from a clean list.
      this.provider.signalingConns.length = 0;
      this.provider.signalingUrls = this.settings.relays;
      this.provider.connect();
      this.keyCheck?.attach(this.provider as unknown as ProviderLike);
      if (this.savedPresence && !this.awareness.getLocalState()) this.awareness.setLocalState(this.savedPresence);
      this.startedAt = Date.now();
    }
    this.emit();
  }

  private disconnectKeepingPresence(): void {
    const presence = this.awareness.getLocalState();
    if (presence) this.savedPresence = presence;
    this.keyCheck?.detach();
    this.provider?.disconnect();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  /** What partners' changes are applied with (y-webrtc's room, made once its key is derived): storage may batch them. */
  private partnersOrigin(): object | undefined {
    const room = (this.provider as unknown as { room: object | null } | null)?.room ?? undefined;
    if (room) markPartnersOrigin(room);
    return room;
  }

  destroy(): void {
    this.destroyed = true;
    for (const cleanup of this.cleanups) cleanup();
    this.listeners.clear();
    this.keyCheck?.destroy();
    this.provider?.destroy();
    this.awareness.destroy();
    presenceClocks.set(this.workspace.doc, this.awareness.meta.get(this.awareness.clientID)?.clock ?? 0);
  }
}

/**
 * The last presence clock of each document's connection. A connection made again for the same
 * document (new settings, a view link upgraded to edit) has the same client id, and partners
 * ignore presence whose clock is not above the last they saw from that id (y-protocols'
 * applyAwarenessUpdate): a new Awareness starting at 0 stayed unseen until it passed the old clock.
 */
const presenceClocks = new WeakMap<object, number>();

/** Transactions that came from this person, not from a partner, storage or another tab. */
export function isLocalOrigin(origin: unknown): boolean {
  return origin instanceof LocalAction;
}
