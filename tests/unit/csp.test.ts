// The Content Security Policy the build declares (src/csp.mjs, put into index.html by vite.config.ts),
// and the audit that keeps it strict: nothing in src/ writes raw HTML.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, formatCsp, parseCsp } from '../../src/csp.mjs';
import { contentSecurityPolicy } from '../../vite.config';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the declared Content Security Policy', () => {
  const csp = parseCsp(formatCsp());

  it('round-trips through its text form', () => {
    expect(csp).toEqual(CSP_DIRECTIVES);
  });

  it('allows scripts and styles from the site only: nothing inline, no eval', () => {
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    for (const sources of Object.values(csp)) {
      for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:']) {
        expect(sources).not.toContain(unsafe);
      }
    }
    // Service worker and manifest: the site's own files.
    expect(csp['worker-src']).toEqual(["'self'"]);
    expect(csp['manifest-src']).toEqual(["'self'"]);
  });

  it('connects only to the site and to WebSocket relays', () => {
    expect([...csp['connect-src']!].sort()).toEqual(["'self'", 'ws:', 'wss:'].sort());
  });

  it('no plugins, no frames, no <base>, forms stay on the site', () => {
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-src']).toEqual(["'none'"]);
    expect(["'none'", "'self'"]).toContain(csp['base-uri']![0]);
    expect(csp['base-uri']).toHaveLength(1);
    expect(csp['form-action']).toEqual(["'self'"]);
  });

  it('has nothing a <meta> cannot carry (frame-ancestors, report-uri, sandbox: headers only)', () => {
    for (const headerOnly of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) expect(csp).not.toHaveProperty(headerOnly);
  });

  it('is put first into the built index.html, and only into the build', () => {
    const plugin = contentSecurityPolicy();
    expect(plugin.apply).toBe('build');
    const hook = plugin.transformIndexHtml as (html: string) => unknown;
    expect(hook('<html><head></head></html>')).toEqual([
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: formatCsp() }, injectTo: 'head-prepend' },
    ]);
    // index.html itself has no inline script or style for the policy to refuse.
    const html = readFileSync(path.join(ROOT, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b|\sstyle="/);
  });
});

/** Ways of writing raw HTML into the page; any of them would need (and defeat) a looser policy. */
const RAW_HTML: [string, RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(?:ln)?\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['eval', /(?<![\w.])eval\s*\(|\bnew\s+Function\s*\(/],
  ['static style attribute', /\sstyle="/],
];

function rawHtmlIn(text: string): string[] {
  return RAW_HTML.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(tsx?|jsx?|mjs|mts|html)$/.test(name) ? [full] : [];
  });
}

describe('nothing in src/ writes raw HTML', () => {
  it('the audit recognises each way of doing it', () => {
    const samples = [
      'el.innerHTML = text',
      '<div innerHTML={props.html} />',
      'node.outerHTML = x',
      "el.insertAdjacentHTML('beforeend', x)",
      'document.write(x)',
      'document.writeln(x)',
      'range.createContextualFragment(x)',
      'new DOMParser().parseFromString(x, "text/html")',
      '<iframe srcdoc={x} />',
      'eval(code)',
      'new Function(code)',
      '<span style="color: red">',
    ];
    for (const sample of samples) expect(rawHtmlIn(sample), sample).not.toEqual([]);
    expect(rawHtmlIn("el.textContent = text; <li style={{ 'background-color': color }} />; retrieval(x)")).toEqual([]);
  });

  it('no file of src/ uses any of them', () => {
    const files = [...sourceFiles(path.join(ROOT, 'src')), path.join(ROOT, 'index.html')];
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => rawHtmlIn(readFileSync(file, 'utf8')).map((what) => `${path.relative(ROOT, file)}: ${what}`));
    expect(found).toEqual([]);
  });
});
