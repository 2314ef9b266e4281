/**
 * Who reaches which trip: the trips are the hromada's (planned and read by social workers and managers); only a member of
 * a trip's staff takes its offline package and syncs it. A member sees, on the trip's page and in the package, only
 * the residents their registry reach allows (a provider's worker: the people their provider serves; a starosta: their
 * district). A conflict is its worker's, and a manager's to supervise.
 */
import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { authorize, can, type Action, type TenantActor } from '../../platform/policy.js';
import { isTripStaff, loadConflict, loadPackage, loadTrip } from './outreach.queries.js';
import { PackageRefusal, packageIdOf, packageTokenValid } from './package-token.js';

export async function requireTrip(c: PoolClient, actor: TenantActor, action: Action, id: string, forUpdate = false) {
  authorize(actor, action);
  const trip = await loadTrip(c, actor.hromadaId, id, forUpdate);
  if (!trip) throw new AppError('not_found');
  return trip;
}

/** The trip, when the actor is on its staff (anyone else: 404, as if there were none). */
export async function requireTripWorker(c: PoolClient, actor: TenantActor, id: string, forUpdate = false) {
  const trip = await requireTrip(c, actor, 'outreach.work', id, forUpdate);
  if (!(await isTripStaff(c, actor.hromadaId, id, actor.userId))) throw new AppError('not_found');
  return trip;
}

/**
 * The open package a device's token names, with its trip: the signed-in worker's own (403), the token unchanged and
 * the package open — not replaced by a newer one nor closed by the trip's end (409) — and not expired (410). Each
 * refuses everything the device asks with that package (`PackageRefusal`).
 */
export async function requireOpenPackage(c: PoolClient, actor: TenantActor, key: Buffer, token: string) {
  const packageId = packageIdOf(token);
  const pkg = packageId ? await loadPackage(c, actor.hromadaId, packageId) : null;
  if (!pkg) throw new PackageRefusal(409, 'outreach.sync.tampered');
  if (pkg.user_id !== actor.userId) throw new PackageRefusal(403, 'outreach.sync.otherWorker');
  const claims = { packageId: pkg.id, tripId: pkg.trip_id, workerId: pkg.user_id, expiresAt: pkg.expires_at };
  if (!packageTokenValid(key, token, claims)) throw new PackageRefusal(409, 'outreach.sync.tampered');
  if (pkg.closed_at)
    throw new PackageRefusal(
      409,
      pkg.closed_reason === 'finished' ? 'outreach.sync.finished' : 'outreach.sync.replaced',
    );
  if (pkg.expires_at.getTime() < Date.now()) throw new PackageRefusal(410, 'outreach.sync.expired');
  return { pkg, trip: await requireTripWorker(c, actor, pkg.trip_id) };
}

/** A conflict its worker or a supervising manager may see and resolve. */
export async function requireConflict(c: PoolClient, actor: TenantActor, id: string, forUpdate = false) {
  const k = await loadConflict(c, actor.hromadaId, id, forUpdate);
  if (!k || (k.user_id !== actor.userId && !can(actor, 'outreach.supervise'))) throw new AppError('not_found');
  return k;
}

/** Whether the actor may see this resident of a trip (their registry reach: district, the providers serving them). */
export const mayReadResident = (actor: TenantActor, r: { district_id: number | null; agencies: number[] }): boolean =>
  can(actor, 'registry.read', { hromadaId: actor.hromadaId, districtId: r.district_id, agencyIds: r.agencies });

/** The providers whose services the actor records as their own worker (acts are written by who delivered them). */
export const actAgencies = (actor: TenantActor): number[] =>
  actor.grants.flatMap((g) =>
    g.role === 'provider' && g.agencyId !== null && g.hromadaId === actor.hromadaId ? [g.agencyId] : [],
  );

/** The trip's residents this member may see, each with only their own provider's assignments (acts are theirs). */
export function residentsFor<
  T extends { district_id: number | null; agencies: number[]; assignments: { agencyId: number }[] },
>(actor: TenantActor, rows: T[]): T[] {
  const mine = new Set(actAgencies(actor));
  return rows
    .filter((r) => mayReadResident(actor, r))
    .map((r) => ({ ...r, assignments: r.assignments.filter((a) => mine.has(a.agencyId)) }));
}

/** What a member of a trip's staff may do on the device (the server checks each operation again when it is synced). */
export function deviceAbilities(actor: TenantActor) {
  return {
    register: can(actor, 'registry.write'),
    apply: can(actor, 'applications.register'),
    note: can(actor, 'cases.write'),
    book: can(actor, 'appointments.book'),
    act: actAgencies(actor).length > 0,
  };
}
