import type { IceServer } from './registry';

/** One line of the settings' server list: `stun:host:port`, or `turn:host:port username credential`. */
export function parseIceServer(line: string): IceServer | null {
  const [urls, username, credential, ...rest] = line.trim().split(/\s+/);
  if (!urls || rest.length > 0 || !/^(stun|stuns|turn|turns):[^\s]+$/.test(urls)) return null;
  if (urls.startsWith('turn') && (!username || !credential)) return null;
  if (urls.startsWith('stun') && (username || credential)) return null;
  return username && credential ? { urls, username, credential } : { urls };
}

export function formatIceServer(server: IceServer): string {
  return [server.urls, server.username, server.credential].filter(Boolean).join(' ');
}
