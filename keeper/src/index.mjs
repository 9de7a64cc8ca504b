// Tavola's keeper: a Hocuspocus server that stores and forwards, for each workspace, one Yjs
// document of sealed entries. It is blind: it never has a key, only a document name and a token,
// and it checks the one against the other without any state (src/names.mjs). For a workspace
// with writers (version 2), a connection without a writer's proof is read-only: Hocuspocus
// ignores its updates, and this keeper stores none of them.
//
// Storage is LevelDB (classic-level) in one folder per process:
//   s!<documentName>          the document's full state (Y.encodeStateAsUpdate), rewritten by
//                             onStoreDocument, which Hocuspocus debounces;
//   l!<documentName>!<seq>    every update since that state, appended before it is applied.
// A client's update is appended in beforeHandleMessage, i.e. before Hocuspocus applies it and
// acknowledges it (the acknowledgement is sent synchronously after applying, before any onChange
// hook has run), so a keeper killed right after an acknowledgement has lost nothing. Loading
// applies the state and then the log; storing writes the state and deletes, in the same batch,
// the log entries that state contains.

import { mkdir } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { Connection, Server } from '@hocuspocus/server';
import { ClassicLevel } from 'classic-level';
import * as Y from 'yjs';
import { accessFor } from './names.mjs';

/** The app sends whole-workspace snapshots in one message. */
export const MAX_MESSAGE_BYTES = 192 * 1024 * 1024;

/** @typedef {import('@hocuspocus/server').Extension} Extension */
/** @typedef {import('@hocuspocus/server').Document} HocuspocusDocument */
/** @typedef {ClassicLevel<string, Uint8Array>} Store */
/** @typedef {{ key: string, update: Uint8Array }} LogEntry */

/**
 * @typedef {object} KeeperOptions
 * @property {number} port 0 picks a free port
 * @property {string} [host] default 127.0.0.1
 * @property {string} data the LevelDB folder (created if missing); one keeper process per folder
 * @property {string} [redis] e.g. redis://127.0.0.1:6379: share live rooms with other keepers
 * @property {string} [identifier] this process's name among the keepers sharing one Redis
 * @property {(line: string) => void} [log] the one startup line (default console.log)
 * @property {(line: string) => void} [warn] operational problems (default console.error)
 * @property {Extension[]} [extensions] more Hocuspocus extensions (tests)
 */

/**
 * @typedef {object} Keeper
 * @property {number} port
 * @property {string} url ws://host:port
 * @property {Server} server
 * @property {Store} db
 * @property {() => Promise<void>} close store every loaded document, close connections, Redis, LevelDB
 */

/** An error whose message is meant for the person starting the keeper. */
export class KeeperError extends Error {
  /**
   * @param {string} message
   * @param {string} code
   */
  constructor(message, code) {
    super(message);
    this.name = 'KeeperError';
    this.code = code;
  }
}

const stateKey = (/** @type {string} */ name) => `s!${name}`;
const logPrefix = (/** @type {string} */ name) => `l!${name}!`;
const logKey = (/** @type {string} */ name, /** @type {number} */ seq) => logPrefix(name) + String(seq).padStart(16, '0');

/**
 * A refusal Hocuspocus sends to the client as "permission-denied" without logging it (hooks log
 * only errors with a message): refusals are the client's business, not the operator's.
 */
function refusal() {
  return Object.assign(new Error(''), { reason: 'permission-denied' });
}

/**
 * The Yjs update a client message carries (sync step 2 or update), or null. Wire format
 * (lib0 encoding): varString documentName, varUint type (0 Sync, 4 SyncReply), varUint sync type
 * (1 step 2, 2 update), varUint8Array update.
 * @param {Uint8Array} data
 * @returns {Uint8Array | null}
 */
export function syncUpdateIn(data) {
  let i = 0;
  const varUint = () => {
    let value = 0;
    let factor = 1;
    for (;;) {
      if (i >= data.length || factor > 2 ** 49) throw new RangeError('bad varUint');
      const byte = /** @type {number} */ (data[i++]);
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 128;
    }
  };
  try {
    const nameLength = varUint(); // (not `i += varUint()`: that adds to the old i)
    i += nameLength;
    const type = varUint();
    if (type !== 0 && type !== 4) return null;
    const syncType = varUint();
    if (syncType !== 1 && syncType !== 2) return null;
    const length = varUint();
    if (i + length > data.length) return null;
    return data.subarray(i, i + length);
  } catch {
    return null;
  }
}

/**
 * The storage extension.
 * @param {Store} db
 * @param {(line: string) => void} warn
 * @returns {Extension}
 */
