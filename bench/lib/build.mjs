// Builds a page with Vite's JS API and the project's own vite.config.ts, for the bench: the app
// itself, the bundle floor (bench/bundle-floor) or the lab pages (bench/lab).
//
// Run as a separate Node process on purpose, as tests/e2e/harness/build-app.mjs explains: inside
// vitest, NODE_ENV is 'test' and VITEST is set, and an in-process build would not be the
// production build (and vite.config.ts would leave out the Solid and PWA plugins).
//
// Usage: node bench/lib/build.mjs '<json>' with { configFile, root, outDir, base?, input? }
// (input: { name: htmlPath } for several pages).
import { build } from 'vite';

/**
 * The lab pages' floors run bare y-webrtc, with Tavola's chunking peer in place of simple-peer
 * (`{ chunkedYWebrtc: true }`), as a 6.5 MB state cannot cross a data channel in one message.
 */
const chunkedYWebrtc = () => ({
  name: 'bench-chunked-y-webrtc',
  enforce: /** @type {const} */ ('pre'),
  /** @param {string} source @param {string | undefined} importer */
  resolveId(source, importer) {
    if (source !== 'simple-peer/simplepeer.min.js' || !importer || !/[\\/]y-webrtc[\\/]/.test(importer)) return null;
    return this.resolve('@tavola/webrtc/peer', importer, { skipSelf: true });
  },
});

const options = JSON.parse(process.argv[2] ?? '{}');
if (!options.configFile || !options.root || !options.outDir) {
  console.error('usage: build.mjs \'{"configFile":…,"root":…,"outDir":…}\'');
  process.exit(2);
}

try {
  await build({
    root: options.root,
    configFile: options.configFile,
    mode: 'production',
    logLevel: 'warn',
    clearScreen: false,
    ...(options.base ? { base: options.base } : {}),
    ...(options.chunkedYWebrtc ? { plugins: [chunkedYWebrtc()] } : {}),
    build: {
      outDir: options.outDir,
      emptyOutDir: true,
      ...(options.input ? { rolldownOptions: { input: options.input } } : {}),
    },
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
