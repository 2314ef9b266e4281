import type { TFunction } from 'i18next';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import type { TokenListRow } from './api.queries.js';

/** The last day a token works (it expires at the following midnight, Kyiv time). */
export const lastValidDay = (expiresAt: Date | null) =>
  expiresAt ? formatDate(new Date(expiresAt.getTime() - 1)) : '';

export function presentTokens(rows: TokenListRow[], t: TFunction, now = new Date()) {
  return rows.map((r) => {
    const expired = r.expires_at !== null && r.expires_at <= now;
    const status = r.revoked_at
      ? t('api.tokens.status.revoked', { date: formatDate(r.revoked_at) })
      : expired
        ? t('api.tokens.status.expired', { date: lastValidDay(r.expires_at) })
        : r.expires_at
          ? t('api.tokens.status.activeUntil', { date: lastValidDay(r.expires_at) })
          : t('api.tokens.status.active');
    return {
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      owner: r.owner,
      created: formatDateTime(r.created_at),
      lastUsed: r.last_used_at ? formatDateTime(r.last_used_at) : t('api.tokens.neverUsed'),
      status,
      canRevoke: !r.revoked_at && !expired,
    };
  });
}