function levelStore(db, warn) {
  /** Log entries written since the document's last stored state, per loaded document. */
  /** @type {WeakMap<HocuspocusDocument, LogEntry[]>} */
  const logs = new WeakMap();
  /** The last log sequence number used, per document name (kept across unloads). */
  /** @type {Map<string, number>} */
  const lastSeq = new Map();

  /**
   * @param {HocuspocusDocument} document
   * @param {Uint8Array} update
   */
  async function append(document, update) {
    const entries = logs.get(document);
    if (!entries) throw new Error(`keeper: ${document.name} is not loaded`);
    const seq = (lastSeq.get(document.name) ?? 0) + 1;
    lastSeq.set(document.name, seq);
    const key = logKey(document.name, seq);
    await db.put(key, update);
    entries.push({ key, update });
  }

  return {
    extensionName: 'TavolaKeeperStore',
    priority: 500,

    async onLoadDocument({ document, documentName }) {
      // One snapshot, so that the state and the log are read as of the same moment.
      const snapshot = db.snapshot();
      /** @type {Uint8Array | undefined} */
      let state;
      /** @type {Array<[string, Uint8Array]>} */
      let replayed;
      try {
        state = await db.get(stateKey(documentName), { snapshot });
        replayed = await db.iterator({ gte: logPrefix(documentName), lt: `${logPrefix(documentName)}~`, snapshot }).all();
      } finally {
        await snapshot.close();
      }
      // Hocuspocus attaches its update handler (onChange, broadcasting, storing) only after
      // onLoadDocument, so nothing applied here is appended to the log again.
      Y.transact(document, () => {
        if (state) Y.applyUpdate(document, state);
        for (const [, update] of replayed) Y.applyUpdate(document, update);
      });
      let seq = lastSeq.get(documentName) ?? 0;
      for (const [key] of replayed) seq = Math.max(seq, Number(key.slice(logPrefix(documentName).length)));
      lastSeq.set(documentName, seq);
      logs.set(document, []);
      if (replayed.length > 0) {
        // Left by a keeper that stopped before storing: fold them into the state now.
        await db.batch([
          { type: 'put', key: stateKey(documentName), value: Y.encodeStateAsUpdate(document) },
          ...replayed.map(([key]) => /** @type {const} */ ({ type: 'del', key })),
        ]);
      }
    },

    async beforeHandleMessage({ document, update: message, connection }) {
      // A reader's updates are never applied (Hocuspocus drops them): never stored either, or
      // loading would apply them.
      if (connection.readOnly) return;
      const update = syncUpdateIn(message);
      if (!update || (update.length === 2 && update[0] === 0 && update[1] === 0)) return;
      if (Y.snapshotContainsUpdate(Y.snapshot(document), update)) return;
      // Durable before Hocuspocus applies and acknowledges it. A rejection closes the connection
      // and the client keeps the change as unsynced.
      await append(document, update);
    },

    async onChange({ document, update, transactionOrigin, instance, ...payload }) {
      // A client's update was appended before it was applied (beforeHandleMessage).
      if (transactionOrigin instanceof Connection) return;
      try {
        await append(document, update);
        // Hocuspocus stores only after a client's changes; updates from other keepers (Redis)
        // belong in this keeper's own folder too.
        instance.storeDocumentHooks(document, { ...payload, document, instance, transactionOrigin }).catch(() => {});
      } catch (error) {
        warn(`tavola keeper: could not append an update to ${document.name}: ${describe(error)}`);
      }
    },

    async onStoreDocument({ document, documentName }) {
      const entries = logs.get(document);
      if (!entries) return;
      try {
        const snapshot = Y.snapshot(document);
        const state = Y.encodeStateAsUpdate(document);
        const covered = new Set(entries.filter((entry) => Y.snapshotContainsUpdate(snapshot, entry.update)));
        await db.batch([
          { type: 'put', key: stateKey(documentName), value: state },
          ...[...covered].map((entry) => /** @type {const} */ ({ type: 'del', key: entry.key })),
        ]);
        logs.set(document, /** @type {LogEntry[]} */ (logs.get(document)).filter((entry) => !covered.has(entry)));
      } catch (error) {
        // The log still holds every update; never throw (Hocuspocus runs this from a timer).
        warn(`tavola keeper: could not store ${documentName}: ${describe(error)}`);
      }
    },
  };
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describe(error) {
  if (error instanceof Error) {
    const cause = /** @type {{ cause?: unknown }} */ (error).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/**
 * @param {string} url
 * @returns {{ host: string, port: number, username?: string, password?: string, shown: string }}
 */
function parseRedisUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new KeeperError(`--redis must be a URL like redis://127.0.0.1:6379, not "${url}"`, 'KEEPER_BAD_OPTION');
  }
  if (parsed.protocol !== 'redis:' || !parsed.hostname) {
    throw new KeeperError(`--redis must be a URL like redis://127.0.0.1:6379, not "${url}"`, 'KEEPER_BAD_OPTION');
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port ? Number(parsed.port) : 6379;
  const shown = `redis://${parsed.host}`;
  return {
    host,
    port,
    shown,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
}

/**
 * The Redis extension, without its store lock: that lock keeps keepers sharing one database from
 * storing the same document twice, but each keeper here has its own folder and must store its own
 * copy. Publishing failures (Redis down) are reported instead of becoming unhandled rejections.
 * @param {{ host: string, port: number, username?: string, password?: string, shown: string }} address
 * @param {string | undefined} identifier
 * @param {(line: string) => void} warn
 */
async function redisExtension(address, identifier, warn) {
  const { Redis } = await import('@hocuspocus/extension-redis');
  let reported = false;
  const report = (/** @type {unknown} */ error) => {
    if (reported) return;
    reported = true;
    warn(`tavola keeper: lost Redis at ${address.shown}: ${describe(error)} (retrying)`);
  };
  class KeeperRedis extends Redis {
    /** @override */
    async onStoreDocument() {}
    /** @override */
    async afterStoreDocument() {}
    /**
     * @override
     * @param {import('@hocuspocus/server').onChangePayload} data
     */
    async onChange(data) {
      try {
        return await super.onChange(data);
      } catch (error) {
        report(error);
      }
    }
    /**
     * @override
     * @param {import('@hocuspocus/server').onAwarenessUpdatePayload} data
     */
    async onAwarenessUpdate(data) {
      try {
        return await super.onAwarenessUpdate(data);
      } catch (error) {
        report(error);
      }
    }
    /**
     * @override
     * @param {import('@hocuspocus/server').beforeBroadcastStatelessPayload} data
     */
    async beforeBroadcastStateless(data) {
      try {
        return await super.beforeBroadcastStateless(data);
      } catch (error) {
        report(error);
        return 0;
      }
    }
  }
  const options = {
    ...(address.username ? { username: address.username } : {}),
    ...(address.password ? { password: address.password } : {}),
  };
  const extension = new KeeperRedis({
    host: address.host,
    port: address.port,
    options,
    ...(identifier ? { identifier } : {}),
  });
  const clients = [extension.pub, extension.sub];
  const disconnect = () => clients.forEach((client) => client.disconnect(false));
  try {
    await Promise.race([
      Promise.all(
        clients.map(
          (client) =>
            new Promise((resolve, reject) => {
              if (client.status === 'ready') return resolve(undefined);
              client.once('ready', resolve);
              client.once('error', reject);
            }),
        ),
      ),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 5 s')), 5000).unref()),
    ]);
  } catch (error) {
    disconnect();
    throw new KeeperError(`cannot reach Redis at ${address.shown}: ${describe(error)}`, 'KEEPER_REDIS_UNREACHABLE');
  }
  let stopping = false;
  for (const client of clients) {
    client.removeAllListeners('error');
    client.on('error', report);
    // Redis closes a subscriber whose output buffer passes its pubsub limit without an error.
    client.on('close', () => stopping || report(new Error('the connection closed')));
    client.on('ready', () => {
      if (reported) warn(`tavola keeper: Redis at ${address.shown} is back`);
      reported = false;
    });
  }
  const limit = await pubsubLimit(extension.pub);
  if (limit !== null && limit > 0 && limit < MAX_MESSAGE_BYTES) {
    warn(
      `tavola keeper: Redis at ${address.shown} drops a subscriber whose pubsub output passes ${limit} bytes, ` +
        `so larger updates will not reach the other keepers; set client-output-buffer-limit "pubsub 0 0 0" ` +
        `(or at least ${MAX_MESSAGE_BYTES} bytes)`,
    );
  }
  return {
    extension,
    /** Before closing: the connections closing from now on are expected. */
    stop() {
      stopping = true;
    },
    disconnect() {
      stopping = true;
      disconnect();
    },
  };
}

/**
 * Redis's hard pubsub output buffer limit in bytes (0: none), or null when CONFIG is not allowed.
 * @param {import('@hocuspocus/extension-redis').RedisInstance} client
 * @returns {Promise<number | null>}
 */
async function pubsubLimit(client) {
  try {
    const reply = /** @type {unknown} */ (await client.call('CONFIG', 'GET', 'client-output-buffer-limit'));
    const value = Array.isArray(reply) ? String(reply[1] ?? '') : '';
    const match = /(?:^|\s)pubsub\s+(\d+)/.exec(value);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Start a keeper.
 * @param {KeeperOptions} options
 * @returns {Promise<Keeper>}
 */
export async function startKeeper({ port, host = '127.0.0.1', data, redis, identifier, log = console.log, warn = console.error, extensions = [] }) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new KeeperError(`the port must be a whole number from 0 to 65535, not ${port}`, 'KEEPER_BAD_OPTION');
  }
  if (typeof data !== 'string' || data === '') throw new KeeperError('a data folder is required', 'KEEPER_BAD_OPTION');
  if (identifier !== undefined && (identifier === '' || Buffer.byteLength(identifier) > 200)) {
    throw new KeeperError('the identifier must be 1 to 200 bytes long', 'KEEPER_BAD_OPTION');
  }
  const address = redis ? parseRedisUrl(redis) : null;
  const folder = resolvePath(data);

  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new KeeperError(`cannot create the data folder ${folder}: ${describe(error)}`, 'KEEPER_DATA');
  }
  /** @type {Store} */
  const db = new ClassicLevel(folder, { keyEncoding: 'utf8', valueEncoding: 'view', compression: false });
  try {
    await db.open();
  } catch (error) {
    const codes = [/** @type {{ code?: string }} */ (error).code, /** @type {{ cause?: { code?: string } }} */ (error).cause?.code];
    if (codes.includes('LEVEL_LOCKED')) {
      throw new KeeperError(`the data folder ${folder} is in use by another keeper (its LevelDB lock is held)`, 'KEEPER_DATA_IN_USE');
    }
    throw new KeeperError(`cannot open the data folder ${folder}: ${describe(error)}`, 'KEEPER_DATA');
  }

  /** @type {Awaited<ReturnType<typeof redisExtension>> | null} */
  let shared = null;
  try {
    if (address) shared = await redisExtension(address, identifier, warn);
  } catch (error) {
    await db.close();
    throw error;
  }

  /** @type {Extension} */
  const gate = {
    extensionName: 'TavolaKeeperGate',
    priority: 1001,
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const access = await accessFor(token, documentName);
      if (!access) throw refusal();
      // Hocuspocus then answers the connection's updates with "not synced" and applies none.
      if (!access.write) connectionConfig.readOnly = true;
    },
  };

  const server = new Server(
    {
      name: identifier ?? null,
      quiet: true,
      stopOnSignals: false,
      port,
      address: host,
      extensions: [gate, ...(shared ? [shared.extension] : []), levelStore(db, warn), ...extensions],
    },
    // ws's default maxPayload is 100 MiB.
    { maxPayload: MAX_MESSAGE_BYTES },
  );

  // Hocuspocus logs every WebSocket error with its stack (e.g. each message over maxPayload, which
  // ws answers with close code 1009). ws closes the socket itself: one line is enough.
  server.webSocketServer.removeAllListeners('connection');
  server.webSocketServer.on('connection', (incoming, request) => {
    incoming.setMaxListeners(Number.POSITIVE_INFINITY);
    incoming.on('error', (error) => {
      if (/** @type {{ code?: string }} */ (error).code !== 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        warn(`tavola keeper: WebSocket error: ${describe(error)}`);
      }
    });
    server.hocuspocus.handleConnection(incoming, request);
  });

  // Listen here rather than with server.listen(): Hocuspocus 3.4.4 passes `address` to
  // http.Server#listen, which ignores it and listens on every interface.
  try {
    await new Promise((resolve, reject) => {
      server.httpServer.once('error', reject);
      server.httpServer.listen({ port, host }, () => {
        server.httpServer.off('error', reject);
        resolve(undefined);
      });
    });
  } catch (error) {
    shared?.disconnect();
    await db.close();
    throw new KeeperError(`cannot listen on ${host}:${port}: ${describe(error)}`, 'KEEPER_LISTEN');
  }
  const bound = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
  await server.hocuspocus.hooks('onListen', { instance: server.hocuspocus, configuration: server.hocuspocus.configuration, port: bound.port });

  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${bound.port}`;
  log(`tavola keeper listening on ${url} (data ${folder}${address ? `, redis ${address.shown}` : ''})`);

  /** @type {Promise<void> | null} */
  let closing = null;
  const close = () => {
    closing ??= (async () => {
      const { hocuspocus } = server;
      shared?.stop();
      server.httpServer.close();
      await Promise.allSettled(
        [...hocuspocus.documents.values()].map((document) =>
          hocuspocus.storeDocumentHooks(
            document,
            {
              clientsCount: document.getConnectionsCount(),
              context: {},
              document,
              documentName: document.name,
              instance: hocuspocus,
              requestHeaders: {},
              requestParameters: new URLSearchParams(),
              socketId: 'server',
            },
            true,
          ),
        ),
      );
      // Closes every connection and waits until every document is unloaded; then onDestroy,
      // where the Redis extension quits.
      let timer;
      await Promise.race([server.destroy(), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      for (const socket of server.webSocketServer.clients) socket.terminate();
      server.httpServer.closeAllConnections();
      shared?.disconnect();
      await db.close();
    })();
    return closing;
  };

  return { port: bound.port, url, server, db, close };
}
