/** "tavola-k1-" + base64url(SHA-256(utf8("tavola/keeper/document/v1/" + token))), no padding. */
export function documentNameFor(token: string): Promise<string>;
/** A 32-byte token in base64url without padding (43 characters). */
export function isWellFormedToken(token: unknown): token is string;
export function isWellFormedDocumentName(name: unknown): name is string;
