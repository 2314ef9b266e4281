import type { TFunction } from 'i18next';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/policy.js';
import {
  listAgencies, listDistricts, listSettlements, requireDistrict, requireHromada, searchHromadas, type HromadaRow,
} from './hromadas.queries.js';

export const HROMADA_PAGE_SIZE = 25;

export function presentHromada(h: HromadaRow, t: TFunction) {
  return {
    id: h.id, code: h.code, name: h.name, raion: h.raion, oblast: h.oblast, active: h.active,
    activatedAt: h.activated_at,
    status: h.active ? t('admin.hromadas.active') : t('admin.hromadas.inactive'),
  };
}

export async function loadHromadaSearch(db: Db, q: string, page: number, t: TFunction) {
  const { rows, total } = await db.tx({ hromadaId: null }, (c) =>
    searchHromadas(c, q, HROMADA_PAGE_SIZE, (page - 1) * HROMADA_PAGE_SIZE));
  const pages = Math.max(1, Math.ceil(total / HROMADA_PAGE_SIZE));
  const href = (p: number) => `/admin/hromadas?q=${encodeURIComponent(q)}&page=${p}`;
  return {
    q, total, hromadas: rows.map((h) => presentHromada(h, t)),
    pagination: pages > 1 ? {
      previous: page > 1 ? { href: href(page - 1), text: t('pagination.previous') } : undefined,
      next: page < pages ? { href: href(page + 1), text: t('pagination.next') } : undefined,
      items: Array.from({ length: pages }, (_, i) => i + 1)
        .filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
        .map((n) => ({ number: n, href: href(n), current: n === page })),
    } : null,
  };
}

/** A hromada with its districts and agencies, read in that hromada's tenant context. */
export async function loadHromadaPage(db: Db, actor: Actor, hromadaId: number, t: TFunction) {
  const data = await db.tx({ hromadaId, userId: actor.userId }, async (c) => ({
    hromada: await requireHromada(c, hromadaId),
    districts: await listDistricts(c, hromadaId),
    agencies: await listAgencies(c, hromadaId),
  }));
  return {
    hromada: presentHromada(data.hromada, t),
    districts: data.districts,
    agencies: data.agencies.map((a) => ({ ...a, kindName: t(`admin.agencies.kind_${a.kind}`) })),
    isSuperadmin: actor.isSuperadmin,
  };
}

/** A district with every settlement of the hromada, ticked when it belongs to this district. */
export async function loadDistrictPage(db: Db, actor: Actor, hromadaId: number, districtId: number, t: TFunction) {
  const data = await db.tx({ hromadaId, userId: actor.userId }, async (c) => ({
    hromada: await requireHromada(c, hromadaId),
    district: await requireDistrict(c, hromadaId, districtId),
    settlements: await listSettlements(c, hromadaId),
  }));
  return {
    hromada: presentHromada(data.hromada, t),
    district: data.district,
    settlementItems: data.settlements.map((s) => ({
      value: s.code,
      text: `${t(`admin.settlementCategory.${s.category}`)} ${s.name}`,
      checked: s.district_id === districtId,
      hint: s.district_id !== null && s.district_id !== districtId
        ? { text: t('admin.districts.inOther', { name: s.district_name ?? '' }) } : undefined,
    })),
  };
}
