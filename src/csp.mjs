// @ts-check
/**
 * The Content Security Policy of the built site (README, "Security headers"). Put into the built
 * index.html as a `<meta http-equiv>` by `contentSecurityPolicy()` in vite.config.ts; not in the dev
 * server, whose CSS arrives as inline `<style>` elements (Vite's HMR) that `style-src 'self'` refuses.
 *
 * Each directive, and why it is enough:
 * - scripts, styles, images, fonts, the manifest and the service worker come from the site itself;
 *   Solid sets dynamic styles through the CSSOM (`element.style`), which CSP does not restrict, and
 *   no template carries a `style="…"` attribute, so no `'unsafe-inline'` is needed anywhere;
 * - `connect-src`: the site itself, and the signaling relays, which are WebSockets on any host
 *   (`ws:`/`wss:`: a workspace's settings or link may name any relay). WebRTC data channels are not
 *   governed by CSP. Downloads (backups, minutes) are `blob:` links the person follows, not fetches;
 * - nothing is framed, no plugins, no `<base>`, forms never leave the site.
 *
 * `frame-ancestors` cannot be set in a `<meta>` (browsers ignore it there): hosts should send
 * `Content-Security-Policy: frame-ancestors 'none'` as an HTTP header (README).
 */
/** @type {Readonly<Record<string, readonly string[]>>} */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

/** The policy as one header or `<meta content>` value. @param {Readonly<Record<string, readonly string[]>>} [directives] */
export function formatCsp(directives = CSP_DIRECTIVES) {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Parse a policy back into directives (for tests and checks of a built page). @param {string} policy */
export function parseCsp(policy) {
  /** @type {Record<string, string[]>} */
  const directives = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources;
  }
  return directives;
}
