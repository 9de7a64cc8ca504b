export declare const WRITERS_MESSAGE: number;
export declare const CHALLENGE: number;
export declare const PROOF: number;
export declare const VIEWER: number;
export declare const NONCE_BYTES: number;
export declare const SIGNATURE_BYTES: number;
export declare const PROOF_TIMEOUT_MS: number;
/** The room's writers, as a peer gets them in `peerOpts.tavola.writers`. */
export interface Writers {
  room: string;
  verifyKey: CryptoKey;
  /** Present for a writer: its proofs are signed with it. */
  signingKey: CryptoKey | null;
}
export declare function importVerifyKey(raw: Uint8Array): Promise<CryptoKey>;
export declare function fingerprintOf(sdp: string | undefined | null): string;
export declare function proofBytes(room: string, prover: string, verifier: string, nonce: Uint8Array): Uint8Array;
export declare function sign(signingKey: CryptoKey, bytes: Uint8Array): Promise<Uint8Array>;
export declare function verify(verifyKey: CryptoKey, signature: Uint8Array, bytes: Uint8Array): Promise<boolean>;
export declare function writersMessage(kind: number, body?: Uint8Array): Uint8Array;
export declare function parseWritersMessage(message: Uint8Array): { kind: 'challenge'; nonce: Uint8Array } | { kind: 'proof'; signature: Uint8Array } | { kind: 'viewer' };
