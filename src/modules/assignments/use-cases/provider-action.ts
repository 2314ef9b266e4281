import type { PoolClient } from 'pg';
import { notifyApplicant } from '../../decisions/use-cases/notify.js';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { addHistory, loadApplication } from '../../applications/applications.queries.js';
import { nextStatus, type Command } from '../../applications/status-machine.js';
import { kyivToday } from '../../applications/working-days.js';
import { STEPS, checkProviderInput, nextAssignmentStatus, type ProviderCommand, type ProviderInput } from '../assignment-machine.js';
import { addAssignmentHistory, type AssignmentRow } from '../assignments.queries.js';
import { requireAssignment } from '../assignments.policy.js';

export interface ProviderActionOptions {
  services: Services; actor: Actor | null; id: string; command: ProviderCommand; input: ProviderInput;
  /** The version the provider saw; another current version means someone changed it meanwhile (409). */
  version?: number; meta?: RequestMeta;
}

/**
 * The provider accepts, declines (with a reason), starts or completes (with a date and a note)
 * the service. Starting moves the application to "in delivery", completing it to "completed",
 * in the same transaction, so the application and the assignment never disagree.
 */
export async function providerAction(o: ProviderActionOptions): Promise<{ id: string; status: string }> {
  authorize(o.actor, 'assignments.deliver');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const s = await requireAssignment(c, actor, 'assignments.deliver', o.id, true);
    if (o.version !== undefined && o.version !== s.version) throw new AppError('conflict', { messageKey: 'assignments.errors.stale' });
    const to = nextAssignmentStatus(s.status, o.command);
    if (!to) throw new AppError('conflict', { messageKey: 'assignments.errors.illegal' });
    const problems = checkProviderInput(o.command, o.input, kyivToday(), s.started_on);
    if (problems.length) throw new AppError('validation', { messageKey: problems[0].key, details: { problems } });
    const note = o.input.note?.trim() || null;
    const reason = o.command === 'decline' ? o.input.reason!.trim() : null;
    await c.query(
      `UPDATE service_assignments SET status = $2,
         decline_reason = CASE WHEN $2 = 'declined' THEN $3 ELSE decline_reason END,
         started_on = CASE WHEN $2 = 'in_progress' THEN $4::date ELSE started_on END,
         completed_on = CASE WHEN $2 = 'completed' THEN $4::date ELSE completed_on END,
         completion_note = CASE WHEN $2 = 'completed' THEN $5 ELSE completion_note END,
         updated_at = now(), version = version + 1
       WHERE id = $1`, [s.id, to, reason, o.input.date ?? null, note]);
    const base = { hromadaId, actorId: actor.userId, actorLabel: actor.displayName };
    await addAssignmentHistory(c, { ...base, assignmentId: s.id, event: o.command, from: s.status, to, agencyId: s.agency_id, note,
      data: { ...(reason ? { reason } : {}), ...(o.input.date ? { date: o.input.date } : {}) } });
    const audit = { ...base, operation: 'write' as const, ip: o.meta?.ip, requestId: o.meta?.requestId };
    await writeAudit(c, { ...audit, action: `assignment.${o.command}`, entityType: 'assignment', entityId: s.id,
      fields: ['status', ...(reason ? ['declineReason'] : []), ...(o.input.date ? ['date'] : []), ...(note ? ['note'] : [])] });
    const command = STEPS[o.command].application;
    if (command) await moveApplication(c, s, command, { ...audit, agencyName: s.agency_name });
    return { id: s.id, status: to };
  });
}

/**
 * Moves the assignment's application along the status machine (the provider's start or
 * completion), if the machine allows it from where the application is; recorded in the
 * application's timeline and audited.
 */
async function moveApplication(c: PoolClient, s: AssignmentRow, command: Command,
  x: { hromadaId: number; actorId: string; actorLabel: string; ip?: string; requestId?: string; agencyName: string }) {
  const a = await loadApplication(c, x.hromadaId, s.application_id, true);
  if (!a) return;
  // A completion straight from "granted" (the office never recorded the start) passes through delivery.
  const path: Command[] = command === 'complete' && a.status === 'granted' ? ['startDelivery', 'complete'] : [command];
  let from = a.status;
  for (const cmd of path) {
    const to = nextStatus(from, cmd);
    if (!to) return;
    await c.query('UPDATE applications SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [a.id, to]);
    await addHistory(c, { hromadaId: x.hromadaId, applicationId: a.id, actorId: x.actorId, actorLabel: x.actorLabel, event: cmd,
      from, to, data: { provider: x.agencyName } });
    await writeAudit(c, { hromadaId: x.hromadaId, actorId: x.actorId, actorLabel: x.actorLabel, action: `application.${cmd}`,
      operation: 'write', entityType: 'application', entityId: a.id, fields: ['status'], reason: 'provider assignment',
      ip: x.ip, requestId: x.requestId });
    from = to;
  }
  // The resident hears where the application ended up (one notification even when it passed through delivery).
  if (from === 'in_delivery' || from === 'completed') {
    await notifyApplicant(c, { hromadaId: x.hromadaId, applicationId: a.id, kind: from === 'completed' ? 'completed' : 'in_delivery' });
  }
}
