import type { Extension, Server } from '@hocuspocus/server';
import type { ClassicLevel } from 'classic-level';

export const MAX_MESSAGE_BYTES: number;

export interface KeeperOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The LevelDB folder (created if missing); one keeper process per folder. */
  data: string;
  /** e.g. redis://127.0.0.1:6379: share live rooms with the other keepers on this Redis. */
  redis?: string;
  /** This process's name among the keepers sharing one Redis. */
  identifier?: string;
  /** The one startup line (default console.log). */
  log?: (line: string) => void;
  /** Operational problems (default console.error). */
  warn?: (line: string) => void;
  /** More Hocuspocus extensions. */
  extensions?: Extension[];
}

export interface Keeper {
  port: number;
  /** ws://host:port */
  url: string;
  server: Server;
  db: ClassicLevel<string, Uint8Array>;
  /** Store every loaded document, close connections, Redis and LevelDB. */
  close(): Promise<void>;
}

export class KeeperError extends Error {
  constructor(message: string, code: string);
  code: string;
}

/** The Yjs update a client message carries (sync step 2 or update), or null. */
export function syncUpdateIn(data: Uint8Array): Uint8Array | null;

export function startKeeper(options: KeeperOptions): Promise<Keeper>;
