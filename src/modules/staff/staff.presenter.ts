import type { TFunction } from 'i18next';
import type { Actor } from '../../platform/policy.js';
import type { StaffHomeData } from './use-cases/get-staff-home.js';

/** Roles of the actor in the current hromada, with their scope in words. */
export function presentStaffHome(data: StaffHomeData | null, actor: Actor, t: TFunction) {
  if (!data) return { roles: [] };
  const { names } = data;
  const roles = actor.grants.map((g) => ({
    role: g.role,
    name: t(`roles.${g.role}`),
    task: t(`roleTasks.${g.role}`),
    scope:
      g.districtId !== null
        ? t('scope.district', { name: names.districts.get(g.districtId) ?? '' })
        : g.agencyId !== null
          ? t('scope.agency', { name: names.agencies.get(g.agencyId) ?? '' })
          : t('scope.hromada'),
  }));
  return { roles };
}
