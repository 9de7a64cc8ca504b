// A small static file server for a built site, whose folder can be swapped (a new version of the
// app being deployed) and which can be stopped and started again on the same port (the network
// going away, and coming back).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

/** Content types of what a Vite build writes (also used by bench/lib/server.ts). */
export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

export interface StaticSite {
  url: string;
  /** Serve another folder from now on. */
  serve(root: string): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startStaticSite(initialRoot: string): Promise<StaticSite> {
  let root = initialRoot;
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((request, response) => {
        const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
        let file = path.join(root, pathname);
        if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
        response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
        createReadStream(file).pipe(response);
      });
      server.on('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        if (typeof address === 'object' && address) port = address.port;
        resolve();
      });
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}/`,
    serve(next) {
      root = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
        server = null;
      }),
    start: listen,
  };
}
