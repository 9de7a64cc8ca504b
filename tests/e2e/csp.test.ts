// The built site's Content Security Policy (src/csp.ts, README "Security headers"): the page the
// tests load carries it, Chromium enforces it, and the app's screens run under it without a single
// violation. Every other e2e file is held to the same by tests/e2e/harness/setup.ts.
import { describe, expect, test } from 'vitest';
import { CSP_DIRECTIVES, parseCsp } from '../../src/csp.mjs';
import { appUrl, closeBrowser, launchBrowser, openApp, takeCspViolations } from './harness/browser';
import { expectCleanPages, goTo, openSample } from './helpers';

describe('Content Security Policy', () => {
  test('the built index.html declares the policy first in its head, and no inline script', async () => {
    const html = await (await fetch(appUrl('/'))).text();
    const head = html.slice(html.indexOf('<head>') + '<head>'.length, html.indexOf('</head>')).trim();
    const meta = /^<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/.exec(head);
    expect(meta, head.slice(0, 200)).not.toBeNull();
    const policy = meta![1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(parseCsp(policy)).toEqual(CSP_DIRECTIVES);
    // Every script is a file of the site.
    for (const script of html.match(/<script\b[^>]*>/g) ?? []) expect(script).toMatch(/\bsrc="\/[^"]+"/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  test('Chromium enforces it: an inline script is refused and reported', async () => {
    const context = await launchBrowser();
    const page = await openApp(context, '/');
    await page.getByTestId('create-workspace').waitFor();
    takeCspViolations();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    await expect.poll(() => takeCspViolations().map((v) => v.text.split(' ')[0])).toEqual(['script-src-elem']);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    await closeBrowser(context);
  });

  test('every screen runs under it: no violation, and the service worker registers', async () => {
    const context = await launchBrowser();
    const page = await openApp(context, '/');
    const id = await openSample(page);
    for (const screen of ['topics', 'members', 'meetings', 'practices', 'versions', 'settings']) {
      await goTo(page, `/w/${id}/${screen}`);
      await page.getByRole('link', { name: 'Settings' }).waitFor();
    }
    // The offline shell's worker is a file of the site: allowed by script-src / worker-src 'self'.
    await expect.poll(() => page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration())), { timeout: 20_000 }).toBe(true);
    await page.reload();
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    expect(takeCspViolations()).toEqual([]);
    expectCleanPages(context);
    await closeBrowser(context);
  });
});
