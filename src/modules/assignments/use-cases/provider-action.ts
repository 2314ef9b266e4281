import type { PoolClient } from 'pg';
import { notifyApplicant } from '../../notifications/notifications.js';
import { AppError, ValidationError } from '../../../platform/errors.js';
import type { AuditWriter } from '../../../platform/audit.js';
import type { TenantActor } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { kyivToday } from '../../../platform/dates.js';
import { addHistory, loadApplication, setStatus } from '../../applications/applications.queries.js';
import { nextStatus, type Command } from '../../applications/status-machine.js';
import {
  STEPS,
  checkProviderInput,
  nextAssignmentStatus,
  type ProviderCommand,
  type ProviderInput,
} from '../assignment-machine.js';
import { addAssignmentHistory, recordProviderStep, type AssignmentRow } from '../assignments.queries.js';
import { requireAssignment } from '../assignments.policy.js';

export type ProviderActionOptions = UseCase<{
  id: string;
  command: ProviderCommand;
  input: ProviderInput;
  /** The version the provider saw; another current version means someone changed it meanwhile (409). */
  version?: number;
}>;

/**
 * The provider accepts, declines (with a reason), starts or completes (with a date and a note)
 * the service. Starting moves the application to "in delivery", completing it to "completed",
 * in the same transaction, so the application and the assignment never disagree.
 */
export async function providerAction(o: ProviderActionOptions): Promise<{ id: string; status: string }> {
  return inTenant(o, 'assignments.deliver', async ({ c, actor, hromadaId, audit }) => {
    const s = await requireAssignment(c, actor, 'assignments.deliver', o.id, true);
    if (o.version !== undefined && o.version !== s.version)
      throw new AppError('conflict', { messageKey: 'assignments.errors.stale' });
    const to = nextAssignmentStatus(s.status, o.command);
    if (!to) throw new AppError('conflict', { messageKey: 'assignments.errors.illegal' });
    const problems = checkProviderInput(o.command, o.input, kyivToday(), s.started_on);
    if (problems.length) throw new ValidationError(problems);
    const note = o.input.note?.trim() || null;
    const reason = o.command === 'decline' ? (o.input.reason ?? '').trim() : null;
    await recordProviderStep(c, s.id, { to, reason, date: o.input.date ?? null, note });
    await addAssignmentHistory(c, {
      hromadaId,
      by: actor,
      assignmentId: s.id,
      event: o.command,
      from: s.status,
      to,
      agencyId: s.agency_id,
      note,
      data: { ...(reason ? { reason } : {}), ...(o.input.date ? { date: o.input.date } : {}) },
    });
    await audit({
      operation: 'write',
      action: `assignment.${o.command}`,
      entityType: 'assignment',
      entityId: s.id,
      fields: [
        'status',
        ...(reason ? ['declineReason'] : []),
        ...(o.input.date ? ['date'] : []),
        ...(note ? ['note'] : []),
      ],
    });
    const command = STEPS[o.command].application;
    // An assignment from a case plan has no application to move along.
    if (command && s.application_id) await moveApplication(c, s, command, { hromadaId, actor, audit });
    return { id: s.id, status: to };
  });
}

/**
 * Moves the assignment's application along the status machine (the provider's start or
 * completion), if the machine allows it from where the application is; recorded in the
 * application's timeline and audited.
 */
async function moveApplication(
  c: PoolClient,
  s: AssignmentRow,
  command: Command,
  x: { hromadaId: number; actor: TenantActor; audit: AuditWriter },
) {
  if (!s.application_id) return;
  const a = await loadApplication(c, x.hromadaId, s.application_id, true);
  if (!a) return;
  // A completion straight from "granted" (the office never recorded the start) passes through delivery.
  const path: Command[] = command === 'complete' && a.status === 'granted' ? ['startDelivery', 'complete'] : [command];
  let from = a.status;
  for (const cmd of path) {
    const to = nextStatus(from, cmd);
    if (!to) return;
    await setStatus(c, a.id, to);
    await addHistory(c, {
      hromadaId: x.hromadaId,
      applicationId: a.id,
      by: x.actor,
      event: cmd,
      from,
      to,
      data: { provider: s.agency_name },
    });
    await x.audit({
      action: `application.${cmd}`,
      operation: 'write',
      entityType: 'application',
      entityId: a.id,
      fields: ['status'],
      reason: 'provider assignment',
    });
    from = to;
  }
  // The resident hears where the application ended up (one notification even when it passed through delivery).
  if (from === 'in_delivery' || from === 'completed') {
    await notifyApplicant(c, {
      hromadaId: x.hromadaId,
      applicationId: a.id,
      kind: from === 'completed' ? 'completed' : 'in_delivery',
    });
  }
}
