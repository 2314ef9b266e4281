import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import type { FormValues } from '../../platform/forms.js';
import { SETTINGS, type Setting } from './provider-rules.js';
import type {
  ProviderData,
  ProviderListRow,
  ProviderRow,
  ProviderServiceRow,
  ProviderStaffRow,
} from './providers.queries.js';
import type { ProviderApiBody, ProviderInput, ProviderJson } from './providers.schema.js';

/** The form's input as the registry stores it (absent optional values are empty). */
export function providerData(i: ProviderInput): ProviderData {
  return {
    name: i.name,
    ownership: i.ownership,
    code: i.code ?? null,
    address: i.address ?? null,
    phone: i.phone ?? null,
    email: i.email ?? null,
    licence: i.licence ?? null,
    places: i.places ?? null,
    hoursPerMonth: i.hoursPerMonth ?? null,
    staffCount: i.staffCount ?? null,
    active: i.active,
    agreementNumber: i.agreementNumber ?? null,
    agreementDate: i.agreementDate ?? null,
  };
}

/** The audit's names of the groups of a provider's data that an edit changed. */
export function changedFields(before: ProviderRow, d: ProviderData): string[] {
  const groups: [string, unknown[], unknown[]][] = [
    ['providerName', [before.name], [d.name]],
    ['ownership', [before.ownership], [d.ownership]],
    ['code', [before.code], [d.code]],
    ['address', [before.address], [d.address]],
    ['contacts', [before.phone, before.email], [d.phone, d.email]],
    ['licence', [before.licence], [d.licence]],
    [
      'providerCapacity',
      [before.places, before.hours_per_month, before.staff_count],
      [d.places, d.hoursPerMonth, d.staffCount],
    ],
    ['providerActive', [before.active], [d.active]],
    ['interMunicipalAgreement', [before.agreement_number, before.agreement_date], [d.agreementNumber, d.agreementDate]],
  ];
  return groups.filter(([, a, b]) => a.some((v, i) => v !== b[i])).map(([name]) => name);
}

/** A stored provider as its form's values. */
export function providerFormValues(p: ProviderRow): FormValues {
  const [y = '', m = '', d = ''] = (p.agreement_date ?? '').split('-');
  const text = (v: string | number | null) => (v == null ? '' : String(v));
  return {
    name: p.name,
    ownership: p.ownership,
    code: text(p.code),
    address: text(p.address),
    phone: text(p.phone),
    email: text(p.email),
    licence: text(p.licence),
    places: text(p.places),
    hoursPerMonth: text(p.hours_per_month),
    staffCount: text(p.staff_count),
    active: p.active ? 'yes' : '',
    agreementNumber: text(p.agreement_number),
    ...(p.agreement_date ? { 'agreementDate-day': d, 'agreementDate-month': m, 'agreementDate-year': y } : {}),
  };
}

const activeTag = (t: TFunction, active: boolean) =>
  active
    ? { text: t('providers.active.yes'), classes: 'govuk-tag--green' }
    : { text: t('providers.active.no'), classes: 'govuk-tag--grey' };

/** A provider in the list. */
export function presentProviderItem(p: ProviderListRow, t: TFunction) {
  return {
    href: `/providers/${p.id}`,
    name: p.name,
    ownership: t(`providers.ownership.${p.ownership}`),
    code: p.code ?? '—',
    services: p.services,
    active: activeTag(t, p.active),
  };
}

/** The provider's page: registry data, services with where they are delivered, capacity, staff accounts. */
export function presentProvider(
  p: ProviderRow,
  services: ProviderServiceRow[],
  staff: ProviderStaffRow[],
  t: TFunction,
) {
  const none = t('providers.notGiven');
  const or = (v: string | number | null) => (v == null || v === '' ? none : String(v));
  const byService = new Map<
    string,
    { serviceId: string; name: string; settings: { value: Setting; text: string }[] }
  >();
  for (const s of services) {
    const entry = byService.get(s.service_id) ?? { serviceId: s.service_id, name: s.name, settings: [] };
    if (s.setting) entry.settings.push({ value: s.setting, text: t(`providers.setting.${s.setting}`) });
    byService.set(s.service_id, entry);
  }
  const agreement =
    p.agreement_number || p.agreement_date
      ? t('providers.agreementText', {
          number: p.agreement_number ?? '—',
          date: p.agreement_date ? displayDate(p.agreement_date) : '—',
        })
      : none;
  return {
    id: p.id,
    name: p.name,
    active: activeTag(t, p.active),
    rows: [
      [t('providers.field.ownership'), t(`providers.ownership.${p.ownership}`)],
      [t(p.ownership === 'fop' ? 'providers.field.rnokpp' : 'providers.field.edrpou'), or(p.code)],
      [t('providers.field.address'), or(p.address)],
      [t('providers.field.phone'), or(p.phone)],
      [t('providers.field.email'), or(p.email)],
      [t('providers.field.licence'), or(p.licence)],
      [t('providers.field.agreement'), agreement],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    capacity: [
      [t('providers.field.places'), or(p.places)],
      [t('providers.field.hoursPerMonth'), or(p.hours_per_month)],
      [t('providers.field.staffCount'), or(p.staff_count)],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    services: [...byService.values()],
    staff: staff.map((s) => ({
      href: `/staff-development/${s.user_id}`,
      name: s.display_name,
      role: t(`roles.${s.role}`),
      active: s.active,
    })),
  };
}

export const settingOptions = (t: TFunction) => SETTINGS.map((s) => ({ value: s, text: t(`providers.setting.${s}`) }));

/** A provider as the API gives it: the registry's data and, per catalogue service, where it is delivered. */
export function providerToJson(p: ProviderRow, services: ProviderServiceRow[]): ProviderJson {
  const byService = new Map<string, { serviceId: string; name: string; settings: Setting[] }>();
  for (const s of services) {
    const entry = byService.get(s.service_id) ?? { serviceId: s.service_id, name: s.name, settings: [] };
    if (s.setting) entry.settings.push(s.setting);
    byService.set(s.service_id, entry);
  }
  return {
    id: p.id,
    name: p.name,
    ownership: p.ownership,
    code: p.code,
    active: p.active,
    address: p.address,
    phone: p.phone,
    email: p.email,
    licence: p.licence,
    places: p.places,
    hoursPerMonth: p.hours_per_month,
    staffCount: p.staff_count,
    agreementNumber: p.agreement_number,
    agreementDate: p.agreement_date,
    services: [...byService.values()],
  };
}

/** The API's body as the registry form's input (an absent value is empty). */
export function providerInputOfApi(b: ProviderApiBody): ProviderInput {
  const opt = <T>(v: T | null) => v ?? undefined;
  return {
    name: b.name,
    ownership: b.ownership,
    code: opt(b.code),
    address: opt(b.address),
    phone: opt(b.phone),
    email: opt(b.email),
    licence: opt(b.licence),
    places: opt(b.places),
    hoursPerMonth: opt(b.hoursPerMonth),
    staffCount: opt(b.staffCount),
    active: b.active,
    agreementNumber: opt(b.agreementNumber),
    agreementDate: opt(b.agreementDate),
  };
}
