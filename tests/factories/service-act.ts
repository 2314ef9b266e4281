import type { TestApp } from '../helpers/app.js';
import { serviceAssignment } from './service-delivery.js';

let seq = 0;

export interface ServiceActOptions {
  personId: string;
  serviceId: string;
  agencyId: number;
  /** ISO date of the delivery. */
  actDate: string;
  minutes?: number;
  /** Cancelled with a reason (never counted). */
  cancelled?: boolean;
  /** The assignment to write it on (one is made from a granted application of the person otherwise). */
  assignmentId?: string;
  /** Who delivered it (the demo `provider` by default). */
  workerId?: string;
  /** The hromada of the person (the demo hromada by default), for the assignment made here. */
  hromadaId?: number;
}

/**
 * A service act as the delivery module records one: on an assignment of the person to the service and provider (made
 * here from an application in delivery when none is given), with the person, service and provider copied from it.
 * Returns the act's and the assignment's ids.
 */
export async function serviceAct(t: TestApp, o: ServiceActOptions): Promise<{ id: string; assignmentId: string }> {
  const assignmentId =
    o.assignmentId ??
    (
      await serviceAssignment(t, {
        hromadaId: o.hromadaId,
        personId: o.personId,
        serviceId: o.serviceId,
        agencyId: o.agencyId,
        startedOn: o.actDate,
        assignedOn: o.actDate,
      })
    ).id;
  const { rows } = await t.owner<{ id: string }>(
    `INSERT INTO service_acts (hromada_id, assignment_id, person_id, service_id, agency_id, worker_id, act_date, minutes,
       place, confirmed_by, confirm_reason, cancelled_at, cancel_reason, created_by, note)
     SELECT s.hromada_id, s.id, s.person_id, s.service_id, s.agency_id, w.id, $2, $3, 'home', 'worker',
       'Отримувач не може підписати', CASE WHEN $4 THEN now() END, CASE WHEN $4 THEN 'Помилковий акт' END, w.id, $6
     FROM service_assignments s, users w
     WHERE s.id = $1 AND w.id = coalesce($5::uuid, (SELECT id FROM users WHERE username = 'provider'))
     RETURNING id`,
    [assignmentId, o.actDate, o.minutes ?? 60, o.cancelled ?? false, o.workerId ?? null, `тест ${++seq}`],
  );
  if (!rows[0]) throw new Error(`no assignment ${assignmentId}`);
  return { id: rows[0].id, assignmentId };
}
