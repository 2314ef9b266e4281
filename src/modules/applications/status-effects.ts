import type { RefusalGround } from './status-machine.js';
import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import type { SecretBox } from '../../platform/secret-box.js';
import type { AuditWriter } from '../../platform/audit.js';
import type { Who } from '../../platform/policy.js';
import { notifyApplicant } from '../notifications/notifications.js';
import {
  clearPause,
  loadCalendar,
  markSubmitted,
  requestDocuments,
  resumeApplication,
  setDecision,
  setRegistration,
  type ApplicationRow,
  type ServiceRow,
} from './applications.queries.js';
import type { CommandFollowers } from './applications.hooks.js';
import type { Command, CommandInput } from './status-machine.js';
import { decisionDeadline, workingDaysBetween } from './working-days.js';
import { registration } from './registration.js';

export interface Effects {
  note: string | null;
  data: Record<string, unknown>;
  fields: string[];
}

interface EffectContext {
  hromadaId: number;
  actor: Who;
  a: ApplicationRow;
  command: Command;
  input: CommandInput;
  today: string;
  service: ServiceRow | null;
  /** Seals the decision document's verification token (needed by grant and refuse). */
  box?: SecretBox;
  /**
   * What follows the command in other modules: the decision document of a grant or refusal, and their effects
   * (the provider's assignment follows a grant, the start of delivery, completion).
   */
  followers?: CommandFollowers & { audit: AuditWriter };
}

/** Runs the other modules' effects of the command, in the command's transaction. */
async function follow(c: PoolClient, x: EffectContext): Promise<void> {
  if (!x.followers) return;
  for (const f of x.followers.effects) {
    await f(c, {
      hromadaId: x.hromadaId,
      actor: x.actor,
      application: x.a,
      command: x.command,
      today: x.today,
      audit: x.followers.audit,
    });
  }
}

/**
 * Records the decision document (a decision is taken only about a registered application). Fails closed:
 * without the secret box or an issuer of decisions, nothing is granted or refused.
 */
async function issueDecision(c: PoolClient, x: EffectContext, kind: 'granted' | 'refused') {
  const a = x.a;
  if (a.registration_number === null)
    throw new AppError('conflict', { messageKey: 'applications.errors.illegalTransition' });
  const issue = x.followers?.issueDecision;
  if (!x.box || !issue) throw new Error('deciding an application needs the secret box and the decisions module');
  return issue(c, {
    box: x.box,
    hromadaId: x.hromadaId,
    applicationId: a.id,
    registrationNumber: a.registration_number,
    kind,
  });
}

/** What each command changes besides the status (same transaction, the row is locked). */
export async function applyEffects(c: PoolClient, x: EffectContext): Promise<Effects> {
  const { a, input, today } = x;
  const note = input.note?.trim() || null;
  switch (x.command) {
    case 'submit':
      await markSubmitted(c, a.id);
      return { note, data: {}, fields: ['submittedAt'] };
    case 'register': {
      if (!x.service) throw new AppError('conflict', { messageKey: 'applications.v.serviceUnavailable' });
      const reg = await registration(c, { hromadaId: x.hromadaId, service: x.service, today });
      await setRegistration(c, a.id, reg);
      await notifyApplicant(c, { hromadaId: x.hromadaId, applicationId: a.id, kind: 'registered' });
      return {
        note,
        data: {
          registrationNumber: reg.registrationNumber,
          deadline: reg.deadline,
          processingDays: reg.processingDays,
        },
        fields: ['registrationNumber', 'deadline'],
      };
    }
    case 'requestDocuments': {
      const documents = (input.documents ?? []).map((d) => d.trim()).filter(Boolean);
      await requestDocuments(c, {
        hromadaId: x.hromadaId,
        applicationId: a.id,
        documents,
        dueOn: input.dueOn,
        requestedBy: x.actor.userId,
        today,
      });
      await notifyApplicant(c, {
        hromadaId: x.hromadaId,
        applicationId: a.id,
        kind: 'documents_requested',
        documents,
        dueOn: input.dueOn,
      });
      return { note, data: { documents, dueOn: input.dueOn }, fields: ['documentRequest', 'pausedSince'] };
    }
    case 'documentsReceived':
      return resume(c, x, note);
    case 'grant': {
      await setDecision(c, a.id, { decidedBy: x.actor.userId, note });
      const doc = await issueDecision(c, x, 'granted');
      await notifyApplicant(c, {
        hromadaId: x.hromadaId,
        applicationId: a.id,
        kind: 'granted',
        decisionNumber: doc.number,
      });
      // The only provider of the service gets it at once; otherwise the manager chooses (assignments module).
      await follow(c, x);
      return { note, data: {}, fields: ['decision'] };
    }
    case 'refuse': {
      const reason = (input.reason ?? '').trim();
      const ground = (input.ground || 'other') as RefusalGround;
      await setDecision(c, a.id, { decidedBy: x.actor.userId, note, refusalReason: reason, refusalGround: ground });
      const doc = await issueDecision(c, x, 'refused');
      await notifyApplicant(c, {
        hromadaId: x.hromadaId,
        applicationId: a.id,
        kind: 'refused',
        decisionNumber: doc.number,
      });
      return { note, data: { reason, ground }, fields: ['decision', 'refusalReason', 'refusalGround'] };
    }
    case 'withdraw':
      // A pause ends with the application; an open request for documents is no longer awaited.
      await clearPause(c, a.id);
      return { note, data: {}, fields: [] };
    case 'startDelivery':
    case 'complete':
      // The provider's assignment, if any, follows the office's record of delivery.
      await follow(c, x);
      await notifyApplicant(c, {
        hromadaId: x.hromadaId,
        applicationId: a.id,
        kind: x.command === 'complete' ? 'completed' : 'in_delivery',
      });
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
  const deadline =
    a.registered_on !== null && a.processing_days !== null
      ? decisionDeadline({ registeredOn: a.registered_on, days: a.processing_days, pausedDays, calendar })
      : a.deadline;
  await resumeApplication(c, a.id, { pausedDays, deadline, by: x.actor.userId });
  return {
    note,
    data: { pausedDays: paused, deadline, previousDeadline: a.deadline },
    fields: ['pausedDays', 'deadline', 'documentRequest'],
  };
}
