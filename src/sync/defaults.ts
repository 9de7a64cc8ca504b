import type { IceServer } from './registry';

// The connection settings a built site uses by default: in their own module, so that screens and
// the session read them without loading the WebRTC transport (sync/peers.ts loads after the
// first paint).

/** Relays a built site uses unless a workspace names its own: VITE_TAVOLA_RELAYS, comma-separated. */
export const DEFAULT_RELAYS: string[] = (import.meta.env.VITE_TAVOLA_RELAYS ?? 'ws://localhost:4444')
  .split(',')
  .map((url: string) => url.trim())
  .filter(Boolean);

/**
 * STUN/TURN servers unless a workspace names its own: VITE_TAVOLA_ICE_SERVERS, comma-separated
 * STUN URLs. None by default: peers on one network connect directly, and no third party learns
 * who meets whom. Groups across firewalls add theirs in the workspace's settings.
 */
export const DEFAULT_ICE_SERVERS: IceServer[] = (import.meta.env.VITE_TAVOLA_ICE_SERVERS ?? '')
  .split(',')
  .map((url: string) => url.trim())
  // TURN needs credentials, which do not belong in a built site: those go in a workspace's settings.
  .filter((url: string) => /^stuns?:/.test(url))
  .map((urls: string) => ({ urls }));
