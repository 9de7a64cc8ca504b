// @ts-check
/**
 * @tavola/webrtc: y-webrtc 10.3.0 (same wire protocol, same API) with Tavola's peer underneath
 * (chunked-peer.js on RTCPeerConnection) and received updates sent on only where they may be
 * missing (mesh.js). See README.md for every difference from y-webrtc.
 */
export { WebrtcProvider, WebrtcConn, Room, SignalingConn } from './y-webrtc.js';
export { WebrtcPeer, NoWebrtcError, webrtcImplementation, FIRST_MESSAGE_WAIT_MS } from './peer.js';
export { Mesh, MESH_FIELD, BC_ORIGIN, STEP1_INTERVAL_MS } from './mesh.js';
export * from './chunked-peer.js';
export * from './writers.js';
