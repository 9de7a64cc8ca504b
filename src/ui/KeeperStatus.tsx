// The keeper's part of the status line. Types only from the keeper's code, which loads only for a
// workspace that has a keeper (src/state/session.ts). Not a lazy chunk: splitting it off made the
// bundler split solid-js/web from the routing chunk, and the initial JavaScript grew.
import type { KeeperSnapshot } from '../sync/keeper/connection';

/** Where the workspace's keeper stands, in plain words: saved, sending, cannot be reached, refused. */
export function KeeperStatusLine(props: { snapshot: KeeperSnapshot; now: number }) {
  const label = () => {
    const status = props.snapshot.status;
    switch (status.kind) {
      case 'paused':
        return 'Keeper: paused while you work offline';
      case 'offline':
        return 'Keeper: your changes wait on this device until the network is back';
      case 'connecting':
        return 'Connecting to the keeper…';
      case 'unreachable':
        return `The keeper cannot be reached (${status.addresses.join(', ')}): your changes wait on this device and go when it is back`;
      case 'refused':
        return `The keeper refused this workspace (${status.address}): your changes stay on this device. Ask your network's secretariat to check the keeper's address.`;
      case 'sending':
        return 'Sending to the keeper…';
      case 'up-to-date': {
        const at = props.snapshot.reachedAt;
        return at === null ? 'Keeper: up to date' : `Keeper: last change saved ${savedAt(at, props.now)}`;
      }
      case 'failed':
        return status.message;
    }
  };
  const kind = () => props.snapshot.status.kind;
  const tone = () => {
    const status = kind();
    return status === 'up-to-date' ? 'good' : status === 'unreachable' || status === 'refused' || status === 'failed' ? 'bad' : 'neutral';
  };
  return (
    <span class="connection-line connection-keeper">
      <span class={`dot ${tone()}`} aria-hidden="true" />
      <span class={tone()} data-testid="keeper-status" data-status={kind()} data-reached-at={props.snapshot.reachedAt ?? undefined}>
        {label()}
      </span>
    </span>
  );
}

/** "just now", "at 10:42" (today), or "on 3 Dec at 10:42". */
function savedAt(at: number, now: number): string {
  if (now - at < 45_000) return 'just now';
  const date = new Date(at);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date(now).toDateString()) return `at ${time}`;
  return `on ${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} at ${time}`;
}
