import type { TFunction } from 'i18next';
import type { Services } from '../../services.js';
import type { Actor } from '../../platform/policy.js';

/** Roles of the actor in the current hromada, with their scope in words. */
export async function presentStaffHome(services: Services, actor: Actor, t: TFunction) {
  if (actor.hromadaId === null) return { roles: [] };
  const names = await services.db.tx({ hromadaId: actor.hromadaId }, async (c) => {
    const d = await c.query<{ id: number; name: string }>('SELECT id, name FROM districts');
    const a = await c.query<{ id: number; name: string }>('SELECT id, name FROM agencies');
    return { districts: new Map(d.rows.map((r) => [r.id, r.name])), agencies: new Map(a.rows.map((r) => [r.id, r.name])) };
  });
  const roles = actor.grants.map((g) => ({
    role: g.role,
    name: t(`roles.${g.role}`),
    task: t(`roleTasks.${g.role}`),
    scope: g.districtId !== null
      ? t('scope.district', { name: names.districts.get(g.districtId) ?? '' })
      : g.agencyId !== null
        ? t('scope.agency', { name: names.agencies.get(g.agencyId) ?? '' })
        : t('scope.hromada'),
  }));
  return { roles };
}
