export declare const FRAME_MARKER: [number, number];
export declare const HEADER_SIZE: number;
export declare const CHUNK_SIZE: number;
export declare const MAX_MESSAGE_SIZE: number;
export declare function frameMessage(message: Uint8Array, messageId: number, chunkSize?: number): Uint8Array[];
export declare function isFrame(bytes: Uint8Array): boolean;
export declare class Reassembler {
  constructor(maxMessageSize?: number);
  push(frame: Uint8Array): Uint8Array | null;
}
export declare class ChunkedPeer {
  constructor(opts: unknown);
  send(data: Uint8Array | ArrayBuffer | string): void;
  destroy(error?: Error): void;
}
export default ChunkedPeer;
