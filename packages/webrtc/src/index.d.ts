export { WebrtcProvider, WebrtcConn, Room, SignalingConn, type ProviderOptions, type WebrtcProviderEvents } from './y-webrtc.js';
export * from './chunked-peer.js';
export * from './writers.js';
export { ChunkedPeer as default } from './chunked-peer.js';
export declare class NoWebrtcError extends Error {}
export declare function webrtcImplementation(wrtc: unknown): { RTCPeerConnection: unknown } | null;
/** On a channel the partner opened: how long a peer waits for the partner's first message before it sends anyway. */
export declare const FIRST_MESSAGE_WAIT_MS: number;
export declare class WebrtcPeer {
  constructor(opts?: { initiator?: boolean; config?: RTCConfiguration; channelConfig?: RTCDataChannelInit; wrtc?: unknown; [key: string]: unknown });
  readonly initiator: boolean;
  readonly connected: boolean;
  readonly bufferSize: number;
  destroyed: boolean;
  signal(data: unknown): void;
  send(data: Uint8Array | ArrayBuffer | string): void;
  destroy(error?: Error): void;
  on(event: string, listener: (...args: any[]) => void): void;
  off(event: string, listener: (...args: any[]) => void): void;
}
export declare const MESH_FIELD: 'webrtcLinks';
export declare const BC_ORIGIN: 'broadcastchannel';
export declare const STEP1_INTERVAL_MS: number;
export declare class Mesh {
  constructor(room: unknown, sendToTabs: (room: unknown, message: Uint8Array) => unknown);
  links: Map<string, Set<string>>;
  linked(a: string, b: string): boolean;
  ownLinks(): string[];
}
