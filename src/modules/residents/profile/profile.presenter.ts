import type { TFunction } from 'i18next';
import type { ProfileRow } from './profile.queries.js';
import { NEEDS, type Channel } from './profile.schema.js';
import { formatPhone } from './phone.js';
import { maskEmail } from '../residents.presenter.js';

/** The profile's values as the form shows them (strings; a missing profile shows the defaults). */
export interface ProfileValues {
  phone: string;
  contactEmail: string;
  contactChannel: Channel;
  emailNotifications: 'yes' | 'no';
  textSize: string;
  contrast: string;
  needs: string[];
  otherNeeds: string;
}

/** The form's starting values: the saved profile, else the sign-in e-mail and the browser's current site settings. */
export function profileValues(p: ProfileRow | null, loginEmail: string, a11yCookie: string | undefined): ProfileValues {
  const [text, contrast] = (a11yCookie ?? '').split('.');
  return {
    phone: formatPhone(p?.phone),
    contactEmail: p?.contact_email ?? loginEmail,
    contactChannel: p?.contact_channel ?? 'email',
    emailNotifications: p && !p.email_notifications ? 'no' : 'yes',
    textSize: p?.text_size ?? (['large', 'larger'].includes(text) ? text : 'normal'),
    contrast: p?.contrast ?? (contrast === 'high' ? 'high' : 'normal'),
    needs: p?.needs ?? [],
    otherNeeds: p?.other_needs ?? '',
  };
}

/**
 * Rows of a summary list: how to reach the resident and what they need (for the cabinet and for
 * staff). The cabinet (`own`) shows the resident's display settings and the e-mail masked, as
 * everywhere on the cabinet's pages; staff see the address they are to write to.
 */
export function profileSummary(p: ProfileRow | null, loginEmail: string | null, t: TFunction, o: { own: boolean }) {
  const P = 'residents.profile.';
  const none = t(`${P}notGiven`);
  const email = p?.contact_email ?? loginEmail;
  const rows = [
    { key: t(`${P}channel`), value: t(`${P}channels.${p?.contact_channel ?? 'email'}`) },
    { key: t(`${P}phone`), value: formatPhone(p?.phone) || none },
    { key: t(`${P}contactEmail`), value: email ? (o.own ? maskEmail(email) : email) : none },
    { key: t(`${P}emailNotifications`), value: t(p && !p.email_notifications ? `${P}no` : `${P}yes`) },
  ];
  if (o.own) {
    rows.push({
      key: t(`${P}display`),
      value: [t(`${P}textSizes.${p?.text_size ?? 'normal'}`), t(`${P}contrasts.${p?.contrast ?? 'normal'}`)].join('; '),
    });
  }
  const needs = NEEDS.filter((n) => p?.needs.includes(n)).map((n) => t(`${P}needs.${n}`));
  rows.push({ key: t(`${P}needsTitle`), value: needs.length ? needs.join('; ') : t(`${P}noNeeds`) });
  if (p?.other_needs) rows.push({ key: t(`${P}otherNeeds`), value: p.other_needs });
  return rows;
}

/** The same as rows of the govuk summary list. */
export const summaryRows = (rows: { key: string; value: string }[]) =>
  rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } }));

/** The checkboxes of needs, ticked as in `chosen`. */
export const needItems = (chosen: string[], t: TFunction) =>
  NEEDS.map((n) => ({ value: n, text: t(`residents.profile.needs.${n}`), checked: chosen.includes(n) }));
