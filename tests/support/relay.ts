// A real y-webrtc signaling relay (the one the package ships) on a free loopback port, and an
// optional recording proxy in front of it, so a test can check what the relay gets to see.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer } from 'ws';

const RELAY_SCRIPT = fileURLToPath(new URL('../../node_modules/y-webrtc/bin/server.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Relay {
  url: string;
  port: number;
  /** Every text message clients sent through the recording proxy (only with record: true). */
  recorded: string[];
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`relay exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      socket.on('open', () => {
        socket.close();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`relay did not listen on ${port}`);
}

/** Start y-webrtc's own signaling server as a child process. */
export async function startRelay(options: { record?: boolean; port?: number } = {}): Promise<Relay> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [RELAY_SCRIPT], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  await waitForPort(port, child);
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  if (!options.record) {
    return { url: `ws://127.0.0.1:${port}`, port, recorded: [], stop: stopChild };
  }
  const recorded: string[] = [];
  const proxyPort = await freePort();
  const proxy = new WebSocketServer({ host: '127.0.0.1', port: proxyPort });
  proxy.on('connection', (client) => {
    const upstream = new WebSocket(`ws://127.0.0.1:${port}`);
    const pending: string[] = [];
    upstream.on('open', () => pending.splice(0).forEach((m) => upstream.send(m)));
    client.on('message', (data) => {
      const text = data.toString();
      recorded.push(text);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else pending.push(text);
    });
    upstream.on('message', (data) => client.readyState === WebSocket.OPEN && client.send(data.toString()));
    client.on('close', () => upstream.close());
    upstream.on('close', () => client.close());
    client.on('error', () => upstream.close());
    upstream.on('error', () => client.close());
  });
  return {
    url: `ws://127.0.0.1:${proxyPort}`,
    port: proxyPort,
    recorded,
    async stop() {
      for (const client of proxy.clients) client.terminate();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await stopChild();
    },
  };
}
