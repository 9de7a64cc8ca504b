// Global setup of the e2e project: build the app once, serve the built static
// site on a free loopback port, and hand its URL to the tests (inject('e2eBaseUrl')).
//
// If the build or the server fails, the run goes on: the unit tests still run and
// report, and every e2e test fails with the build's error (browser.ts baseUrl()),
// so CI counts failed tests instead of a run that ends with "no test files".
//
// Set TAVOLA_E2E_SKIP_BUILD=1 to reuse an existing dist-e2e/ (quick local reruns
// of tests that did not change the app). Ignored when CI=true. The build bakes in the
// relay's address: with TAVOLA_E2E_SKIP_BUILD, also pin TAVOLA_E2E_RELAY_PORT.
//
// A real y-webrtc signaling relay runs on loopback for the whole run; the app is built
// with it as its default relay (VITE_TAVOLA_RELAYS), so no test reaches for another.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { startRelay, type Relay } from '../../support/relay';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Root URL of the built app, e.g. `http://127.0.0.1:41234/` (ends with `/`); '' if setup failed. */
    e2eBaseUrl: string;
    /** Why the build or the server failed; '' when all is well. */
    e2eSetupError: string;
    /** The signaling relay the built app uses by default (a real y-webrtc relay on loopback). */
    e2eRelayUrl: string;
    /** Absolute path of the built app that is served (tests that run their own server copy it). */
    e2eOutDir: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Separate from `dist/` so an e2e run never fights a developer's build. */
// One folder per run: two runs at once (two developers' terminals) must not serve each other's
// build, which has the other run's relay baked in. TAVOLA_E2E_SKIP_BUILD reuses `dist-e2e/last`.
const RUN_DIR = process.env.TAVOLA_E2E_SKIP_BUILD === '1' && process.env.CI !== 'true' ? 'last' : `run-${process.pid}`;
export const E2E_OUT_DIR = `dist-e2e/${RUN_DIR}`;

const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

function buildApp(relayUrl: string): Promise<void> {
  // Drop what vitest puts in the environment, so the child builds for production.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST')) continue;
    env[key] = value;
  }
  env.VITE_TAVOLA_RELAYS = relayUrl;
  const script = path.join(ROOT, 'tests/e2e/harness/build-app.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ROOT, E2E_OUT_DIR], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let errText = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      errText = (errText + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (exit ${code ?? signal}):\n${stripAnsi(errText).trim()}`));
    });
  });
}

async function serve(): Promise<{ server: PreviewServer; baseUrl: string }> {
  const server = await preview({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    build: { outDir: E2E_OUT_DIR },
    // Port 0: the OS picks a free port; loopback only; never open a browser.
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('the preview server did not report its URL');
  }
  return { server, baseUrl: url.endsWith('/') ? url : `${url}/` };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const outDir = path.join(ROOT, E2E_OUT_DIR);
  let server: PreviewServer | undefined;
  let relay: Relay | undefined;
  try {
    relay = await startRelay({ port: Number(process.env.TAVOLA_E2E_RELAY_PORT) || undefined });
    project.provide('e2eRelayUrl', relay.url);
    if (process.env.TAVOLA_E2E_SKIP_BUILD === '1' && process.env.CI !== 'true' && existsSync(path.join(outDir, 'index.html'))) {
      console.log(`[e2e] reusing ${E2E_OUT_DIR}/ (TAVOLA_E2E_SKIP_BUILD=1)`);
    } else {
      await buildApp(relay.url);
    }
    if (!existsSync(path.join(outDir, 'index.html'))) {
      throw new Error(`the build produced no ${E2E_OUT_DIR}/index.html`);
    }
    const served = await serve();
    server = served.server;
    project.provide('e2eBaseUrl', served.baseUrl);
    project.provide('e2eOutDir', outDir);
    project.provide('e2eSetupError', '');
    console.log(`[e2e] built app served at ${served.baseUrl}, relay at ${relay.url} (setup ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`[e2e] setup failed; every e2e test will fail with this error:\n${message}`);
    project.provide('e2eBaseUrl', '');
    project.provide('e2eOutDir', '');
    project.provide('e2eSetupError', message);
  }

  return async () => {
    await server?.close();
    await relay?.stop();
    if (RUN_DIR !== 'last') rmSync(outDir, { recursive: true, force: true });
  };
}
