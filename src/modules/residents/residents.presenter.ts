import type { TFunction } from 'i18next';
import { formatDate } from '../../platform/i18n.js';
import type { IdentityRow, UserRow } from './residents.queries.js';

/** r***t@example.com: first and last character of the local part, the domain in full. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  const masked = local.length <= 2 ? `${local[0]}***` : `${local[0]}***${local[local.length - 1]}`;
  return `${masked}${email.slice(at)}`;
}

export interface CabinetView {
  name: string;
  maskedEmail: string;
  emailVerified: boolean;
  locale: string;
  identities: { provider: string; linkedAt: string }[];
}

export function presentCabinet(
  user: UserRow,
  identities: IdentityRow[],
  t: TFunction,
  providerName: (issuer: string) => string,
): CabinetView {
  return {
    name: user.display_name,
    maskedEmail: user.email ? maskEmail(user.email) : '',
    emailVerified: user.email_verified_at !== null,
    locale: user.locale,
    identities: identities.map((i) => ({
      provider: providerName(i.issuer),
      linkedAt: t('residents.cabinet.linkedAt', { date: formatDate(i.created_at) }),
    })),
  };
}
