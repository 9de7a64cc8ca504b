/**
 * The origins partners' changes are applied with: a WebRTC room (y-webrtc's), the keepers'. What
 * comes with one of them is a partner's, which storage may keep a moment and store together with
 * others (persistence.ts); everything else (this person's edits, a backup, the journal) is stored
 * at once.
 */
const partnersOrigins = new WeakSet<object>();

export function markPartnersOrigin(origin: object): void {
  partnersOrigins.add(origin);
}

export function isPartnersOrigin(origin: unknown): boolean {
  return typeof origin === 'object' && origin !== null && partnersOrigins.has(origin);
}
