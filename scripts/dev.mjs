// `npm run dev`: the Vite dev server and a local y-webrtc signaling relay together, so two
// browser windows on this machine collaborate with no setup. Ctrl+C stops both.
//
// Ports: TAVOLA_DEV_PORT (the app, default 5173) and TAVOLA_RELAY_PORT (the relay, default 4444).
// A port another program holds ends the script with exit status 1 and one line saying which port
// and how to choose another; a y-webrtc relay already listening on the relay port (it answers a
// ping with a pong) is used instead of starting a second one.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Exit with one plain line (no stack). */
function fail(message) {
  console.error(message);
  process.exit(1);
}

function readPort(name, fallback) {
  const text = process.env[name] ?? String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) fail(`${name}=${text} is not a port number (1 to 65535).`);
  return port;
}

const appPort = readPort('TAVOLA_DEV_PORT', 5173);
const relayPort = readPort('TAVOLA_RELAY_PORT', 4444);
if (appPort === relayPort) fail(`TAVOLA_DEV_PORT and TAVOLA_RELAY_PORT are both ${appPort}: choose two different ports.`);
const relays = process.env.VITE_TAVOLA_RELAYS ?? `ws://localhost:${relayPort}`;

/** Whether nothing listens on the port (tried the way both servers listen: every interface). */
function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** Whether a y-webrtc relay listens on the port: it answers {"type":"ping"} with {"type":"pong"}. */
function isRelay(port) {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    const done = (answer) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), 2_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'ping' })));
    socket.on('message', (data) => {
      try {
        done(JSON.parse(String(data)).type === 'pong');
      } catch {
        done(false);
      }
    });
    socket.on('error', () => done(false));
    socket.on('unexpected-response', () => done(false));
  });
}

const inUse = (port, what, variable) =>
  `Port ${port} (${what}) is already in use by another program. Stop it, or choose another port: ${variable}=${port + 1} npm run dev`;

if (!(await isFree(appPort))) fail(inUse(appPort, 'the app', 'TAVOLA_DEV_PORT'));
let startRelay = true;
if (!(await isFree(relayPort))) {
  if (!(await isRelay(relayPort))) fail(inUse(relayPort, 'the relay', 'TAVOLA_RELAY_PORT'));
  startRelay = false;
  console.log(`A relay is already running on port ${relayPort}: using it.`);
}

const children = [];
let stopping = false;
let exitCode = 0;
const stop = () => {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
};

/** Run a server; if it fails, say so in one line and stop the other. */
function run(args, env, name, port, variable) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, ...env } });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors = (errors + chunk).slice(-8_000);
    // The relay's only errors are fatal (a stack): said in one line when it exits.
    if (name !== 'the relay') process.stderr.write(chunk);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      // A server that ends by itself is a failure, whatever its exit code.
      exitCode = code || 1;
      if (/EADDRINUSE/.test(errors)) console.error(inUse(port, name, variable));
      else {
        if (name === 'the relay') process.stderr.write(errors);
        console.error(`The ${name} stopped (${signal ?? `exit ${code}`}); stopping.`);
      }
    }
    stop();
    process.exitCode = exitCode;
  });
  children.push(child);
}

if (startRelay) run(['node_modules/y-webrtc/bin/server.js'], { PORT: String(relayPort) }, 'the relay', relayPort, 'TAVOLA_RELAY_PORT');
run(
  // --strictPort: fail rather than move to another port, so the address printed above stays true.
  ['node_modules/vite/bin/vite.js', '--port', String(appPort), '--strictPort', ...process.argv.slice(2)],
  { VITE_TAVOLA_RELAYS: relays },
  'the app',
  appPort,
  'TAVOLA_DEV_PORT',
);

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
