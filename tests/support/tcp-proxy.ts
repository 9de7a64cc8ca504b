// A TCP proxy on a free loopback port in front of a server: it records every byte clients send
// (what the server receives), and can go down and come back, as a network does.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  url: string;
  /** Everything clients sent through the proxy, in order, as bytes on the wire. */
  received(): Buffer;
  /**
   * The same, read as WebSocket: the HTTP upgrade requests and every frame's payload unmasked
   * (clients mask what they send, so the raw bytes hide it). Assumes no compression extension,
   * which the keeper does not accept.
   */
  receivedMessages(): Buffer;
  /** Drop every connection and refuse new ones until up(). */
  down(): void;
  up(): void;
  stop(): Promise<void>;
}

export async function startTcpProxy(target: { port: number; host?: string }): Promise<TcpProxy> {
  const chunks: Buffer[] = [];
  const streams: Buffer[][] = [];
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host ?? '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const stream: Buffer[] = [];
    streams.push(stream);
    client.on('data', (chunk: Buffer) => {
      chunks.push(Buffer.from(chunk));
      stream.push(Buffer.from(chunk));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    received: () => Buffer.concat(chunks),
    receivedMessages: () => Buffer.concat(streams.map((stream) => unmask(Buffer.concat(stream)))),
    down() {
      open = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    up() {
      open = true;
    },
    stop() {
      open = false;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** One connection's client bytes: the HTTP request, then each frame's payload, unmasked. */
function unmask(bytes: Buffer): Buffer {
  const headerEnd = bytes.indexOf('\r\n\r\n');
  if (headerEnd < 0) return bytes;
  const parts: Buffer[] = [bytes.subarray(0, headerEnd + 4)];
  let at = headerEnd + 4;
  while (at + 2 <= bytes.length) {
    const masked = (bytes[at + 1]! & 0x80) !== 0;
    let length = bytes[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(offset));
      offset += 8;
    }
    const key = masked ? bytes.subarray(offset, offset + 4) : null;
    if (masked) offset += 4;
    if (offset + length > bytes.length) break;
    const payload = Buffer.from(bytes.subarray(offset, offset + length));
    if (key) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ key[i % 4]!;
    parts.push(payload);
    at = offset + length;
  }
  return Buffer.concat(parts);
}
