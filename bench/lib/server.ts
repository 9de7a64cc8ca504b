// The bench's static server: the built app at `/` (every unknown path is its index.html, as a
// static host for a hash-routed app does) and the bench's own pages at `/__bench/`, so that the
// floor pages share the app's origin, and so its IndexedDB and localStorage.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { TYPES } from '../../tests/support/static-server';

export const BENCH_PREFIX = '/__bench/';

export interface BenchServer {
  /** Ends with `/`. */
  url: string;
  stop(): Promise<void>;
}

export async function startBenchServer(appDir: string, labDir: string): Promise<BenchServer> {
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const [root, rest] = pathname.startsWith(BENCH_PREFIX) ? [labDir, pathname.slice(BENCH_PREFIX.length - 1)] : [appDir, pathname];
    let file = path.join(root, rest);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      if (root === labDir) {
        response.writeHead(404).end();
        return;
      }
      file = path.join(root, 'index.html');
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
