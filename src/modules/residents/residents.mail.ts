import type { MailMessage } from '../../platform/mail.js';
import { isLocale, translator } from '../../platform/i18n.js';

/** E-mails of the residents module, in the recipient's language. Links carry only a random token. */
const tFor = (locale: string) => translator(isLocale(locale) ? locale : 'uk');
/** The values a mail text interpolates. */
const vars = (v: Record<string, string>) => v;

export function verificationMail(
  to: string,
  locale: string,
  name: string,
  baseUrl: string,
  token: string,
): MailMessage {
  const t = tFor(locale);
  const link = `${baseUrl}/resident/verify?token=${encodeURIComponent(token)}`;
  return { to, subject: t('residents.mail.verifySubject'), text: t('residents.mail.verifyBody', vars({ name, link })) };
}

export function accountExistsMail(to: string, locale: string, baseUrl: string): MailMessage {
  const t = tFor(locale);
  return {
    to,
    subject: t('residents.mail.existsSubject'),
    text: t('residents.mail.existsBody', {
      loginLink: `${baseUrl}/resident/login`,
      forgotLink: `${baseUrl}/resident/password/forgot`,
    }),
  };
}

export function resetMail(to: string, locale: string, baseUrl: string, token: string): MailMessage {
  const t = tFor(locale);
  const link = `${baseUrl}/resident/password/reset?token=${encodeURIComponent(token)}`;
  return { to, subject: t('residents.mail.resetSubject'), text: t('residents.mail.resetBody', vars({ link })) };
}
