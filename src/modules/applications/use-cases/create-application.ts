import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { kyivToday } from '../../../platform/dates.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { notifyApplicant } from '../../notifications/notifications.js';
import {
  addHistory,
  findByIdempotencyKey,
  insertRegisteredApplication,
  loadService,
  lockCounter,
  registrationNumberOf,
} from '../applications.queries.js';
import type { Channel } from '../status-machine.js';
import { registration } from '../registration.js';

export type CreateApplicationOptions = UseCase<{
  input: { personId: string; serviceId: string; channel: Channel };
  /** The same key again returns the application made with it instead of a second one. */
  idempotencyKey?: string | null;
}>;

export interface CreateResult {
  id: string;
  registrationNumber: string | null;
  created: boolean;
}

/**
 * A staff member registers an application on behalf of a person (front office, starosta, API).
 * Checks the person is within the actor's reach and the service is active and offered through the
 * channel; the application is registered at once (submitted → registered) with its number and
 * decision deadline. A refused person, service or channel is a `ValidationError` of that field.
 */
export async function createApplication(o: CreateApplicationOptions): Promise<CreateResult> {
  return inTenant(o, 'applications.register', async ({ c, actor, hromadaId, audit }) => {
    const { personId, serviceId, channel } = o.input;
    const person = await requirePerson(c, actor, 'applications.register', personId);
    if (person.mergedInto) throw problem('personId', 'applications.v.personMerged');
    const service = await loadService(c, hromadaId, serviceId);
    if (!service?.active) throw problem('serviceId', 'applications.v.serviceUnavailable');
    if (!service.channels.includes(channel)) throw problem('channel', 'applications.v.channelNotOffered');
    const today = kyivToday();
    // The year's counter is locked first: a concurrent request with the same key waits here and then finds the first one.
    const locked = await lockCounter(c, hromadaId, Number(today.slice(0, 4)));
    if (o.idempotencyKey) {
      const existing = await findByIdempotencyKey(c, hromadaId, o.idempotencyKey);
      if (existing) {
        if (existing.person_id !== personId || existing.service_id !== serviceId || existing.channel !== channel) {
          throw new AppError('conflict', { messageKey: 'applications.errors.idempotencyMismatch' });
        }
        await audit({
          action: 'application.create.repeated',
          operation: 'write',
          entityType: 'application',
          entityId: existing.id,
          reason: 'idempotency key',
        });
        return { id: existing.id, registrationNumber: await registrationNumberOf(c, existing.id), created: false };
      }
    }
    const reg = await registration(c, { hromadaId, service, today, locked });
    const id = await insertRegisteredApplication(c, {
      hromadaId,
      registrationNumber: reg.registrationNumber,
      personId,
      serviceId,
      channel,
      districtId: person.districtId ?? null,
      registeredOn: reg.registeredOn,
      processingDays: reg.processingDays,
      deadline: reg.deadline,
      idempotencyKey: o.idempotencyKey ?? null,
      createdBy: actor.userId,
    });
    const who = { hromadaId, applicationId: id, by: actor };
    await addHistory(c, { ...who, event: 'submit', from: null, to: 'submitted', data: { channel } });
    await addHistory(c, {
      ...who,
      event: 'register',
      from: 'submitted',
      to: 'registered',
      data: { registrationNumber: reg.registrationNumber, deadline: reg.deadline, processingDays: reg.processingDays },
    });
    await audit({
      action: 'application.create',
      operation: 'write',
      entityType: 'application',
      entityId: id,
      fields: ['personId', 'serviceId', 'channel', 'registrationNumber', 'deadline'],
    });
    await notifyApplicant(c, { hromadaId, applicationId: id, kind: 'registered' });
    return { id, registrationNumber: reg.registrationNumber, created: true };
  });
}
