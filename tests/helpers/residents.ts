import type { TestApp } from './app.js';
import type { HttpClient } from './http.js';

export const RESIDENT_PASSWORD = 'Kalyna-Sadok-2026';

/** The path and query of the link to `path` in an e-mail's text (the host is the test server's). */
export function linkIn(text: string, path: string): string {
  const m = text.match(new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`));
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  const url = new URL(m[0]);
  return url.pathname + url.search;
}

/** Fills in the registration form (valid unless `extra` overrides a field). */
export async function registerResident(c: HttpClient, email: string, extra: Record<string, string | null> = {}) {
  await c.get('/resident/register');
  return c.post('/resident/register', {
    name: 'Оксана Петренко',
    email,
    password: RESIDENT_PASSWORD,
    passwordConfirm: RESIDENT_PASSWORD,
    consent: 'yes',
    ...extra,
  });
}

/** The audit actions recorded about a user, oldest first. */
export const auditActionsOf = async (t: TestApp, userId: string) =>
  (
    await t.owner<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [userId])
  ).rows.map((r) => r.action);
