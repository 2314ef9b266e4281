import { formatDate } from '../../platform/i18n.js';
import type { FormErrors } from '../../platform/forms.js';
import type { PasskeyRow } from './passkeys.queries.js';
import { MAX_PASSKEYS } from './passkeys.policy.js';

export interface PasskeyView {
  id: string;
  name: string;
  created: string;
  lastUsed: string | null;
}

export const presentPasskey = (r: PasskeyRow): PasskeyView => ({
  id: r.id,
  name: r.name,
  created: formatDate(r.created_at),
  lastUsed: r.last_used_at ? formatDate(r.last_used_at) : null,
});

/** The account page's passkey section; null hides it (not an administrator). */
export function presentPasskeySection(rows: PasskeyRow[] | null) {
  if (!rows) return null;
  return { items: rows.map(presentPasskey), full: rows.length >= MAX_PASSKEYS, max: MAX_PASSKEYS };
}

/** The JSON answer the browser script shows in the page's error summary (`{ text, href }` lines). */
export const jsonErrors = (errors: FormErrors, redirect?: string) => ({
  errors: errors.errorSummary,
  ...(redirect ? { redirect } : {}),
});
