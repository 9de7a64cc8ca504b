// A Node peer in a workspace's room: real WebRTC (@roamhq/wrtc), y-webrtc with Tavola's chunking
// transport (vitest applies the same Vite plugin as the build), a real relay.
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import { Workspace } from '../../src/model';
import { roomNameFor } from '../../src/sync/link';

// y-webrtc's signaling client uses the global WebSocket.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface NodePeer {
  workspace: Workspace;
  provider: WebrtcProvider;
  /** Connected WebRTC peers right now. */
  peerCount(): number;
  destroy(): void;
}

export async function joinAsNodePeer(options: { secret: string; relay: string; password?: string; workspace?: Workspace }): Promise<NodePeer> {
  const workspace = options.workspace ?? new Workspace();
  const provider = new WebrtcProvider(await roomNameFor(options.secret), workspace.doc, {
    signaling: [options.relay],
    password: options.password ?? options.secret,
    peerOpts: { wrtc },
  });
  return {
    workspace,
    provider,
    peerCount() {
      const room = (provider as unknown as { room: { webrtcConns: Map<string, { connected: boolean }> } | null }).room;
      return room ? [...room.webrtcConns.values()].filter((c) => c.connected).length : 0;
    },
    destroy() {
      provider.destroy();
      workspace.destroy();
    },
  };
}

/** Poll until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
