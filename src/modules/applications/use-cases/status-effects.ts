import type { PoolClient } from 'pg';
import { AppError } from '../../../platform/errors.js';
import { loadCalendar, type ApplicationRow, type ServiceRow } from '../applications.queries.js';
import type { Command, CommandInput } from '../status-machine.js';
import { decisionDeadline, workingDaysBetween } from '../working-days.js';
import { registration } from './registration.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import { issueDecision } from '../../decisions/use-cases/issue-decision.js';
import { notifyApplicant } from '../../decisions/use-cases/notify.js';
import { assignOnGrant } from '../../assignments/use-cases/assign-provider.js';
import { followApplicationCommand } from '../../assignments/use-cases/follow-application.js';

export interface Effects { note: string | null; data: Record<string, unknown>; fields: string[] }

interface EffectContext {
  hromadaId: number; actorId: string; a: ApplicationRow; command: Command; input: CommandInput; today: string;
  service: ServiceRow | null;
  /** Seals the decision document's verification token (needed by grant and refuse). */
  box?: SecretBox;
}

/** What each command changes besides the status (same transaction, the row is locked). */
export async function applyEffects(c: PoolClient, x: EffectContext): Promise<Effects> {
  const { a, input, today } = x;
  const note = input.note?.trim() || null;
  switch (x.command) {
    case 'submit':
      await c.query('UPDATE applications SET submitted_at = now() WHERE id = $1', [a.id]);
      return { note, data: {}, fields: ['submittedAt'] };
    case 'register': {
      if (!x.service) throw new AppError('conflict', { messageKey: 'applications.v.serviceUnavailable' });
      const reg = await registration(c, { hromadaId: x.hromadaId, service: x.service, today });
      await c.query(
        `UPDATE applications SET registration_number = $2, registered_at = now(), registered_on = $3, processing_days = $4,
           deadline = $5 WHERE id = $1`, [a.id, reg.registrationNumber, reg.registeredOn, reg.processingDays, reg.deadline]);
      await notifyApplicant(c, { hromadaId: x.hromadaId, applicationId: a.id, kind: 'registered' });
      return { note, data: { registrationNumber: reg.registrationNumber, deadline: reg.deadline, processingDays: reg.processingDays },
        fields: ['registrationNumber', 'deadline'] };
    }
    case 'requestDocuments': {
      const documents = (input.documents ?? []).map((d) => d.trim()).filter(Boolean);
      await c.query(
        `INSERT INTO application_document_requests (hromada_id, application_id, documents, due_on, requested_by)
         VALUES ($1, $2, $3, $4, $5)`, [x.hromadaId, a.id, documents, input.dueOn, x.actorId]);
      await c.query('UPDATE applications SET paused_since = $2 WHERE id = $1', [a.id, today]);
      await notifyApplicant(c, { hromadaId: x.hromadaId, applicationId: a.id, kind: 'documents_requested', documents, dueOn: input.dueOn });
      return { note, data: { documents, dueOn: input.dueOn }, fields: ['documentRequest', 'pausedSince'] };
    }
    case 'documentsReceived':
      return resume(c, x, note);
    case 'grant': {
      await c.query('UPDATE applications SET decided_at = now(), decided_by = $2, decision = $3 WHERE id = $1', [a.id, x.actorId, note]);
      const doc = await issueDecision(c, x.box, { hromadaId: x.hromadaId, applicationId: a.id, registrationNumber: a.registration_number!, kind: 'granted' });
      await notifyApplicant(c, { hromadaId: x.hromadaId, applicationId: a.id, kind: 'granted', decisionNumber: doc.number });
      // The only provider of the service gets it at once; otherwise the manager chooses (assignments module).
      await assignOnGrant(c, { hromadaId: x.hromadaId, application: a, actorId: x.actorId });
      return { note, data: {}, fields: ['decision'] };
    }
    case 'refuse': {
      const reason = (input.reason ?? '').trim();
      await c.query(
        'UPDATE applications SET decided_at = now(), decided_by = $2, refusal_reason = $3, decision = $4 WHERE id = $1',
        [a.id, x.actorId, reason, note]);
      const doc = await issueDecision(c, x.box, { hromadaId: x.hromadaId, applicationId: a.id, registrationNumber: a.registration_number!, kind: 'refused' });
      await notifyApplicant(c, { hromadaId: x.hromadaId, applicationId: a.id, kind: 'refused', decisionNumber: doc.number });
      return { note, data: { reason }, fields: ['decision', 'refusalReason'] };
    }
    case 'withdraw':
      // A pause ends with the application; an open request for documents is no longer awaited.
      await c.query('UPDATE applications SET paused_since = NULL WHERE id = $1', [a.id]);
      return { note, data: {}, fields: [] };
    case 'startDelivery':
    case 'complete':
      // The provider's assignment, if any, follows the office's record of delivery.
      await followApplicationCommand(c, { hromadaId: x.hromadaId, applicationId: a.id, actorId: x.actorId, command: x.command, today });
      await notifyApplicant(c, { hromadaId: x.hromadaId, applicationId: a.id, kind: x.command === 'complete' ? 'completed' : 'in_delivery' });
      return { note, data: {}, fields: [] };
    default: // startReview: the status and the note say it all
      return { note, data: {}, fields: [] };
  }
}

/** Documents arrived: the paused working days extend the deadline; the request is fulfilled. */
async function resume(c: PoolClient, x: EffectContext, note: string | null): Promise<Effects> {
  const { a, today } = x;
  const calendar = await loadCalendar(c, x.hromadaId);
  const paused = a.paused_since ? Math.max(0, workingDaysBetween(a.paused_since, today, calendar)) : 0;
  const pausedDays = a.paused_days + paused;
  const deadline = a.registered_on !== null && a.processing_days !== null
    ? decisionDeadline({ registeredOn: a.registered_on, days: a.processing_days, pausedDays, calendar })
    : a.deadline;
  await c.query('UPDATE applications SET paused_days = $2, paused_since = NULL, deadline = $3 WHERE id = $1', [a.id, pausedDays, deadline]);
  await c.query(
    `UPDATE application_document_requests SET fulfilled_at = now(), fulfilled_by = $2
     WHERE application_id = $1 AND fulfilled_at IS NULL`, [a.id, x.actorId]);
  return { note, data: { pausedDays: paused, deadline, previousDeadline: a.deadline }, fields: ['pausedDays', 'deadline', 'documentRequest'] };
}
