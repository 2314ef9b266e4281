/** Only same-site absolute paths may be redirect targets (no open redirects). */
export function safeReturnPath(p: string | undefined, fallback = '/'): string {
  if (!p || !p.startsWith('/') || p.startsWith('//') || p.startsWith('/\\')) return fallback;
  return p;
}
