import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { CreateHouseholdInput } from '../households.schema.js';
import { birthDates, insertHousehold, relationWarning } from '../households.queries.js';

/**
 * Creates a household headed by a person (write access to the head needed), with the head's
 * registration address and district, and the other members (each must be visible to the actor).
 */
export async function createHousehold(o: UseCase<{ input: CreateHouseholdInput }>): Promise<string> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId, audit }) => {
    const { headPersonId, members } = o.input;
    await requirePerson(c, actor, 'registry.write', headPersonId);
    for (const m of members) await requirePerson(c, actor, 'registry.read', m.personId);
    if (!o.input.confirm && members.length) {
      // Relations the birth dates contradict are refused until confirmed (as on the household page).
      const dates = await birthDates(c, [headPersonId, ...members.map((m) => m.personId)]);
      const warnings = members.flatMap((m) => {
        const w = relationWarning(m.relation, dates.get(headPersonId) ?? null, dates.get(m.personId) ?? null);
        return w ? [{ personId: m.personId, warning: w }] : [];
      });
      if (warnings.length) {
        throw new AppError('conflict', {
          messageKey: 'households.v.relationNeedsConfirmation',
          details: { needsConfirmation: true, warnings },
        });
      }
    }
    const id = await insertHousehold(c, hromadaId, actor.userId, headPersonId, members);
    await audit({
      action: 'household.create',
      operation: 'write',
      entityType: 'household',
      entityId: id,
      fields: ['head', 'address', 'members'],
      reason: `members:${String(members.length + 1)}`,
    });
    return id;
  });
}
