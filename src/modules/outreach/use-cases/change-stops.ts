import { AppError, problem } from '../../../platform/errors.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { mayReadResident, requireTrip, requireTripWorker } from '../outreach.policy.js';
import { deleteStop, insertStop, loadStop, moveStop, recordStopOutcome } from '../outreach.queries.js';

export type StopChange =
  | { kind: 'add'; personId: string; source: 'booking' | 'case' | 'application' | 'manual'; reason: string | null }
  | { kind: 'move'; stopId: string; direction: 'up' | 'down' }
  | { kind: 'remove'; stopId: string }
  | { kind: 'outcome'; stopId: string; outcome: 'served' | 'not_home' | 'refused'; note: string | null };

/**
 * Changes a trip's route: adds a resident at the end (one the planner reaches; once per trip), moves a stop up or down,
 * removes it (while the trip is planned), or records how the visit went. Audited.
 */
export async function changeStops(o: UseCase<{ tripId: string; change: StopChange }>) {
  const ch = o.change;
  const outcome = ch.kind === 'outcome';
  return inTenant(o, outcome ? 'outreach.work' : 'outreach.plan', async ({ c, actor, hromadaId, audit }) => {
    // An outcome is recorded by a planner or by a member of the trip's staff; the route is changed by planners.
    const trip =
      outcome && !can(actor, 'outreach.read')
        ? await requireTripWorker(c, actor, o.tripId, true)
        : await requireTrip(c, actor, outcome ? 'outreach.read' : 'outreach.plan', o.tripId, true);
    if (ch.kind !== 'outcome' && trip.status !== 'planned')
      throw new AppError('conflict', { messageKey: 'outreach.errors.notPlanned' });
    if (ch.kind === 'outcome' && trip.status === 'cancelled')
      throw new AppError('conflict', { messageKey: 'outreach.errors.notPlanned' });
    let stopId: string | null = null;
    if (ch.kind === 'add') {
      const person = await requirePerson(c, actor, 'registry.read', ch.personId);
      if (person.mergedInto) throw problem('personId', 'outreach.v.merged');
      if (
        !(await insertStop(c, hromadaId, {
          tripId: trip.id,
          personId: ch.personId,
          source: ch.source,
          reason: ch.reason,
        }))
      )
        throw problem('personId', 'outreach.v.alreadyStop');
    } else {
      const stop = await loadStop(c, hromadaId, trip.id, ch.stopId);
      // A stop of a resident the member may not see is as if there were none.
      if (!stop || !mayReadResident(actor, stop)) throw new AppError('not_found');
      stopId = stop.id;
      if (ch.kind === 'move') await moveStop(c, hromadaId, trip.id, stop.id, ch.direction === 'up' ? -1 : 1);
      if (ch.kind === 'remove') await deleteStop(c, hromadaId, trip.id, stop.id);
      if (ch.kind === 'outcome')
        await recordStopOutcome(c, hromadaId, {
          tripId: trip.id,
          stopId: stop.id,
          outcome: ch.outcome,
          note: ch.note,
          by: actor.userId,
        });
    }
    await audit({
      action: `outreach.stop.${ch.kind}`,
      operation: 'write',
      entityType: 'outreach_trip',
      entityId: trip.id,
      fields: ch.kind === 'outcome' ? ['outcome', 'note'] : ['stops'],
      reason: stopId ? `stop:${stopId}` : null,
    });
  });
}
