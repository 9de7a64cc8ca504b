#!/usr/bin/env node
// node keeper/bin/keeper.mjs --port 4445 --data ./keeper-data [--host 127.0.0.1] [--redis redis://127.0.0.1:6379] [--id name]
import { parseArgs } from 'node:util';
import { KeeperError, startKeeper } from '../src/index.mjs';

const USAGE =
  'usage: keeper --port PORT --data DIR [--host 127.0.0.1] [--redis redis://HOST:PORT] [--id NAME]\n' +
  '  --port   port to listen on (0 picks a free one)\n' +
  '  --data   LevelDB folder, created if missing; one keeper process per folder\n' +
  '  --host   address to listen on (default 127.0.0.1)\n' +
  '  --redis  share live rooms with the other keepers on this Redis\n' +
  '  --id     this keeper\'s name among those sharing one Redis (default: random)';

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message, status = 1) {
  process.stderr.write(`tavola keeper: ${message}\n`);
  process.exit(status);
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string' },
        redis: { type: 'string' },
        id: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${/** @type {Error} */ (error).message}\n${USAGE}`, 2);
  }
}
const values = parse();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.port === undefined) fail(`--port is required\n${USAGE}`, 2);
if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}"`, 2);
if (!values.data) fail(`--data is required\n${USAGE}`, 2);

// Keep serving through a stray rejection: every acknowledged update is already in the log.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`tavola keeper: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
});

let keeper;
try {
  keeper = await startKeeper({
    port: Number(values.port),
    data: /** @type {string} */ (values.data),
    ...(values.host ? { host: values.host } : {}),
    ...(values.redis ? { redis: values.redis } : {}),
    ...(values.id ? { identifier: values.id } : {}),
  });
} catch (error) {
  if (error instanceof KeeperError) fail(error.message, error.code === 'KEEPER_BAD_OPTION' ? 2 : 1);
  throw error;
}

let stopping = false;
/** @param {NodeJS.Signals} signal */
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  try {
    await keeper.close();
    process.exit(0);
  } catch (error) {
    fail(`could not close cleanly after ${signal}: ${error instanceof Error ? error.message : String(error)}`);
  }
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
