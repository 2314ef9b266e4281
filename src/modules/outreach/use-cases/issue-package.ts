import crypto from 'node:crypto';
import { AppError, problem } from '../../../platform/errors.js';
import { verifyPassword } from '../../../platform/passwords.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { settlementDistricts } from '../../persons-web/persons-web.queries.js';
import { deviceAbilities, requireTripWorker, residentsFor } from '../outreach.policy.js';
import {
  insertPackage,
  packageOffices,
  packagePersons,
  packageServices,
  tripSettlements,
  tripStops,
  userPasswordHash,
} from '../outreach.queries.js';
import { auditResidentsSent, packageExpiryDays, packageJson } from '../package-contents.js';
import { signPackage } from '../package-token.js';

/**
 * A member of a trip's staff takes its offline package with their password (checked here, so the device's key is derived
 * from the real one): the trip's residents only, the catalogue, the offices and settlements. A new package closes the
 * worker's earlier one of the trip. Every resident in it is an audited read; the package itself is recorded.
 */
export async function issuePackage(o: UseCase<{ tripId: string; password: string }>) {
  return inTenant(o, 'outreach.work', async ({ c, actor, hromadaId, audit }) => {
    const trip = await requireTripWorker(c, actor, o.tripId, true);
    if (trip.status !== 'planned') throw new AppError('conflict', { messageKey: 'outreach.errors.notPlanned' });
    if (!(await verifyPassword(await userPasswordHash(c, actor.userId), o.password)))
      throw problem('password', 'outreach.v.wrongPassword');
    const may = deviceAbilities(actor);
    const persons = residentsFor(actor, await packagePersons(c, hromadaId, trip.id));
    const shown = new Set(persons.map((p) => p.id));
    const salt = crypto.randomBytes(16).toString('base64');
    const expiresAt = new Date(Date.now() + packageExpiryDays(o.services.config) * 86_400_000);
    const row = await insertPackage(c, hromadaId, {
      tripId: trip.id,
      userId: actor.userId,
      salt,
      expiresAt,
      persons: persons.length,
    });
    const claims = { packageId: row.id, tripId: trip.id, workerId: actor.userId, expiresAt };
    const pkg = packageJson({
      ...claims,
      id: row.id,
      issuedAt: row.issued_at,
      salt,
      trip,
      settlements: await tripSettlements(c, hromadaId, trip.id),
      stops: (await tripStops(c, hromadaId, trip.id)).filter((s) => shown.has(s.person_id)),
      persons,
      may,
      services: await packageServices(c, hromadaId),
      offices: await packageOffices(c, hromadaId),
      allSettlements: await settlementDistricts(c, hromadaId),
    });
    await audit({
      action: 'outreach.package.issue',
      operation: 'read',
      entityType: 'outreach_trip',
      entityId: trip.id,
      reason: `package:${row.id} persons:${String(persons.length)}`,
    });
    await auditResidentsSent(audit, persons, `package:${row.id}`);
    return { token: signPackage(o.services.keys.outreach, claims), package: pkg };
  });
}
