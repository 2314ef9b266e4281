import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import {
  formatRegistrationNumber,
  loadCalendar,
  lockCounter,
  setCounter,
  type ServiceRow,
} from './applications.queries.js';
import { decisionDeadline } from './working-days.js';

/** Working days for the decision: the service's limit; a crisis service at most 1 day (art. 21). */
export const processingDays = (s: Pick<ServiceRow, 'crisis' | 'max_processing_days'>) =>
  s.crisis ? Math.min(1, s.max_processing_days) : s.max_processing_days;

export interface Registration {
  registrationNumber: string;
  registeredOn: string;
  processingDays: number;
  deadline: string;
}

/**
 * The next registration number of the hromada's year (the counter row stays locked until the
 * transaction ends, so numbers never repeat or skip) and the decision deadline from today.
 * Call `lockCounter` first when something must be checked under the same lock.
 */
export async function registration(
  c: PoolClient,
  o: { hromadaId: number; service: ServiceRow; today: string; locked?: number },
): Promise<Registration> {
  const year = Number(o.today.slice(0, 4));
  const last = o.locked ?? (await lockCounter(c, o.hromadaId, year));
  if (last >= 999_999) throw new AppError('conflict', { messageKey: 'applications.errors.numbersExhausted' });
  await setCounter(c, o.hromadaId, year, last + 1);
  const calendar = await loadCalendar(c, o.hromadaId);
  const days = processingDays(o.service);
  return {
    registrationNumber: formatRegistrationNumber(year, last + 1),
    registeredOn: o.today,
    processingDays: days,
    deadline: decisionDeadline({ registeredOn: o.today, days, pausedDays: 0, calendar }),
  };
}
