import type { TFunction } from 'i18next';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import type { ComparedPerson } from './use-cases/compare-persons.js';
import type { MergeRow, PairRow } from './persons-merge.queries.js';

export function presentPair(r: PairRow, t: TFunction) {
  return {
    aName: r.a_name,
    bName: r.b_name,
    aBirth: formatDate(r.a_birth),
    bBirth: formatDate(r.b_birth),
    why: r.reasons.map((x) => t(`personsMerge.duplicates.reason_${x}`)).join('; '),
    href: `/persons/merge?a=${r.a_id}&b=${r.b_id}`,
    label: t('personsMerge.duplicates.compareLabel', { a: r.a_name, b: r.b_name }),
  };
}

function identifier(p: ComparedPerson['person'], t: TFunction) {
  if (p.rnokpp_mask) return p.rnokpp_mask;
  return p.rnokpp_absence ? t(`personsMerge.absence.${p.rnokpp_absence}`) : '';
}

/** The side-by-side rows: label, value of A, value of B, whether they differ. */
export function comparisonRows(a: ComparedPerson, b: ComparedPerson, t: TFunction) {
  const values = (x: ComparedPerson) => ({
    name: [x.person.last_name, x.person.first_name, x.person.patronymic].filter(Boolean).join(' '),
    birthDate: formatDate(x.person.birth_date),
    sex: x.person.sex ? t(`personsMerge.sex.${x.person.sex}`) : '',
    rnokpp: identifier(x.person, t),
    unzr: x.person.unzr_mask ?? '',
    phone: x.person.phone ?? '',
    email: x.person.email ?? '',
    regAddress: x.person.reg_address ?? '',
    actAddress: x.person.act_address ?? '',
    district: x.person.district_name ?? '',
    deathDate: formatDate(x.person.death_date),
    categories: x.categories
      .filter((c) => !c.ended_at)
      .map((c) => c.name_uk)
      .join('; '),
    createdAt: formatDate(x.person.created_at),
  });
  const va = values(a);
  const vb = values(b);
  const fieldRows = (Object.keys(va) as (keyof typeof va)[]).map((k) => ({
    label: t(`personsMerge.field.${k}`),
    a: va[k] || '—',
    b: vb[k] || '—',
    differs: va[k] !== vb[k],
  }));
  // The counts come in the order of the links (the registry's own tables first).
  const linkRows = Object.keys(a.links).map((key) => {
    return {
      label: t(`personsMerge.link.${key}`, { defaultValue: t('personsMerge.link.other') }),
      a: String(a.links[key] ?? 0),
      b: String(b.links[key] ?? 0),
    };
  });
  return { fieldRows, linkRows };
}

const columnLabels = (columns: string[], t: TFunction) =>
  [...new Set(columns.map((c) => t(`personsMerge.column.${c}`, { defaultValue: c })))].join(', ');

export function presentMerge(m: MergeRow, t: TFunction) {
  const count = (rows: 'rows' | 'removed') =>
    m.moved.links
      .filter((l) => l[rows].length)
      .map(
        (l) =>
          `${t(`personsMerge.link.${l.table}.${l.column}`, { defaultValue: t('personsMerge.link.other') })}: ${l[rows].length}`,
      );
  return {
    id: m.id,
    when: formatDateTime(m.merged_at),
    survivorName: m.survivor_name,
    mergedName: m.merged_name,
    survivorBirth: formatDate(m.survivor_birth),
    survivorId: m.survivor_id,
    mergedId: m.merged_id,
    by: m.merged_by_label ?? '',
    undoneBy: m.undone_by_label ?? '',
    undone: m.undone_at !== null,
    status: m.undone_at
      ? t('personsMerge.merges.undone', { date: formatDateTime(m.undone_at) })
      : t('personsMerge.merges.active'),
    href: `/persons/merges/${m.id}`,
    moved: count('rows'),
    removed: count('removed'),
    filled: columnLabels(Object.keys(m.moved.filled), t),
  };
}

export function fieldsChangedMessage(columns: string[], t: TFunction) {
  return t('personsMerge.errors.fieldsChanged', { fields: columnLabels(columns, t) });
}

/** Previous/next links of a paged list. */
export function pagination(path: string, page: number, total: number, size: number, t: TFunction) {
  const last = Math.max(1, Math.ceil(total / size));
  if (last === 1) return null;
  return {
    previous:
      page > 1
        ? { href: `${path}?page=${page - 1}`, text: t('pagination.previous'), labelText: t('personsMerge.previous') }
        : undefined,
    next:
      page < last
        ? { href: `${path}?page=${page + 1}`, text: t('pagination.next'), labelText: t('personsMerge.next') }
        : undefined,
  };
}
