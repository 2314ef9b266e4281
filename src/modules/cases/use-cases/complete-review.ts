import { AppError, problem } from '../../../platform/errors.js';
import { addDays, isIsoDate, kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent } from '../cases.queries.js';
import type { ReviewOutcome } from '../plan-machine.js';
import {
  closureRequest,
  insertReview,
  loadPlan,
  setClosureRequest,
  setPlanStatus,
  setReviewOn,
} from '../plan.queries.js';

/**
 * Records a review of the plan done today: what was found and the outcome. «Continue» keeps the plan (the next
 * review on the date given, else after the plan's interval); «change plan» makes the plan a draft for the
 * supervisor to approve again; «close» asks the supervisor to close the case with the review's note as the reason.
 * In the timeline; audited.
 */
export async function completeReview(
  o: UseCase<{ id: string; outcome: ReviewOutcome; note: string; nextReviewOn?: string }>,
): Promise<void> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const plan = await loadPlan(c, hromadaId, row.id, true);
    if (!plan) throw new AppError('conflict', { messageKey: 'cases.plan.errors.noPlan' });
    const today = kyivToday();
    const note = o.note.trim();
    if (!note) throw problem('reviewNote', 'cases.review.v.note');
    if (note.length > 4000) throw problem('reviewNote', 'cases.plan.v.long');
    if (o.nextReviewOn !== undefined && (!isIsoDate(o.nextReviewOn) || o.nextReviewOn <= today))
      throw problem('nextReviewOn', 'cases.review.v.next');
    const next =
      o.outcome === 'close'
        ? null
        : (o.nextReviewOn ?? (plan.review_interval_days ? addDays(today, plan.review_interval_days) : null));
    await insertReview(c, {
      hromadaId,
      caseId: row.id,
      reviewedOn: today,
      outcome: o.outcome,
      note,
      nextReviewOn: next,
      by: actor,
    });
    await setReviewOn(c, hromadaId, row.id, next);
    if (o.outcome === 'change_plan' && plan.status !== 'draft')
      await setPlanStatus(c, hromadaId, row.id, { status: 'draft', by: actor.userId });
    if (o.outcome === 'close' && !(await closureRequest(c, hromadaId, row.id)))
      await setClosureRequest(c, hromadaId, row.id, { by: actor.userId, reason: note });
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: `cases.review.event.${o.outcome}`,
      note,
    });
    const closing = o.outcome === 'close';
    await audit({
      action: 'case.review',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['review', ...(closing ? ['closeReason'] : [])],
      reason: `outcome:${o.outcome}`,
    });
  });
}
