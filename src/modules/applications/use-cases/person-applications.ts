import type { Services } from '../../../services.js';
import { can, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { SELECT_APPLICATION, loadCalendar, type ApplicationRow } from '../applications.queries.js';
import { queueReach } from '../applications.policy.js';
import { kyivToday, type WorkCalendar } from '../working-days.js';

export interface PersonApplications { rows: ApplicationRow[]; today: string; calendar: WorkCalendar }

/**
 * The person card's «Заяви»: the person's applications within the actor's reach (a starosta: its
 * district's), newest first. Null when the actor's role does not read applications. The person must be
 * readable by the actor; the read is audited (also when nothing is found, the check itself is a read).
 */
export async function personApplications(services: Services, o: { actor: Actor; personId: string; meta?: RequestMeta })
  : Promise<PersonApplications | null> {
  if (!can(o.actor, 'applications.read')) return null;
  const reach = queueReach(o.actor);
  if (!reach) return null;
  const hromadaId = o.actor.hromadaId!;
  return services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
    await requirePerson(c, o.actor, 'registry.read', o.personId);
    const values: unknown[] = [hromadaId, o.personId];
    let cond = 'a.hromada_id = $1 AND a.person_id = $2';
    if (reach.districtId !== undefined) {
      values.push(reach.districtId);
      cond += ` AND a.district_id = $${values.length}`;
    }
    const { rows } = await c.query<ApplicationRow>(
      `${SELECT_APPLICATION} WHERE ${cond} ORDER BY a.created_at DESC, a.id LIMIT 200`, values);
    await writeAudit(c, { ...auditBy(o.actor, o.meta, hromadaId), action: 'person.applications.view', operation: 'read',
      entityType: 'person', entityId: o.personId, fields: ['applications'], reason: `results:${rows.length}` });
    return { rows, today: kyivToday(), calendar: await loadCalendar(c, hromadaId) };
  });
}
