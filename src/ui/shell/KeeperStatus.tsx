// The keeper's part of the status line. Types only from the keeper's code, which loads only for a
// workspace that has a keeper (src/state/session.ts). Not a lazy chunk: splitting it off made the
// bundler split solid-js/web from the routing chunk, and the initial JavaScript grew.
import type { KeeperSnapshot } from '../../sync/keeper/connection';
import { formatShortDate, formatTime, t } from '../../i18n';

/** Where the workspace's keeper stands, in plain words: saved, sending, cannot be reached, refused. */
export function KeeperStatusLine(props: { snapshot: KeeperSnapshot; now: number }) {
  const label = () => {
    const status = props.snapshot.status;
    switch (status.kind) {
      case 'paused':
        return t('common.keeper.paused');
      case 'offline':
        return t('common.keeper.offline');
      case 'connecting':
        return t('common.keeper.connecting');
      case 'unreachable':
        return t('common.keeper.unreachable', { addresses: status.addresses.join(', ') });
      case 'refused':
        return t('common.keeper.refused', { address: status.address });
      case 'sending':
        return t('common.keeper.sending');
      case 'up-to-date': {
        const at = props.snapshot.reachedAt;
        return at === null ? t('common.keeper.upToDate') : savedAt(at, props.now);
      }
      case 'failed':
        // The one failure the keeper's connection has: no secure page, so no sealing.
        return status.message.startsWith('This page was opened without a secure connection') ? t('common.keeper.insecure') : status.message;
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

/** "Keeper: last change saved just now", "… at 10:42" (today), or "… on 3 Dec at 10:42". */
function savedAt(at: number, now: number): string {
  if (now - at < 45_000) return t('common.keeper.savedJustNow');
  const date = new Date(at);
  const time = formatTime(date);
  if (date.toDateString() === new Date(now).toDateString()) return t('common.keeper.savedAt', { time });
  return t('common.keeper.savedOn', { date: formatShortDate(date), time });
}
