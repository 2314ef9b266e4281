import { AppError, ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadPerson } from '../../persons/persons.queries.js';
import { openCase } from '../../cases/use-cases/open-case.js';
import { ADULT_AGE, ageOn, firstTerm } from '../care-rules.js';
import { requireCareFamily } from '../family-care.policy.js';
import { currentPlacementOfChild, insertPlacement } from '../family-care.queries.js';

/** The case type of a placed child (migration 0058). */
export const PLACEMENT_CASE_TYPE = 'family_care';

/**
 * Places a registry child with an active family: on a day (not in the future, not before the family's approval)
 * and on the basis of a decision (its number). The family has room (its capacity), the child is under 18 on that
 * day, with a known date of birth, and lives in no other family form now. A case of the type «child in family-based
 * care» opens for the child in the same transaction (the placer is its manager); a patronat placement gets its
 * three-month term. Audited (the placement and the case each).
 */
export async function placeChild(
  o: UseCase<{ id: string; input: { childId: string; placedOn: string; basis: string } }>,
): Promise<{ placementId: string; caseId: string }> {
  return inTenant(o, 'care.write', async ({ c, actor, hromadaId, audit }) => {
    const f = await requireCareFamily(c, actor, 'care.write', o.id, true);
    if (f.stage !== 'active') throw new AppError('conflict', { messageKey: 'care.errors.notActive' });
    const i = o.input;
    const scope = await requirePerson(c, actor, 'registry.read', i.childId);
    if (scope.mergedInto) throw new AppError('conflict', { messageKey: 'care.errors.merged' });
    const child = await loadPerson(c, hromadaId, i.childId);
    if (!child) throw new AppError('not_found');
    const problems: Problem[] = [];
    const date = (key: string) => problems.push({ field: 'placedOn', key, href: '#placedOn-day' });
    if (i.placedOn > kyivToday()) date('care.v.future');
    else if (f.decided_on && i.placedOn < f.decided_on) date('care.v.placedBeforeDecision');
    if (!child.birth_date) problems.push({ field: 'childId', key: 'care.v.noBirthDate' });
    else if (ageOn(child.birth_date, i.placedOn) >= ADULT_AGE) problems.push({ field: 'childId', key: 'care.v.adult' });
    if (child.id === f.head_person_id) problems.push({ field: 'childId', key: 'care.v.childIsCarer' });
    if (await currentPlacementOfChild(c, hromadaId, child.id))
      problems.push({ field: 'childId', key: 'care.v.alreadyPlaced' });
    if (f.placed >= f.capacity) problems.push({ field: 'childId', key: 'care.v.full', params: { count: f.capacity } });
    if (problems.length) throw new ValidationError(problems);
    const kase = await openCase({
      services: o.services,
      actor: o.actor,
      meta: o.meta,
      tx: c,
      audit,
      input: { personId: child.id, typeCode: PLACEMENT_CASE_TYPE, priority: 'normal' },
    });
    const placementId = await insertPlacement(c, {
      hromadaId,
      householdId: f.household_id,
      childId: child.id,
      caseId: kase.id,
      placedOn: i.placedOn,
      basis: i.basis,
      untilOn: firstTerm(f.form, i.placedOn),
      by: actor.userId,
    });
    await audit({
      action: 'care.place',
      operation: 'write',
      entityType: 'person',
      entityId: child.id,
      fields: ['family', 'placement', 'case'],
      reason: `household:${f.household_id}`,
    });
    return { placementId, caseId: kase.id };
  });
}
