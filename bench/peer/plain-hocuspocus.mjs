// The floor of the keeper's fan-out figures (docs/performance.md, "The keeper"): a plain
// Hocuspocus 3.4.4 server, in a process of its own as the keeper is, with no extension at all,
// or only Hocuspocus's own Redis extension (`--redis redis://HOST:PORT --id NAME`) for the
// two-server floor. No storage, no token check: plain, unsealed Yjs documents.
//
// Prints `plain hocuspocus listening on ws://127.0.0.1:PORT` once it listens; SIGTERM stops it.
import { parseArgs } from 'node:util';
import { Server } from '@hocuspocus/server';

const { values } = parseArgs({ options: { redis: { type: 'string' }, id: { type: 'string' } }, strict: true });

const extensions = [];
if (values.redis) {
  const { Redis } = await import('@hocuspocus/extension-redis');
  const url = new URL(values.redis);
  extensions.push(new Redis({ host: url.hostname, port: Number(url.port || 6379), ...(values.id ? { identifier: values.id } : {}) }));
}

const server = new Server({ name: values.id ?? null, quiet: true, stopOnSignals: false, extensions });
// As the keeper does (keeper/src/index.mjs): Hocuspocus 3.4.4's listen() ignores the address.
await new Promise((resolve, reject) => {
  server.httpServer.once('error', reject);
  server.httpServer.listen({ port: 0, host: '127.0.0.1' }, () => resolve(undefined));
});
const { port } = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
await server.hocuspocus.hooks('onListen', { instance: server.hocuspocus, configuration: server.hocuspocus.configuration, port });
process.stdout.write(`plain hocuspocus listening on ws://127.0.0.1:${port}\n`);

process.on('SIGTERM', () => {
  const timer = setTimeout(() => process.exit(0), 3_000);
  void server
    .destroy()
    .catch(() => undefined)
    .then(() => {
      clearTimeout(timer);
      process.exit(0);
    });
});
