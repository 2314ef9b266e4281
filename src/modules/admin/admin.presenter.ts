import type { TFunction } from 'i18next';
import { ROLES, type Actor } from '../../platform/policy.js';
import { compareUk } from '../../platform/i18n.js';
import { pageNumbers } from '../../platform/pagination.js';
import type { GrantRow, StaffRow } from './users.queries.js';
import { PAGE_SIZE } from './use-cases/list-staff.js';

export function presentStaff(u: StaffRow, t: TFunction) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    active: u.active,
    status: u.active ? t('admin.users.active') : t('admin.users.inactive'),
    roles:
      u.roles
        .map((r) => t(`roles.${r}`))
        .sort(compareUk)
        .join(', ') || t('admin.users.noRoles'),
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
    scope:
      g.district_id !== null
        ? t('scope.district', { name: g.district_name ?? '' })
        : g.agency_id !== null
          ? t('scope.agency', { name: g.agency_name ?? '' })
          : t('scope.hromada'),
  };
}

/** govuk pagination of a list: first, last and two either side of the current page. */
export function listPagination(page: number, pages: number, href: (page: number) => string, t: TFunction) {
  return pages > 1
    ? {
        previous: page > 1 ? { href: href(page - 1), text: t('pagination.previous') } : undefined,
        next: page < pages ? { href: href(page + 1), text: t('pagination.next') } : undefined,
        items: pageNumbers(page, pages)
          .filter((n) => n !== null)
          .map((n) => ({ number: n, href: href(n), current: n === page })),
      }
    : null;
}

/** The paginated, sorted staff list of the current hromada. */
export function presentStaffList(
  data: { rows: StaffRow[]; total: number },
  q: {
    sort: 'name' | 'username';
    dir: 'asc' | 'desc';
    page: number;
  },
  t: TFunction,
) {
  const { rows, total } = data;
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
    pagination: listPagination(q.page, pages, (page) => href({ page }), t),
  };
}

/** A staff member with their grants here and the choices for a new grant. */
export function presentUserDetail(
  data: {
    user: StaffRow;
    grants: GrantRow[];
    options: { districts: { id: number; name: string }[]; agencies: { id: number; name: string }[] };
  },
  actor: Actor,
  userId: string,
  t: TFunction,
) {
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
