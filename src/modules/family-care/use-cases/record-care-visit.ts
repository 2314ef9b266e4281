import { ValidationError, type Problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { VisitKind } from '../care-rules.js';
import { requireCurrentPlacement } from '../family-care.policy.js';
import { insertCareVisit } from '../family-care.queries.js';

/**
 * Records a visit to a placed child, or the yearly review of the placement (a review ends with a conclusion:
 * continue, more support, or end the placement). The day is not in the future nor before the placement; the next
 * one falls due from it. Audited.
 */
export async function recordCareVisit(
  o: UseCase<{
    householdId: string;
    placementId: string;
    input: { kind: VisitKind; heldOn: string; findings: string; conclusion?: 'continue' | 'support' | 'end' };
  }>,
): Promise<void> {
  return inTenant(o, 'care.visit', async ({ c, actor, hromadaId, audit }) => {
    const p = await requireCurrentPlacement(c, actor, 'care.visit', o.householdId, o.placementId);
    const i = o.input;
    const problems: Problem[] = [];
    if (i.heldOn > kyivToday()) problems.push({ field: 'heldOn', key: 'care.v.future', href: '#heldOn-day' });
    else if (i.heldOn < p.placed_on)
      problems.push({ field: 'heldOn', key: 'care.v.visitBeforePlacement', href: '#heldOn-day' });
    if (i.kind === 'review' && !i.conclusion) problems.push({ field: 'conclusion', key: 'care.v.conclusion' });
    if (problems.length) throw new ValidationError(problems);
    await insertCareVisit(c, {
      hromadaId,
      placementId: p.id,
      kind: i.kind,
      heldOn: i.heldOn,
      findings: i.findings,
      conclusion: i.kind === 'review' ? (i.conclusion ?? null) : null,
      by: actor.userId,
    });
    await audit({
      action: i.kind === 'review' ? 'care.review' : 'care.visit',
      operation: 'write',
      entityType: 'person',
      entityId: p.child_id,
      fields: i.kind === 'review' ? ['review', 'findings'] : ['visits', 'findings'],
      reason: `placement:${p.id}`,
    });
  });
}
