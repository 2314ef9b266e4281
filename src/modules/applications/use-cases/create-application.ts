import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { addHistory, findByIdempotencyKey, loadService, lockCounter } from '../applications.queries.js';
import type { Channel } from '../status-machine.js';
import { kyivToday } from '../working-days.js';
import { registration } from './registration.js';
import { notifyApplicant } from '../../decisions/use-cases/notify.js';

export interface CreateApplicationOptions {
  services: Services;
  actor: Actor | null;
  input: { personId: string; serviceId: string; channel: Channel };
  /** The same key again returns the application made with it instead of a second one. */
  idempotencyKey?: string | null;
  meta?: RequestMeta;
}

export interface CreateResult { id: string; registrationNumber: string | null; created: boolean }

/** A staff member registers an application on behalf of a person (front office, starosta, API). */
export async function createApplication(o: CreateApplicationOptions): Promise<CreateResult> {
  authorize(o.actor, 'applications.register');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => createApplicationIn(c, o));
}

/**
 * The same within a transaction the caller holds (API calls). Checks the person is within the
 * actor's reach and the service is active and offered through the channel; the application is
 * registered at once (submitted → registered) with its number and decision deadline.
 */
export async function createApplicationIn(c: PoolClient, o: CreateApplicationOptions): Promise<CreateResult> {
  authorize(o.actor, 'applications.register');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const { personId, serviceId, channel } = o.input;
  const person = await requirePerson(c, actor, 'applications.register', personId);
  if (person.mergedInto) throw new AppError('validation', { messageKey: 'applications.v.personMerged', details: { field: 'personId' } });
  const service = await loadService(c, hromadaId, serviceId);
  if (!service || !service.active) {
    throw new AppError('validation', { messageKey: 'applications.v.serviceUnavailable', details: { field: 'serviceId' } });
  }
  if (!service.channels.includes(channel)) {
    throw new AppError('validation', { messageKey: 'applications.v.channelNotOffered', details: { field: 'channel' } });
  }
  const today = kyivToday();
  // The year's counter is locked first: a concurrent request with the same key waits here and then finds the first one.
  const locked = await lockCounter(c, hromadaId, Number(today.slice(0, 4)));
  const audit = { hromadaId, actorId: actor.userId, actorLabel: actor.displayName, operation: 'write' as const,
    entityType: 'application', ip: o.meta?.ip, requestId: o.meta?.requestId };
  if (o.idempotencyKey) {
    const existing = await findByIdempotencyKey(c, hromadaId, o.idempotencyKey);
    if (existing) {
      if (existing.person_id !== personId || existing.service_id !== serviceId || existing.channel !== channel) {
        throw new AppError('conflict', { messageKey: 'applications.errors.idempotencyMismatch' });
      }
      await writeAudit(c, { ...audit, action: 'application.create.repeated', entityId: existing.id, reason: 'idempotency key' });
      const { rows } = await c.query<{ registration_number: string | null }>(
        'SELECT registration_number FROM applications WHERE id = $1', [existing.id]);
      return { id: existing.id, registrationNumber: rows[0].registration_number, created: false };
    }
  }
  const reg = await registration(c, { hromadaId, service, today, locked });
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO applications (hromada_id, registration_number, person_id, service_id, channel, status, district_id,
       submitted_at, registered_at, registered_on, processing_days, deadline, idempotency_key, created_by)
     VALUES ($1, $2, $3, $4, $5, 'registered', $6, now(), now(), $7, $8, $9, $10, $11) RETURNING id`,
    [hromadaId, reg.registrationNumber, personId, serviceId, channel, person.districtId ?? null, reg.registeredOn,
      reg.processingDays, reg.deadline, o.idempotencyKey ?? null, actor.userId]);
  const id = rows[0].id;
  const who = { hromadaId, applicationId: id, actorId: actor.userId, actorLabel: actor.displayName };
  await addHistory(c, { ...who, event: 'submit', from: null, to: 'submitted', data: { channel } });
  await addHistory(c, { ...who, event: 'register', from: 'submitted', to: 'registered',
    data: { registrationNumber: reg.registrationNumber, deadline: reg.deadline, processingDays: reg.processingDays } });
  await writeAudit(c, { ...audit, action: 'application.create', entityId: id,
    fields: ['personId', 'serviceId', 'channel', 'registrationNumber', 'deadline'] });
  await notifyApplicant(c, { hromadaId, applicationId: id, kind: 'registered' });
  return { id, registrationNumber: reg.registrationNumber, created: true };
}
