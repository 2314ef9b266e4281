import type { TestApp } from '../helpers/app.js';

export type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'registered'
  | 'in_review'
  | 'needs_documents'
  | 'granted'
  | 'refused'
  | 'in_delivery'
  | 'completed'
  | 'withdrawn';

export interface ApplicationOptions {
  personId: string;
  serviceId: string;
  /** `registered` by default. */
  status?: ApplicationStatus;
  channel?: 'online' | 'front_office' | 'starosta';
  /** Unique in the hromada; generated for a registered one (draft and submitted have none). */
  registrationNumber?: string | null;
  /** Defaults to the person's district, as intake does. */
  districtId?: number | null;
  /** ISO date or `null`; today (Kyiv) for a registered one by default. */
  registeredOn?: string | null;
  /** ISO date or `null`; 14 days after registration by default. */
  deadline?: string | null;
  processingDays?: number | null;
  assigneeId?: string | null;
  refusalReason?: string | null;
  createdBy?: string | null;
}

let seq = 0;

/**
 * An application of a person for a service of the person's hromada, in a given status, written in one
 * row without its history (as a record arrives in a database; the workflow's own tests use the pages).
 */
export async function application(t: TestApp, o: ApplicationOptions): Promise<string> {
  const status = o.status ?? 'registered';
  const unregistered = status === 'draft' || status === 'submitted';
  const number =
    o.registrationNumber !== undefined
      ? o.registrationNumber
      : unregistered
        ? null
        : `ТСТ-2026-${String(++seq).padStart(6, '0')}`;
  // Dates: given ones as they are (null too); otherwise today and 14 days on for a registered application.
  const given = (v: string | null | undefined) => v !== undefined || unregistered;
  const { rows } = await t.owner<{ id: string }>(
    `WITH d AS (SELECT CASE WHEN $8 THEN $9::date ELSE current_date END AS registered_on)
     INSERT INTO applications (hromada_id, registration_number, person_id, service_id, channel, status, district_id,
       registered_on, deadline, processing_days, assignee_id, refusal_reason, created_by)
     SELECT p.hromada_id, $2, p.id, $3, $4, $5, CASE WHEN $6 THEN $7::int ELSE p.district_id END,
       d.registered_on, CASE WHEN $10 THEN $11::date ELSE d.registered_on + 14 END, $12, $13, $14, $15
     FROM persons p, d WHERE p.id = $1 RETURNING id`,
    [
      o.personId,
      number,
      o.serviceId,
      o.channel ?? 'front_office',
      status,
      o.districtId !== undefined,
      o.districtId ?? null,
      given(o.registeredOn),
      o.registeredOn ?? null,
      given(o.deadline),
      o.deadline ?? null,
      o.processingDays ?? null,
      o.assigneeId ?? null,
      o.refusalReason ?? (status === 'refused' ? 'Тестова відмова' : null),
      o.createdBy ?? null,
    ],
  );
  if (!rows[0]) throw new Error(`no person ${o.personId}`);
  return rows[0].id;
}
