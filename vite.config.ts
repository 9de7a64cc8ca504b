import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { formatCsp } from './src/csp.mjs';

/**
 * The built index.html carries the site's Content Security Policy (src/csp.mjs) as its first
 * element. Build only: the dev server's HMR styles are inline <style> elements the policy refuses.
 */
export const contentSecurityPolicy = (): Plugin => ({
  name: 'tavola-csp',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: formatCsp() }, injectTo: 'head-prepend' }],
});

/**
 * The offline shell: a service worker (Workbox) precaches the whole built app, so it opens with
 * no network; a new version waits until the person chooses to reload (src/ui/shell/UpdatePrompt.tsx).
 */
const offlineShell = () =>
  VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    includeAssets: ['favicon.svg'],
    manifest: {
      name: 'Tavola',
      short_name: 'Tavola',
      description: "A working group's topics, focus points, meetings and practice sheets, kept in your browser and shared with partners.",
      theme_color: '#1f4e79',
      background_color: '#f4f6f9',
      display: 'standalone',
      start_url: './',
      scope: './',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      // Hash routes only: every address is index.html.
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  });

export default defineConfig({
  // Tests run in Node and render no JSX; vite-plugin-solid would add the 'browser' resolve
  // condition to them, and Node packages such as ws would then load their browser stubs.
  plugins: [contentSecurityPolicy(), ...(process.env.VITEST ? [] : [solid(), offlineShell()])],
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      output: {
        // The rich-text editor's libraries (about 74 KB gzip together) in two chunks the editor
        // loads side by side: ProseMirror's view, and its document model with the rest.
        manualChunks: (id) => {
          if (id.includes('/node_modules/prosemirror-view/')) return 'prosemirror-view';
          if (/\/node_modules\/(prosemirror-(model|transform|state)|orderedmap)\//.test(id)) return 'prosemirror-model';
          return undefined;
        },
      },
    },
  },
  test: {
    // Explicit, or vite-plugin-solid defaults the root to 'jsdom' (not installed) and vitest warns.
    environment: 'node',
    // `npm test` also writes a machine-readable report; .ci/run counts it.
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Unit and sync files run first, two at once (vitest's default is one less than the
          // cores: one here); the e2e files then run one at a time.
          maxWorkers: 2,
        },
      },
      // The seeded convergence fuzz at full size, only when `npm run fuzz` (scripts/fuzz.mjs) asks
      // for it with FUZZ_RUNS: `npm test` runs 300 seeds of it as tests/unit/fuzz.test.ts instead.
      ...(process.env.FUZZ_RUNS
        ? [{ extends: true as const, test: { name: 'fuzz', include: ['tests/fuzz/**/*.fuzz.ts'], environment: 'node' as const, maxWorkers: 2 } }]
        : []),
      {
        extends: true,
        test: {
          // Real WebRTC between Node peers (@roamhq/wrtc) through a real relay.
          name: 'sync',
          include: ['tests/sync/**/*.test.ts'],
          environment: 'node',
          maxWorkers: 2,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/harness/global-setup.ts'],
          setupFiles: ['tests/e2e/harness/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll waits 1 s by default: on two cores shared with the unit files, a browser's
          // answer through the relay (a wrong key told, in peers-network.test.ts) once took longer.
          // A poll that cannot succeed still fails, later.
          expect: { poll: { timeout: 10_000 } },
          // Each e2e file starts its own Chromium processes; two cores run two files at once at most.
          maxWorkers: 1,
          fileParallelism: false,
          // One worker for every e2e file (setupFiles still run per file and close its browsers):
          // a fresh process per file cost 1.5 s each.
          isolate: false,
          // After the unit and sync files (which run two at once: a group needs one worker count).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
