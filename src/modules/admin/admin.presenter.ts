import type { TFunction } from 'i18next';
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../platform/policy.js';
import { ROLES } from '../../platform/policy.js';
import { compareUk } from '../../platform/i18n.js';
import { listGrantsOf, listStaff, scopeOptions, type GrantRow, type StaffRow } from './users.queries.js';
import { manageableUser } from './users.policy.js';

export const PAGE_SIZE = 25;

export function presentStaff(u: StaffRow, t: TFunction) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    active: u.active,
    status: u.active ? t('admin.users.active') : t('admin.users.inactive'),
    roles: u.roles.map((r) => t(`roles.${r}`)).sort(compareUk).join(', ') || t('admin.users.noRoles'),
    mfa: u.mfa_enrolled ? t('admin.users.mfaYes') : t('admin.users.mfaNo'),
    mustChangePassword: u.must_change_password,
    isSuperadmin: u.is_superadmin,
  };
}

export function presentGrant(g: GrantRow, t: TFunction) {
  return {
    id: g.id,
    role: g.role,
    roleName: t(`roles.${g.role}`),
    scope: g.district_id !== null ? t('scope.district', { name: g.district_name ?? '' })
      : g.agency_id !== null ? t('scope.agency', { name: g.agency_name ?? '' }) : t('scope.hromada'),
  };
}

/** The paginated, sorted staff list of the current hromada. */
export async function loadStaffList(db: Db, actor: Actor, hromadaId: number, q: {
  sort: 'name' | 'username'; dir: 'asc' | 'desc'; page: number;
}, t: TFunction) {
  const { rows, total } = await db.tx({ hromadaId, userId: actor.userId }, (c) =>
    listStaff(c, hromadaId, { sort: q.sort, dir: q.dir, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE }));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (p: { sort?: string; dir?: string; page?: number }) =>
    `/admin/users?sort=${p.sort ?? q.sort}&dir=${p.dir ?? q.dir}&page=${p.page ?? 1}`;
  const column = (key: 'name' | 'username') => ({
    href: href({ sort: key, dir: q.sort === key && q.dir === 'asc' ? 'desc' : 'asc' }),
    ariaSort: q.sort === key ? (q.dir === 'asc' ? 'ascending' : 'descending') : 'none',
  });
  return {
    users: rows.map((r) => presentStaff(r, t)),
    total,
    columns: { name: column('name'), username: column('username') },
    pagination: pages > 1 ? {
      previous: q.page > 1 ? { href: href({ page: q.page - 1 }), text: t('pagination.previous') } : undefined,
      next: q.page < pages ? { href: href({ page: q.page + 1 }), text: t('pagination.next') } : undefined,
      items: Array.from({ length: pages }, (_, i) => i + 1)
        .filter((n) => n === 1 || n === pages || Math.abs(n - q.page) <= 2)
        .map((n) => ({ number: n, href: href({ page: n }), current: n === q.page })),
    } : null,
  };
}

/** A staff member with their grants here and the choices for a new grant. */
export async function loadUserDetail(db: Db, actor: Actor, hromadaId: number, userId: string, t: TFunction) {
  const data = await db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const user = await manageableUser(c, actor, hromadaId, userId);
    return { user, grants: await listGrantsOf(c, hromadaId, userId), options: await scopeOptions(c, hromadaId) };
  });
  const grants = data.grants.map((g) => presentGrant(g, t));
  const isSelf = userId === actor.userId;
  const ownAdminGrants = grants.filter((g) => g.role === 'admin').length;
  return {
    user: presentStaff(data.user, t),
    isSelf,
    grants: grants.map((g) => ({ ...g, removable: !(isSelf && g.role === 'admin' && ownAdminGrants === 1) })),
    roleItems: ROLES.map((r) => ({ value: r, text: t(`roles.${r}`) })),
    districtItems: data.options.districts.map((d) => ({ value: String(d.id), text: d.name })),
    agencyItems: data.options.agencies.map((a) => ({ value: String(a.id), text: a.name })),
  };
}
