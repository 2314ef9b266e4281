import type { PoolClient } from 'pg';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { followApplication } from '../assignment-machine.js';
import { addAssignmentHistory, assignmentOfApplication, userLabel } from '../assignments.queries.js';

/**
 * In the transaction of the office's own application command: "start delivery" and "complete"
 * carry the provider's assignment along (the office records delivery for a provider that does
 * not use the system). A declined assignment must be handed to another provider first.
 */
export async function followApplicationCommand(c: PoolClient, x: {
  hromadaId: number; applicationId: string; actorId: string; command: 'startDelivery' | 'complete'; today: string;
}): Promise<void> {
  const s = await assignmentOfApplication(c, x.hromadaId, x.applicationId, true);
  if (!s) return;
  const to = followApplication(x.command, s.status);
  if (to === null) throw new AppError('conflict', { messageKey: 'assignments.errors.declinedFirst' });
  if (to === 'same') return;
  await c.query(
    `UPDATE service_assignments SET status = $2, started_on = coalesce(started_on, $3::date),
       completed_on = CASE WHEN $2 = 'completed' THEN greatest($3::date, started_on) ELSE completed_on END,
       updated_at = now(), version = version + 1 WHERE id = $1`, [s.id, to, x.today]);
  const actorLabel = await userLabel(c, x.actorId);
  await addAssignmentHistory(c, { hromadaId: x.hromadaId, assignmentId: s.id, actorId: x.actorId, actorLabel,
    event: to === 'completed' ? 'officeComplete' : 'officeStart', from: s.status, to, agencyId: s.agency_id, data: { date: x.today } });
  await writeAudit(c, { hromadaId: x.hromadaId, actorId: x.actorId, actorLabel, action: `assignment.${x.command}`, operation: 'write',
    entityType: 'assignment', entityId: s.id, fields: ['status', 'date'], reason: 'recorded by the office' });
}
