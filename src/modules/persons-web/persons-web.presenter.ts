import type { TFunction } from 'i18next';
import type { PersonListRow } from '../persons/persons.search.js';
import type { CategoryRow, PersonRow } from '../persons/persons.queries.js';
import type { SimilarRow } from '../persons/persons.queries.js';
import type { RnokppMismatch } from '../persons/identity/index.js';
import { checkRnokpp, identityMessage } from '../persons/identity/index.js';
import { displayDate, todayIso } from '../../platform/dates.js';

export const fullName = (r: { last_name: string; first_name: string; patronymic: string | null }) =>
  [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(' ');

export interface ListItem {
  id: string;
  href: string;
  name: string;
  birthDate: string;
  rnokpp: string;
  settlement: string;
}

export function presentListItem(r: PersonListRow): ListItem {
  return {
    id: r.id,
    href: `/persons/${r.id}`,
    name: fullName(r),
    birthDate: displayDate(r.birth_date),
    rnokpp: r.rnokpp_mask ?? '—',
    settlement: r.settlement_name ?? '—',
  };
}

/** @deprecated import `pageNumbers` from `platform/pagination.ts` (kept for the modules that still import it from here). */
export { pageNumbers } from '../../platform/pagination.js';

export interface CategoryView {
  id: string;
  name: string;
  validFrom: string;
  validTo: string;
  evidence: string;
  details: string;
  active: boolean;
  ended: string;
}

export function presentCategory(k: CategoryRow, locale: string): CategoryView {
  const today = todayIso();
  const active = !k.ended_at && (!k.valid_to || k.valid_to >= today) && (!k.valid_from || k.valid_from <= today);
  return {
    id: k.id,
    name: locale === 'en' ? k.name_en : k.name_uk,
    validFrom: displayDate(k.valid_from),
    validTo: displayDate(k.valid_to),
    evidence: k.evidence ?? '',
    details: k.details ?? '',
    active,
    ended: k.ended_at ? displayDate(k.ended_at.toISOString().slice(0, 10)) : '',
  };
}

export interface PersonView {
  id: string;
  name: string;
  latinName: string;
  birthDate: string;
  sex: string;
  rnokpp: string;
  unzr: string;
  hasRnokpp: boolean;
  hasUnzr: boolean;
  phone: string;
  email: string;
  address: string;
  district: string;
  deathDate: string;
  version: number;
  updatedAt: Date;
}

export function presentPerson(p: PersonRow, t: TFunction): PersonView {
  const address = [
    p.reg_settlement_name,
    p.reg_street,
    p.reg_house && t('personsWeb.card.house', { n: p.reg_house }),
    p.reg_apartment && t('personsWeb.card.apartment', { n: p.reg_apartment }),
  ]
    .filter(Boolean)
    .join(', ');
  return {
    id: p.id,
    name: fullName(p),
    latinName: p.latin_name,
    birthDate: displayDate(p.birth_date),
    sex: p.sex ? t(`personsWeb.sex.${p.sex}`) : '—',
    rnokpp: p.rnokpp_mask ?? (p.rnokpp_absence ? t(`personsWeb.absence.${p.rnokpp_absence}`) : '—'),
    unzr: p.unzr_mask ?? '—',
    hasRnokpp: !!p.rnokpp_mask,
    hasUnzr: !!p.unzr_mask,
    phone: p.contacts_hidden ? t('personsWeb.card.contactsHidden') : (p.phone ?? '—'),
    email: p.contacts_hidden ? t('personsWeb.card.contactsHidden') : (p.email ?? '—'),
    address: p.contacts_hidden ? t('personsWeb.card.contactsHidden') : address || '—',
    district: p.district_name ?? '—',
    deathDate: displayDate(p.death_date),
    version: p.version,
    updatedAt: p.updated_at,
  };
}

/** The confirmation step: what to check, in the user's language, and the similar persons' cards. */
export function presentConfirmation(
  mismatches: RnokppMismatch[],
  similar: SimilarRow[],
  t: TFunction,
  locale: string,
  rnokpp?: string,
  similarBeyondReach = false,
) {
  const lang = locale === 'en' ? 'en' : 'uk';
  const decoded = rnokpp ? checkRnokpp(rnokpp.replace(/\s/g, '')) : null;
  return {
    mismatches: mismatches.map((m) =>
      decoded?.ok
        ? identityMessage(`rnokpp.${m}Mismatch`, lang, { rnokppBirthDate: displayDate(decoded.birthDate) })
        : t(`personsWeb.confirm.${m}Mismatch`),
    ),
    similar: similar.map((s) => ({
      href: `/persons/${s.id}`,
      name: fullName(s),
      birthDate: displayDate(s.birth_date),
    })),
    beyondReach: similarBeyondReach ? t('personsWeb.confirm.similarBeyondReach') : null,
  };
}
