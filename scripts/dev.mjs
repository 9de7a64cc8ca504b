// `npm run dev`: the Vite dev server and a local y-webrtc signaling relay together, so two
// browser windows on this machine collaborate with no setup. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const relayPort = process.env.TAVOLA_RELAY_PORT ?? '4444';
const relays = process.env.VITE_TAVOLA_RELAYS ?? `ws://localhost:${relayPort}`;

const children = [
  spawn(process.execPath, ['node_modules/y-webrtc/bin/server.js'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: relayPort } }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_TAVOLA_RELAYS: relays },
  }),
];

const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
