import type { TestApp } from '../helpers/app.js';
import { application } from './application.js';
import { userId } from './staff.js';

export interface ServiceActOptions {
  personId: string;
  serviceId: string;
  agencyId: number;
  /** ISO date of the act. */
  day: string;
  /** 60 by default. */
  minutes?: number;
  /** The provider's worker (the demo `provider` by default). */
  workerId?: string;
  /** Cancelled with a reason (an invoice must skip it). */
  cancelled?: boolean;
}

/**
 * A service act (0063) of a person's service delivered by a provider: the person gets a granted application and its
 * assignment to the provider the first time (reused for later acts), then the act, confirmed by the worker.
 */
export async function serviceAct(t: TestApp, o: ServiceActOptions): Promise<string> {
  const worker = o.workerId ?? (await userId(t, 'provider'));
  let assignment = (
    await t.owner<{ id: string }>(
      'SELECT id FROM service_assignments WHERE person_id = $1 AND service_id = $2 AND agency_id = $3 LIMIT 1',
      [o.personId, o.serviceId, o.agencyId],
    )
  ).rows[0]?.id;
  if (!assignment) {
    const applicationId = await application(t, { personId: o.personId, serviceId: o.serviceId, status: 'in_delivery' });
    assignment = (
      await t.owner<{ id: string }>(
        `INSERT INTO service_assignments (hromada_id, application_id, person_id, service_id, agency_id, status, started_on)
         SELECT hromada_id, id, person_id, service_id, $2, 'in_progress', current_date FROM applications WHERE id = $1
         RETURNING id`,
        [applicationId, o.agencyId],
      )
    ).rows[0].id;
  }
  return (
    await t.owner<{ id: string }>(
      `INSERT INTO service_acts (hromada_id, assignment_id, person_id, service_id, agency_id, worker_id, act_date, minutes,
         place, confirmed_by, confirm_reason, cancelled_at, cancel_reason, created_by)
       SELECT hromada_id, id, person_id, service_id, agency_id, $2, $3, $4, 'home', 'worker', 'Тест: отримувач не може підписати',
         CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN 'Помилковий запис' END, $2
       FROM service_assignments WHERE id = $1 RETURNING id`,
      [assignment, worker, o.day, o.minutes ?? 60, o.cancelled ?? false],
    )
  ).rows[0].id;
}
