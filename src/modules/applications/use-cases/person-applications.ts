import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { kyivToday } from '../../../platform/dates.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadCalendar, personApplicationRows, type ApplicationRow } from '../applications.queries.js';
import { queueReach } from '../applications.policy.js';
import type { WorkCalendar } from '../working-days.js';

export interface PersonApplications {
  rows: ApplicationRow[];
  today: string;
  calendar: WorkCalendar;
}

/**
 * The person card's «Заяви»: the person's applications within the actor's reach (a starosta: its
 * district's), newest first. Null when the actor's role does not read applications. The person must be
 * readable by the actor; the read is audited (also when nothing is found, the check itself is a read).
 */
export async function personApplications(o: UseCase<{ personId: string }>): Promise<PersonApplications | null> {
  if (!o.actor || !can(o.actor, 'applications.read')) return null;
  const reach = queueReach(o.actor);
  if (!reach) return null;
  return inTenant(o, 'applications.read', async ({ c, actor, hromadaId, audit }) => {
    await requirePerson(c, actor, 'registry.read', o.personId);
    const rows = await personApplicationRows(c, hromadaId, o.personId, reach.districtId);
    await audit({
      action: 'person.applications.view',
      operation: 'read',
      entityType: 'person',
      entityId: o.personId,
      fields: ['applications'],
      reason: `results:${rows.length}`,
    });
    return { rows, today: kyivToday(), calendar: await loadCalendar(c, hromadaId) };
  });
}
