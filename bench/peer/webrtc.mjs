// THE one place where the bench's Node peers get their WebRTC provider: y-webrtc's API with
// Tavola's transport underneath (docs/sync.md). Everything else in bench/peer imports
// `WebrtcProvider` from here, and the launcher (call-peers.ts) passes no loader flags, so
// switching the transport is this file alone.
export { WebrtcProvider } from '@tavola/webrtc';
