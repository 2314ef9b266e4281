import type { PoolClient } from 'pg';
import type { Queryable } from '../../platform/db.js';
import type { ConsentInput } from './consents.schema.js';

export interface ConsentRow {
  id: string;
  purpose: string;
  legal_basis: string;
  scope: string;
  text_version: string;
  given_on: string;
  recorded_at: Date;
  recorded_by_name: string | null;
  withdrawn_on: string | null;
  withdrawn_by_name: string | null;
  /** paper: signed at the office; online: ticked in the online application form. */
  channel: 'paper' | 'online';
}

export async function personConsents(c: PoolClient, personId: string): Promise<ConsentRow[]> {
  const { rows } = await c.query<ConsentRow>(
    `SELECT k.id, k.purpose, k.legal_basis, k.scope, k.text_version, to_char(k.given_on, 'YYYY-MM-DD') AS given_on, k.recorded_at,
       ru.display_name AS recorded_by_name, to_char(k.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, wu.display_name AS withdrawn_by_name,
       k.channel
     FROM consents k LEFT JOIN users ru ON ru.id = k.recorded_by LEFT JOIN users wu ON wu.id = k.withdrawn_by
     WHERE k.person_id = $1 ORDER BY k.withdrawn_on NULLS FIRST, k.given_on DESC, k.recorded_at DESC`,
    [personId],
  );
  return rows;
}

export async function loadConsent(c: PoolClient, personId: string, id: string): Promise<ConsentRow | null> {
  const { rows } = await c.query<ConsentRow>(
    `SELECT k.id, k.purpose, k.legal_basis, k.scope, k.text_version, to_char(k.given_on, 'YYYY-MM-DD') AS given_on, k.recorded_at,
       NULL AS recorded_by_name, to_char(k.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, NULL AS withdrawn_by_name, k.channel
     FROM consents k WHERE k.person_id = $1 AND k.id = $2`,
    [personId, id],
  );
  return rows[0] ?? null;
}

/** A consent recorded from the signed paper form; returns its id. */
export async function insertConsent(
  c: Queryable,
  o: { hromadaId: number; personId: string; recordedBy: string; input: ConsentInput },
): Promise<string> {
  const i = o.input;
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO consents (hromada_id, person_id, purpose, legal_basis, scope, text_version, given_on, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [o.hromadaId, o.personId, i.purpose, i.legalBasis, i.scope, i.textVersion, i.givenOn, o.recordedBy],
  );
  return rows[0].id;
}

/** Withdraws a consent of the person today (false: no such consent, or withdrawn already). */
export async function withdrawConsentRow(
  c: Queryable,
  o: { personId: string; consentId: string; withdrawnBy: string },
): Promise<boolean> {
  const { rowCount } = await c.query(
    'UPDATE consents SET withdrawn_on = current_date, withdrawn_by = $3 WHERE id = $1 AND person_id = $2 AND withdrawn_on IS NULL',
    [o.consentId, o.personId, o.withdrawnBy],
  );
  return rowCount === 1;
}

/** What the online form's consent is recorded from: the application, its person, service and the account that filed it. */
export async function onlineConsentSource(
  c: Queryable,
  hromadaId: number,
  applicationId: string,
): Promise<{
  person_id: string | null;
  consent_at: Date | null;
  service_name: string;
  number: string | null;
  user_id: string | null;
} | null> {
  const { rows } = await c.query<{
    person_id: string | null;
    consent_at: Date | null;
    service_name: string;
    number: string | null;
    user_id: string | null;
  }>(
    `SELECT a.person_id, f.consent_at, s.name AS service_name, a.registration_number AS number,
       coalesce(a.applicant_user_id, a.created_by) AS user_id
     FROM applications a JOIN services s ON s.id = a.service_id
     JOIN online_application_forms f ON f.application_id = a.id
     WHERE a.id = $1 AND a.hromada_id = $2 AND a.channel = 'online'`,
    [applicationId, hromadaId],
  );
  return rows[0] ?? null;
}

/** The consent ticked in the online form, once per application (null: recorded already). */
export async function insertOnlineConsent(
  c: Queryable,
  o: {
    hromadaId: number;
    personId: string;
    purpose: string;
    scope: string;
    textVersion: string;
    consentAt: Date;
    userId: string | null;
    applicationId: string;
  },
): Promise<string | null> {
  const inserted = await c.query<{ id: string }>(
    `INSERT INTO consents (hromada_id, person_id, purpose, legal_basis, scope, text_version, given_on, recorded_by, channel,
       application_id)
     VALUES ($1, $2, $3, 'consent', $4, $5, ($6::timestamptz AT TIME ZONE 'Europe/Kyiv')::date, $7, 'online', $8)
     ON CONFLICT (hromada_id, application_id) WHERE application_id IS NOT NULL DO NOTHING RETURNING id`,
    [o.hromadaId, o.personId, o.purpose, o.scope, o.textVersion, o.consentAt, o.userId, o.applicationId],
  );
  return inserted.rows[0]?.id ?? null;
}
