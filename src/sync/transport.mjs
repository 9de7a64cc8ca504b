// @ts-check
/**
 * Which module y-webrtc gets as its simple-peer: ours (chunked-peer.js), everywhere Tavola runs —
 * the Vite build, the dev server, vitest and Node scripts — so all of them speak the same framing.
 */
import { fileURLToPath } from 'node:url';

export const PEER_SPECIFIER = 'simple-peer/simplepeer.min.js';
export const TRANSPORT_URL = new URL('./chunked-peer.js', import.meta.url);
export const TRANSPORT_PATH = fileURLToPath(TRANSPORT_URL);

/** @param {string} specifier @param {string | undefined} importer */
export function isYWebrtcPeerImport(specifier, importer) {
  return specifier === PEER_SPECIFIER && !!importer && /[\\/]y-webrtc[\\/]/.test(importer);
}

/** A Vite plugin that hands y-webrtc the chunking peer. */
export function chunkedPeerTransport() {
  return {
    name: 'tavola-chunked-peer',
    enforce: /** @type {const} */ ('pre'),
    /** @param {string} source @param {string | undefined} importer */
    resolveId(source, importer) {
      return isYWebrtcPeerImport(source, importer) ? TRANSPORT_PATH : null;
    },
  };
}
