import type { TFunction } from 'i18next';
import type { Actor } from '../../platform/policy.js';
import type { AgencyRow, DistrictRow, HromadaRow, SettlementRow } from './hromadas.queries.js';
import { listPagination } from './admin.presenter.js';
import { HROMADA_PAGE_SIZE } from './use-cases/search-hromadas.js';

export function presentHromada(h: HromadaRow, t: TFunction) {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    raion: h.raion,
    oblast: h.oblast,
    active: h.active,
    activatedAt: h.activated_at,
    status: h.active ? t('admin.hromadas.active') : t('admin.hromadas.inactive'),
  };
}

export function presentHromadaSearch(
  data: { rows: HromadaRow[]; total: number },
  q: string,
  page: number,
  t: TFunction,
) {
  const { rows, total } = data;
  const pages = Math.max(1, Math.ceil(total / HROMADA_PAGE_SIZE));
  const href = (p: number) => `/admin/hromadas?q=${encodeURIComponent(q)}&page=${p}`;
  return {
    q,
    total,
    hromadas: rows.map((h) => presentHromada(h, t)),
    pagination: listPagination(page, pages, href, t),
  };
}

/** A hromada with its districts and agencies. */
export function presentHromadaPage(
  data: { hromada: HromadaRow; districts: DistrictRow[]; agencies: AgencyRow[] },
  actor: Actor,
  t: TFunction,
) {
  return {
    hromada: presentHromada(data.hromada, t),
    districts: data.districts,
    agencies: data.agencies.map((a) => ({ ...a, kindName: t(`admin.agencies.kind_${a.kind}`) })),
    isSuperadmin: actor.isSuperadmin,
  };
}

/** A district with every settlement of the hromada, ticked when it belongs to this district. */
export function presentDistrictPage(
  data: { hromada: HromadaRow; district: DistrictRow; settlements: SettlementRow[] },
  t: TFunction,
) {
  const districtId = data.district.id;
  return {
    hromada: presentHromada(data.hromada, t),
    district: data.district,
    settlementItems: data.settlements.map((s) => ({
      value: s.code,
      text: `${t(`admin.settlementCategory.${s.category}`)} ${s.name}`,
      checked: s.district_id === districtId,
      hint:
        s.district_id !== null && s.district_id !== districtId
          ? { text: t('admin.districts.inOther', { name: s.district_name ?? '' }) }
          : undefined,
    })),
  };
}
