import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

export declare const FRAME_MARKER: [number, number];
export declare const HEADER_SIZE: number;
export declare const CHUNK_SIZE: number;
export declare const MAX_MESSAGE_SIZE: number;
export declare const MAX_REASSEMBLY_BYTES: number;
export declare const FRAME_IDLE_TIMEOUT_MS: number;
export declare const MAX_OUTBOX_BYTES: number;
export declare const MESSAGE_BURST: number;
export declare const MESSAGES_PER_SECOND: number;
export declare const STEP1_BURST: number;
export declare const STEP1_REFILL_MS: number;
export declare const MAX_AWARENESS_CLIENTS: number;
export declare const MAX_AWARENESS_STATE_BYTES: number;
export declare const MAX_PENDING_BYTES: number;
export declare const PENDING_TIMEOUT_MS: number;
export declare const BATCH_MAX_UPDATES: number;
export declare const BATCH_MAX_BYTES: number;
export declare const SILENT_LINK_MS: number;
/** How many times a partner may challenge this side on one connection (the second at its proof's deadline). */
export declare const MAX_CHALLENGES: number;
export declare function frameMessage(message: Uint8Array, messageId: number, chunkSize?: number): Uint8Array[];
export declare function frameHeader(messageId: number, index: number, count: number, total: number, part: Uint8Array): Uint8Array;
export declare function isFrame(bytes: Uint8Array): boolean;
export declare function varUintBytes(value: number): number[];
export declare function syncMessage(syncType: number, payload: Uint8Array): Uint8Array;
/** Y.applyUpdate; a whole document into an empty one gives its `update` listeners the received bytes (chunked-peer.js). */
export declare function applyReceived(doc: Y.Doc, update: Uint8Array, origin: unknown): void;
export interface ReassemblyBudget {
  used: number;
  max: number;
}
export declare const sharedReassemblyBudget: ReassemblyBudget;
export type ParsedMessage =
  | { type: 'step1'; empty: boolean }
  | { type: 'step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; clients: { clientID: number; clock: number; state: unknown }[] }
  | { type: 'queryAwareness' };
export declare function parseMessage(message: Uint8Array): ParsedMessage;
export declare class Reassembler {
  constructor(maxMessageSize?: number, budget?: ReassemblyBudget);
  readonly held: number;
  reset(): void;
  push(frame: Uint8Array): Uint8Array | null;
}
export interface PeerGuard {
  doc: Y.Doc;
  awareness: Awareness;
  origin?: () => unknown;
  /** A room with writers: only partners that prove they hold the signing key change the document (writers.js). */
  writers?: import('./writers.js').Writers;
  /**
   * Answers a partner who holds nothing (a sync step 1 with an empty state vector): updates that,
   * applied in order to an empty document, make this one; the first goes as the sync step 2, the
   * others as updates. Null: y-webrtc encodes the document, as always.
   */
  wholeState?: () => Uint8Array[] | null;
}
export declare class ChunkedPeer {
  constructor(opts: unknown);
  /** Why this peer was dropped, once it was. */
  droppedFor: string | null;
  /** Whole messages received from the peer, and of them document updates (sync type 2). */
  readonly received: { messages: number; updates: number };
  /** In a room with writers: what the partner proved ('unknown' until its proof or its word that it views). */
  readonly partnerRole: 'unknown' | 'writer' | 'viewer';
  /** Changes from a partner that proved nothing, not applied. */
  readonly ignoredUpdates: number;
  /** From this side's challenge to knowing the partner's role, ms. */
  readonly settledMs: number | null;
  /** simple-peer's: whether the data channel is open. */
  readonly connected: boolean;
  /** simple-peer's: closed for good; `destroying` until the close has run (a microtask). */
  readonly destroyed: boolean;
  readonly destroying: boolean;
  send(data: Uint8Array | ArrayBuffer | string): void;
  destroy(error?: Error): void;
  /** WebrtcPeer's events ('signal', 'connect', 'data', 'error', 'close'). */
  on(event: string, listener: (...args: any[]) => void): this;
}
export default ChunkedPeer;
