import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { membership, type Relation } from '../households.queries.js';
import { householdAudit, requireHousehold } from './household-access.js';

interface Options { services: Services; actor: Actor | null; householdId: string; personId: string; meta?: RequestMeta }

function tx<T>(o: Options, fn: (c: import('pg').PoolClient, actor: Actor) => Promise<T>): Promise<T> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId!, userId: actor.userId }, async (c) => {
    await requireHousehold(c, actor, 'registry.write', o.householdId);
    return fn(c, actor);
  });
}

/** Adds a person the actor can see to the household (again, if they had left it). */
export function addMember(o: Options & { relation: Exclude<Relation, 'head'> }): Promise<void> {
  return tx(o, async (c, actor) => {
    await requirePerson(c, actor, 'registry.read', o.personId);
    const current = await membership(c, o.householdId, o.personId);
    if (current && !current.left_on) throw new AppError('conflict', { messageKey: 'households.v.alreadyMember' });
    await c.query(
      `INSERT INTO household_members (hromada_id, household_id, person_id, relation) VALUES ($1, $2, $3, $4)
       ON CONFLICT (household_id, person_id) DO UPDATE SET relation = EXCLUDED.relation, joined_on = current_date, left_on = NULL`,
      [actor.hromadaId, o.householdId, o.personId, o.relation]);
    await writeAudit(c, householdAudit(actor, o.householdId, 'household.member.add', 'write', ['members', `relation:${o.relation}`],
      o.meta, `person:${o.personId}`));
  });
}

/** The person leaves the household today (kept as a former member); a leaving head leaves it without a head. */
export function removeMember(o: Options): Promise<void> {
  return tx(o, async (c, actor) => {
    const { rowCount } = await c.query(
      `UPDATE household_members SET left_on = current_date WHERE household_id = $1 AND person_id = $2 AND left_on IS NULL`,
      [o.householdId, o.personId]);
    if (rowCount !== 1) throw new AppError('not_found');
    await c.query(`UPDATE households SET head_person_id = NULL WHERE id = $1 AND head_person_id = $2`, [o.householdId, o.personId]);
    await writeAudit(c, householdAudit(actor, o.householdId, 'household.member.remove', 'write', ['members'], o.meta,
      `person:${o.personId}`));
  });
}
