/** A stand-in origin for resolving a path the way a browser would; never sent anywhere. */
const BASE = 'http://turbota.invalid';
const MAX_LENGTH = 2000;

/**
 * The one check for every return address taken from a request (form field, query): only a
 * path of this site, after the normalisation a browser applies, may become a redirect target.
 * Refused (→ `fallback`): anything not starting with a single `/`, protocol-relative forms
 * (`//evil`, `/\evil`), any control character (tab, CR, LF — browsers drop tabs and newlines, so
 * `/\t/evil` would become `//evil`; CR LF would split the header), backslashes, and anything
 * that resolves to another origin. The answer is the normalised path, query and fragment.
 */
export function safeReturnPath(p: unknown, fallback = '/'): string {
  if (typeof p !== 'string' || p.length === 0 || p.length > MAX_LENGTH) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(p)) return fallback;
  if (!p.startsWith('/') || p.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(p, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const out = url.pathname + url.search + url.hash;
  // The normalised form must still be a single-slash path (e.g. `/././/evil` normalises to `//evil`).
  if (!out.startsWith('/') || out.startsWith('//')) return fallback;
  return out;
}

/** The one way to keep a page out of the browser's and proxies' caches (personal data, one-time secrets). */
export function noStore(reply: { header: (name: string, value: string) => unknown }): void {
  reply.header('cache-control', 'no-store');
  reply.header('pragma', 'no-cache');
}

/**
 * The origin that links sent out (e-mails, SMS, QR codes) point to: PUBLIC_URL when configured (production must set
 * it, so that a forged Host header cannot redirect links), else the origin of the request that causes the message,
 * else the server's own address (a job or a use-case with no request at hand).
 */
export function publicOrigin(
  config: { PUBLIC_URL?: string; HOST: string; PORT: number },
  requestOrigin?: string,
): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  if (requestOrigin) return requestOrigin.replace(/\/+$/, '');
  return `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
}
