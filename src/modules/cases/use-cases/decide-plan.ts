import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { addAssignmentHistory, insertPlanAssignment, reassign } from '../../assignments/assignments.queries.js';
import type { CaseServiceTermListener } from '../cases.hooks.js';
import { requireCase, requireOpen, requireSupervisor } from '../cases.policy.js';
import { addCaseEvent } from '../cases.queries.js';
import { caseRecipient, loadPlan, planItems, setPlanStatus } from '../plan.queries.js';

/**
 * The supervisor's decision on a submitted plan (a supervisor named on the team, or a manager): approve it, or
 * return it with a comment (required). Approval hands every service item not yet handed over to its provider (an
 * assignment in the existing hand-over; an item from the granted application keeps the application's), hands an
 * item its provider declined to the other provider the plan now names, and tells the
 * `caseServiceTerms` listeners of each service's term, all in this transaction. In the timeline; audited.
 */
export async function decidePlan(
  o: UseCase<{
    id: string;
    decision: 'approve' | 'return';
    comment?: string;
    version?: number;
    /** The `caseServiceTerms` listeners (routes pass `moduleHooks.all('caseServiceTerms')`). */
    serviceTerms?: readonly CaseServiceTermListener[];
  }>,
): Promise<{ assignments: number }> {
  return inTenant(o, 'cases.read', async (work) => {
    const { c, actor, hromadaId, audit } = work;
    const { row } = await requireCase(c, actor, 'cases.read', o.id, true);
    requireOpen(row);
    await requireSupervisor(c, actor, row);
    const plan = await loadPlan(c, hromadaId, row.id, true);
    if (!plan || plan.status !== 'submitted')
      throw new AppError('conflict', { messageKey: 'cases.plan.errors.notSubmitted' });
    if (o.version !== undefined && plan.version !== o.version)
      throw new AppError('conflict', { messageKey: 'cases.plan.errors.stale' });
    const comment = o.comment?.trim() ?? '';
    if (o.decision === 'return' && !comment) throw problem('comment', 'cases.plan.v.comment');
    if (comment.length > 2000) throw problem('comment', 'cases.plan.v.long');
    let made = 0;
    if (o.decision === 'approve') {
      const recipient = await caseRecipient(c, hromadaId, row.id);
      for (const item of await planItems(c, hromadaId, row.id)) {
        if (item.kind !== 'service' || !item.service_id) continue;
        if (!item.assignment_id && !item.application_id && item.agency_id !== null && recipient) {
          const assignmentId = await insertPlanAssignment(c, {
            hromadaId,
            caseId: row.id,
            planItemId: item.id,
            personId: recipient,
            serviceId: item.service_id,
            agencyId: item.agency_id,
            notes: item.text,
            by: actor,
          });
          await audit({
            action: 'assignment.assign',
            operation: 'write',
            entityType: 'assignment',
            entityId: assignmentId,
            fields: ['agency', 'status', 'service'],
            reason: `case:${row.id}`,
          });
          made++;
        } else if (
          item.assignment_id &&
          !item.application_id &&
          item.assignment_status === 'declined' &&
          item.agency_id !== null &&
          item.agency_id !== item.assignment_agency_id
        ) {
          // The provider declined and the plan now names another: the same hand-over goes to it.
          await reassign(c, item.assignment_id, item.agency_id, item.text);
          await addAssignmentHistory(c, {
            hromadaId,
            assignmentId: item.assignment_id,
            by: actor,
            event: 'reassign',
            from: 'declined',
            to: 'assigned',
            agencyId: item.agency_id,
            note: item.text,
            data: { case: row.id },
          });
          await audit({
            action: 'assignment.reassign',
            operation: 'write',
            entityType: 'assignment',
            entityId: item.assignment_id,
            fields: ['agency', 'status'],
            reason: `case:${row.id}`,
          });
          made++;
        }
        if (item.ends_on)
          for (const listen of o.serviceTerms ?? [])
            await listen({ ...work, services: o.services, kase: row, planItemId: item.id, endsOn: item.ends_on });
      }
    }
    await setPlanStatus(c, hromadaId, row.id, {
      status: o.decision === 'approve' ? 'approved' : 'returned',
      by: actor.userId,
      comment: comment || null,
    });
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: o.decision === 'approve' ? 'cases.plan.event.approved' : 'cases.plan.event.returned',
      note: comment || null,
      data: { version: plan.version, assignments: made },
    });
    await audit({
      action: o.decision === 'approve' ? 'case.plan.approve' : 'case.plan.return',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['plan', ...(comment ? ['comment'] : []), ...(made ? ['assignments'] : [])],
      reason: `version:${plan.version}`,
    });
    return { assignments: made };
  });
}
