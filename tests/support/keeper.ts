// Real keeper processes (keeper/bin/keeper.mjs) and a real Redis (Debian's redis-server) on free
// loopback ports, for tests in Node.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './relay';

const KEEPER_SCRIPT = fileURLToPath(new URL('../../keeper/bin/keeper.mjs', import.meta.url));
const REDIS_SERVER = '/usr/bin/redis-server';
const LISTENING = /^tavola keeper listening on (ws:\/\/[^\s]+:(\d+)) \(data ([^,)]+)(?:, redis ([^)]+))?\)$/m;

export interface KeeperProcess {
  url: string;
  port: number;
  data: string;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, and wait until it exits. */
  stop(): Promise<void>;
  /** SIGKILL, and wait until it exits. */
  kill(): Promise<void>;
}

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

async function signal(child: ChildProcess, name: NodeJS.Signals): Promise<void> {
  const done = exited(child);
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
  await done;
}

/**
 * Start `node keeper/bin/keeper.mjs --port 0 ...` (or `port`, e.g. to come back on the same
 * address); resolves once it printed its listening line. `data` defaults to a fresh temp folder.
 */
export async function startKeeperProcess(
  options: { data?: string; redis?: string; id?: string; port?: number } = {},
): Promise<KeeperProcess> {
  const data = options.data ?? (await mkdtemp(join(tmpdir(), 'tavola-keeper-')));
  const args = [KEEPER_SCRIPT, '--port', String(options.port ?? 0), '--data', data];
  if (options.redis) args.push('--redis', options.redis);
  if (options.id) args.push('--id', options.id);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the keeper did not start in 15 s; stderr: ${stderr}`));
    }, 15_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = LISTENING.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, port: Number(match[2]) });
      }
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`the keeper exited (${code ?? sig}) before listening; stderr: ${stderr.trim()}`));
    });
  });
  return {
    ...started,
    data,
    stderr: () => stderr,
    stop: () => signal(child, 'SIGTERM'),
    kill: () => signal(child, 'SIGKILL'),
  };
}

/** One PING over raw TCP: true when the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) finish(answer.startsWith('+PONG'));
    });
  });
}

/** Start a throwaway redis-server (no persistence) on a free loopback port; `extra`: more arguments. */
export async function startRedis(extra: string[] = []): Promise<RedisProcess> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
    if (await Promise.race([ping(port), spawnError])) break;
    if (Date.now() > deadline) {
      await signal(child, 'SIGKILL');
      throw new Error(`redis-server did not answer PING on ${port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => signal(child, 'SIGTERM') };
}
