// Builds the app for the e2e tests with Vite's JS API, into its own outDir.
//
// Run by global-setup.ts as a separate Node process on purpose: inside vitest,
// process.env.NODE_ENV is 'test' and VITEST is set, and an in-process Vite build
// would then be a non-production build (import.meta.env.PROD false, Solid's dev
// build). A child process with those variables removed builds exactly what
// `vite build` builds.
//
// Usage: node tests/e2e/harness/build-app.mjs <root> <outDir>
import path from 'node:path';
import { build } from 'vite';

const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) {
  console.error('usage: build-app.mjs <root> <outDir>');
  process.exit(2);
}

try {
  await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    clearScreen: false,
    build: { outDir, emptyOutDir: true },
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
