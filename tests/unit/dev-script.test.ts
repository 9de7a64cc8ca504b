// `npm run dev` (scripts/dev.mjs) with its ports taken: a plain line and exit status 1, or the
// relay already there reused. Runs the real script with TAVOLA_DEV_PORT / TAVOLA_RELAY_PORT.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { freePort, startRelay, type Relay } from '../support/relay';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function runDev(env: Record<string, string>): Run {
  // Without vitest's variables, so Vite loads its config as `npm run dev` does.
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST') clean[key] = value;
  const child = spawn(process.execPath, ['scripts/dev.mjs'], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  running.push(child);
  return { child, output: () => output, exit };
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno', () => socket.destroy());
    });
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

const running: ChildProcess[] = [];
const servers: Server[] = [];
const relays: Relay[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

describe('npm run dev with a port taken', () => {
  it('the relay port held by another program: exit status 1 and one line naming the port and the variable', async () => {
    const [appPort, relayPort] = [await freePort(), await freePort()];
    servers.push(await occupy(relayPort));
    const run = runDev({ TAVOLA_DEV_PORT: String(appPort), TAVOLA_RELAY_PORT: String(relayPort) });
    expect(await run.exit).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toEqual([`Port ${relayPort} (the relay) is already in use by another program. Stop it, or choose another port: TAVOLA_RELAY_PORT=${relayPort + 1} npm run dev`]);
  }, 30_000);

  it('the app port held: exit status 1 and one line naming the port and the variable', async () => {
    const [appPort, relayPort] = [await freePort(), await freePort()];
    servers.push(await occupy(appPort));
    const run = runDev({ TAVOLA_DEV_PORT: String(appPort), TAVOLA_RELAY_PORT: String(relayPort) });
    expect(await run.exit).toBe(1);
    expect(run.output().trim().split('\n')).toEqual([
      `Port ${appPort} (the app) is already in use by another program. Stop it, or choose another port: TAVOLA_DEV_PORT=${appPort + 1} npm run dev`,
    ]);
  }, 30_000);

  it('a bad port number is said plainly', async () => {
    const run = runDev({ TAVOLA_DEV_PORT: 'eighty', TAVOLA_RELAY_PORT: String(await freePort()) });
    expect(await run.exit).toBe(1);
    expect(run.output().trim()).toBe('TAVOLA_DEV_PORT=eighty is not a port number (1 to 65535).');
  }, 30_000);

  it('a y-webrtc relay already on the relay port is used, and the app starts on TAVOLA_DEV_PORT', async () => {
    const relay = await startRelay();
    relays.push(relay);
    const appPort = await freePort();
    const run = runDev({ TAVOLA_DEV_PORT: String(appPort), TAVOLA_RELAY_PORT: String(relay.port) });
    await expect
      .poll(async () => {
        try {
          return (await fetch(`http://localhost:${appPort}/`)).status;
        } catch {
          return run.child.exitCode ?? 'not yet';
        }
      }, { timeout: 20_000, interval: 200 })
      .toBe(200);
    expect(run.output()).toContain(`A relay is already running on port ${relay.port}: using it.`);
    expect(run.output()).not.toMatch(/EADDRINUSE|Error/);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    // The relay was not the script's to stop: it still answers.
    const socket = new WebSocket(relay.url);
    const answer = await new Promise<string>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'ping' })));
      socket.on('message', (data) => resolve(String(data)));
      socket.on('error', reject);
    });
    socket.close();
    expect(JSON.parse(answer)).toEqual({ type: 'pong' });
  }, 40_000);
});
