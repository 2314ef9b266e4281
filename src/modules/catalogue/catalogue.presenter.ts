import type { FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { parseQuery } from '../../platform/forms.js';
import { doneQuery } from './catalogue.schema.js';
import { formatDate, type Locale } from '../../platform/i18n.js';
import type { ServiceCard, ServiceRow, SituationRow } from './catalogue.queries.js';

export interface CategoryName {
  code: string;
  name_uk: string;
  name_en: string;
}

const nameIn = (row: { name: string; name_en: string | null }, locale: Locale) =>
  locale === 'en' && row.name_en ? row.name_en : row.name;

/** «10 робочих днів», «1 робочий день»; crisis services: «не пізніше ніж через 1 день». */
export function deadlineText(t: TFunction, row: Pick<ServiceRow, 'crisis' | 'max_processing_days'>): string {
  if (row.crisis) return t('catalogue.deadline.crisis');
  return t('catalogue.deadline.workingDays', { count: row.max_processing_days });
}

export function ageText(t: TFunction, minAge: number | null, maxAge: number | null): string | null {
  if (minAge !== null && maxAge !== null) return t('catalogue.age.between', { min: minAge, max: maxAge });
  if (minAge !== null) return t('catalogue.age.from', { min: minAge });
  if (maxAge !== null) return t('catalogue.age.upTo', { max: maxAge });
  return null;
}

export function presentListItem(row: ServiceRow, t: TFunction, locale: Locale) {
  return {
    id: row.id,
    href: `/services/${row.id}`,
    name: nameIn(row, locale),
    code: row.code,
    description: row.description ?? '',
    cost: t(`catalogue.cost.${row.cost}`),
    free: row.cost === 'free',
    deadline: deadlineText(t, row),
    crisis: row.crisis,
    forEveryone: row.eligible_categories.length === 0,
    active: row.active,
    version: row.version,
    updatedAt: formatDate(row.updated_at),
  };
}

/** The information card and the technological card as the public page and print show them. */
export function presentCard(
  card: ServiceCard,
  t: TFunction,
  locale: Locale,
  categories: CategoryName[],
  situations: { slug: string; name: string }[],
) {
  const s = card.service;
  const catName = new Map(categories.map((c) => [c.code, locale === 'en' ? c.name_en : c.name_uk]));
  return {
    ...presentListItem(s, t, locale),
    recipients: s.recipients,
    conditions: s.conditions,
    categories: s.eligible_categories.map((c) => catName.get(c) ?? c),
    age: ageText(t, s.min_age, s.max_age),
    tariff: s.tariff,
    channels: s.channels.map((c) => t(`catalogue.channel.${c}`)),
    online: s.channels.includes('online'),
    legalBasis: s.legal_basis,
    bring: card.documents
      .filter((d) => !d.obtained_by_office)
      .map((d) => ({ name: d.name, optional: d.kind === 'optional', withOffice: d.kind === 'office_fills' })),
    office: card.documents
      .filter((d) => d.obtained_by_office)
      .map((d) => ({ name: d.name, optional: d.kind === 'optional' })),
    providers: card.providers.map((p) => p.name),
    steps: card.steps.map((st, i) => ({
      number: i + 1,
      title: st.title,
      role: st.responsible_role,
      limit:
        st.time_limit_days === null
          ? null
          : st.time_limit_days === 0
            ? t('catalogue.deadline.sameDay')
            : t('catalogue.deadline.workingDays', { count: st.time_limit_days }),
    })),
    situations: situations.map((x) => ({ name: x.name, href: `/life-situations/${x.slug}` })),
  };
}

export function presentSituation(row: SituationRow) {
  return {
    id: row.id,
    slug: row.slug,
    href: `/life-situations/${row.slug}`,
    name: row.name,
    summary: row.summary,
    steps: row.instruction
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    active: row.active,
  };
}

/** The service as the API gives it. */
export function serviceToJson(card: ServiceCard) {
  const s = card.service;
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    nameEn: s.name_en,
    description: s.description,
    recipients: s.recipients,
    conditions: s.conditions,
    eligibleCategories: s.eligible_categories,
    minAge: s.min_age,
    maxAge: s.max_age,
    maxProcessingDays: s.max_processing_days,
    crisis: s.crisis,
    requiredDocuments: card.documents.map((d) => ({
      name: d.name,
      obtainedByOffice: d.obtained_by_office,
      required: d.kind === 'required',
      kind: d.kind,
    })),
    paid: s.cost,
    tariff: s.tariff,
    channels: s.channels,
    legalBasis: s.legal_basis,
    providers: card.providers.map((p) => ({ id: p.id, name: p.name })),
    steps: card.steps.map((st, i) => ({
      position: i + 1,
      title: st.title,
      responsibleRole: st.responsible_role,
      timeLimitDays: st.time_limit_days,
    })),
    version: s.version,
    updatedAt: s.updated_at.toISOString(),
  };
}

/** The confirmation of the change just made (`?done=…`), or null. */
export function doneFlash(req: FastifyRequest): string | null {
  const q = parseQuery(req, doneQuery);
  return q.ok && q.data.done ? req.t(`catalogue.admin.done.${q.data.done}`) : null;
}
