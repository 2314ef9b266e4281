/** The queue's core shared by the kiosk's and the staff's use-cases: issuing a ticket. */
import type { PoolClient } from 'pg';
import { kyivToday } from '../../platform/dates.js';
import { AppError, ValidationError } from '../../platform/errors.js';
import { freeLetter } from './queue-machine.js';
import { insertTicket, lockOfficeQueue, serviceLetters, setServiceLetter } from './queue.queries.js';

/**
 * Issues today's next ticket of a service at an office (the office's tickets are numbered one at a time under a lock
 * of its row); the service gets its letter with its first ticket. A service the office does not handle is refused.
 */
export async function issueTicket(
  c: PoolClient,
  hromadaId: number,
  t: { officeId: string; serviceId: string; appointmentId: string | null; source: 'kiosk' | 'staff' },
): Promise<string> {
  await lockOfficeQueue(c, hromadaId, t.officeId);
  const letters = await serviceLetters(c, hromadaId, t.officeId, t.serviceId);
  if (!letters.handled) throw new ValidationError([{ field: 'serviceId', key: 'appointments.v.serviceNotHere' }]);
  let letter = letters.mine;
  if (!letter) {
    letter = freeLetter(letters.used);
    if (!letter) throw new AppError('conflict', { messageKey: 'appointments.queue.noLetters' });
    await setServiceLetter(c, hromadaId, t.officeId, t.serviceId, letter);
  }
  return insertTicket(c, hromadaId, { ...t, day: kyivToday(), letter });
}
