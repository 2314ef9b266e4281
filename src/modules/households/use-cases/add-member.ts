import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import {
  birthDates,
  householdHead,
  joinHousehold,
  membership,
  relationWarning,
  type Relation,
  type RelationWarning,
} from '../households.queries.js';
import { requireHousehold } from '../households.policy.js';

export type AddMemberResult =
  { kind: 'added' } | { kind: 'needs_confirmation'; warning: RelationWarning; headBirth: string; memberBirth: string };

/**
 * Adds a person the actor can see to the household (again, if they had left it). A relation the
 * birth dates contradict (a child older than the head, a parent younger) is asked to confirm first.
 */
export async function addMember(
  o: UseCase<{ householdId: string; personId: string; relation: Exclude<Relation, 'head'>; confirm?: boolean }>,
): Promise<AddMemberResult> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId, audit }) => {
    await requireHousehold(c, actor, 'registry.write', o.householdId);
    await requirePerson(c, actor, 'registry.read', o.personId);
    const current = await membership(c, o.householdId, o.personId);
    if (current && !current.left_on) throw new AppError('conflict', { messageKey: 'households.v.alreadyMember' });
    if (!o.confirm) {
      const head = await householdHead(c, o.householdId);
      if (head) {
        const dates = await birthDates(c, [head, o.personId]);
        const headBirth = dates.get(head) ?? null;
        const memberBirth = dates.get(o.personId) ?? null;
        const warning = relationWarning(o.relation, headBirth, memberBirth);
        // A warning means both birth dates are known.
        if (warning && headBirth && memberBirth) return { kind: 'needs_confirmation', warning, headBirth, memberBirth };
      }
    }
    await joinHousehold(c, hromadaId, o.householdId, o.personId, o.relation);
    await audit({
      action: 'household.member.add',
      operation: 'write',
      entityType: 'household',
      entityId: o.householdId,
      fields: ['members', `relation:${o.relation}`],
      reason: `person:${o.personId}`,
    });
    return { kind: 'added' };
  });
}
