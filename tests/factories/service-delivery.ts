import type { TestApp } from '../helpers/app.js';
import { application } from './application.js';
import { kase } from './case.js';
import { demoHromadaId } from './hromada.js';

export interface ServiceAssignmentOptions {
  personId: string;
  serviceId: string;
  agencyId: number;
  hromadaId?: number;
  /** `in_progress` by default (then started on `startedOn`, 30 days ago by default). */
  status?: 'assigned' | 'accepted' | 'in_progress' | 'completed' | 'declined';
  startedOn?: string;
  /** When the provider was assigned (ISO date; 40 days ago by default). */
  assignedOn?: string;
  /**
   * From a case's plan instead of an application: the plan's service item with this monthly volume, and goals or
   * actions of the plan (what to do at a visit).
   */
  plan?: { volume?: { perMonth: number; unit: 'hour' | 'visit' | 'day' }; actions?: string[] };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

/**
 * An assignment of a person's service to a provider, as the hand-over leaves it: from a granted application, or from
 * a service item of a case's plan (with its monthly volume). Returns the assignment's id (and the case's).
 */
export async function serviceAssignment(
  t: TestApp,
  o: ServiceAssignmentOptions,
): Promise<{ id: string; caseId: string | null }> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  const status = o.status ?? 'in_progress';
  const started = status === 'in_progress' || status === 'completed' ? (o.startedOn ?? daysAgo(30)) : null;
  let applicationId: string | null = null;
  let caseId: string | null = null;
  let planItemId: string | null = null;
  if (o.plan) {
    caseId = (await kase(t, { personId: o.personId })).id;
    let position = 0;
    for (const text of o.plan.actions ?? [])
      await t.owner(
        `INSERT INTO case_plan_items (hromada_id, case_id, position, kind, text) VALUES ($1, $2, $3, 'action', $4)`,
        [hromadaId, caseId, position++, text],
      );
    planItemId = (
      await t.owner<{ id: string }>(
        `INSERT INTO case_plan_items (hromada_id, case_id, position, kind, service_id, agency_id, volume_per_month,
           volume_unit) VALUES ($1, $2, $3, 'service', $4, $5, $6, $7) RETURNING id`,
        [
          hromadaId,
          caseId,
          position,
          o.serviceId,
          o.agencyId,
          o.plan.volume?.perMonth ?? null,
          o.plan.volume?.unit ?? null,
        ],
      )
    ).rows[0].id;
  } else {
    applicationId = await application(t, { personId: o.personId, serviceId: o.serviceId, status: 'in_delivery' });
  }
  const id = (
    await t.owner<{ id: string }>(
      `INSERT INTO service_assignments (hromada_id, application_id, case_id, plan_item_id, person_id, service_id,
         agency_id, status, decline_reason, started_on, completed_on, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::date + time '10:00') RETURNING id`,
      [
        hromadaId,
        applicationId,
        caseId,
        planItemId,
        o.personId,
        o.serviceId,
        o.agencyId,
        status,
        status === 'declined' ? 'Немає працівників' : null,
        started,
        status === 'completed' ? daysAgo(1) : null,
        o.assignedOn ?? daysAgo(40),
      ],
    )
  ).rows[0].id;
  return { id, caseId };
}

/** A provider's contract with a person (active, covering the last and next year) with its services' volumes. */
export async function recipientContractFor(
  t: TestApp,
  o: {
    agencyId: number;
    personId: string;
    hromadaId?: number;
    number?: string;
    services: { serviceId: string; perMonth: number; unit: 'hour' | 'visit' | 'day' }[];
  },
): Promise<string> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  const by = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'manager'")).rows[0].id;
  const id = (
    await t.owner<{ id: string }>(
      `INSERT INTO recipient_contracts (hromada_id, agency_id, person_id, number, form, signed_on, starts_on, ends_on,
         created_by) VALUES ($1, $2, $3, $4, 'paper', current_date - 365, current_date - 365, current_date + 365, $5)
       RETURNING id`,
      [hromadaId, o.agencyId, o.personId, o.number ?? `Д-${Math.random().toString(36).slice(2, 8)}`, by],
    )
  ).rows[0].id;
  for (const s of o.services)
    await t.owner(
      `INSERT INTO recipient_contract_services (hromada_id, contract_id, service_id, volume_per_month, volume_unit)
       VALUES ($1, $2, $3, $4, $5)`,
      [hromadaId, id, s.serviceId, s.perMonth, s.unit],
    );
  return id;
}
