import { AppError, problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  CASE_COMMAND_NAMES,
  NEEDS_APPROVAL,
  NEEDS_APPROVED_PLAN,
  NEEDS_REASON,
  nextCaseStatus,
  type CaseCommand,
  type CaseStatus,
} from '../case-machine.js';
import { requireCase } from '../cases.policy.js';
import { addCaseEvent, setCaseStatus } from '../cases.queries.js';
import { loadPlan } from '../plan.queries.js';

/** What closing a case writes. */
const CLOSING_FIELDS = ['status', 'closedOn', 'closeReason'];

/**
 * Moves a case along its status machine. Closing is refused here: it is asked for and approved by a supervisor
 * (request-closure, decide-closure); activating needs the individual plan approved. The version the worker saw must be current (else 409:
 * someone changed the case meanwhile, nothing is overwritten); closing and reopening need a reason.
 * The timeline keeps every step, a reopened case keeps its history; audited.
 */
export async function changeCaseStatus(
  o: UseCase<{ id: string; command?: CaseCommand; to?: CaseStatus; reason?: string; version?: number }>,
): Promise<{ status: CaseStatus; version: number }> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    if (o.version !== undefined && row.version !== o.version)
      throw new AppError('conflict', { messageKey: 'cases.errors.stale' });
    // A command (the page's buttons), or the status wanted (the API): the command that leads there from now.
    const command = o.command ?? CASE_COMMAND_NAMES.find((c) => o.to && nextCaseStatus(row.status, c) === o.to);
    const to = command ? nextCaseStatus(row.status, command) : null;
    if (!command || !to) throw new AppError('conflict', { messageKey: 'cases.errors.illegalTransition' });
    if (NEEDS_APPROVAL.includes(command))
      throw new AppError('conflict', { messageKey: 'cases.closure.errors.needsApproval' });
    if (NEEDS_APPROVED_PLAN.includes(command) && (await loadPlan(c, hromadaId, row.id))?.status !== 'approved')
      throw new AppError('conflict', { messageKey: 'cases.plan.errors.notApproved' });
    const reason = o.reason?.trim() ?? '';
    if (NEEDS_REASON.includes(command) && !reason) throw problem('reason', 'cases.v.reason');
    const version = await setCaseStatus(c, hromadaId, row.id, {
      to,
      closedOn: to === 'closed' ? kyivToday() : null,
      closeReason: to === 'closed' ? reason : null,
    });
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: command,
      from: row.status,
      to,
      note: reason || null,
    });
    await audit({
      action: `case.${command}`,
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: to === 'closed' ? CLOSING_FIELDS : ['status'],
    });
    return { status: to, version };
  });
}
