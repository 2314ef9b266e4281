import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { birthDates, membership, relationWarning, type Relation, type RelationWarning } from '../households.queries.js';
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

export type AddMemberResult = { kind: 'added' } | { kind: 'needs_confirmation'; warning: RelationWarning; headBirth: string; memberBirth: string };

/**
 * Adds a person the actor can see to the household (again, if they had left it). A relation the
 * birth dates contradict (a child older than the head, a parent younger) is asked to confirm first.
 */
export function addMember(o: Options & { relation: Exclude<Relation, 'head'>; confirm?: boolean }): Promise<AddMemberResult> {
  return tx(o, async (c, actor) => {
    await requirePerson(c, actor, 'registry.read', o.personId);
    const current = await membership(c, o.householdId, o.personId);
    if (current && !current.left_on) throw new AppError('conflict', { messageKey: 'households.v.alreadyMember' });
    if (!o.confirm) {
      const head = (await c.query<{ head_person_id: string | null }>('SELECT head_person_id FROM households WHERE id = $1', [o.householdId]))
        .rows[0]?.head_person_id;
      const dates = head ? await birthDates(c, [head, o.personId]) : new Map<string, string | null>();
      const warning = head ? relationWarning(o.relation, dates.get(head) ?? null, dates.get(o.personId) ?? null) : null;
      if (warning) return { kind: 'needs_confirmation', warning, headBirth: dates.get(head!)!, memberBirth: dates.get(o.personId)! };
    }
    await c.query(
      `INSERT INTO household_members (hromada_id, household_id, person_id, relation) VALUES ($1, $2, $3, $4)
       ON CONFLICT (household_id, person_id) DO UPDATE SET relation = EXCLUDED.relation, joined_on = current_date, left_on = NULL`,
      [actor.hromadaId, o.householdId, o.personId, o.relation]);
    await writeAudit(c, householdAudit(actor, o.householdId, 'household.member.add', 'write', ['members', `relation:${o.relation}`],
      o.meta, `person:${o.personId}`));
    return { kind: 'added' };
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
