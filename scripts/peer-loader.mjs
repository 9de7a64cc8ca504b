// Node module hook: gives y-webrtc Tavola's chunking peer, as the Vite build does.
// Use: node --import ./scripts/register-peer-loader.mjs your-script.mjs
import { isYWebrtcPeerImport, TRANSPORT_URL } from '../src/sync/transport.mjs';

export async function resolve(specifier, context, nextResolve) {
  if (isYWebrtcPeerImport(specifier, context.parentURL && new URL(context.parentURL).pathname)) {
    return { url: TRANSPORT_URL.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
