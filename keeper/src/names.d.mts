/** "tavola-k1-" + base64url(SHA-256(utf8("tavola/keeper/document/v1/" + token))), no padding. */
export function documentNameFor(token: string): Promise<string>;
/** "tavola-k2-" + base64url(SHA-256(utf8("tavola/keeper/document/v2/" + token + "/" + verifyKey))), no padding. */
export function documentNameForV2(token: string, verifyKey: string): Promise<string>;
/** A 32-byte token in base64url without padding (43 characters). */
export function isWellFormedToken(token: unknown): token is string;
export function isWellFormedDocumentName(name: unknown): name is string;
/** A writer's proof is accepted this long either side of the keeper's clock. */
export const PROOF_WINDOW_SECONDS: number;
/** null: refused; otherwise whether the connection may write (docs/keeper.md, version 2). */
export function accessFor(token: unknown, documentName: unknown, now?: number): Promise<{ write: boolean } | null>;
