import type { PoolClient } from 'pg';
import type { Queryable } from '../../platform/db.js';

export type DecisionKind = 'granted' | 'refused';

/**
 * The hromada as an official document names it: name, raion, oblast (written out: «Луганська область»,
 * «місто Київ»), КАТОТТГ code, optional details, and the issuing body from settings (council,
 * department, the signing official's position — set on the administrator's «Реквізити органу» page).
 */
export interface HromadaDetails {
  name: string;
  code: string;
  raion: string;
  oblast: string;
  address: string | null;
  edrpou: string | null;
  phone: string | null;
  email: string | null;
  council: string | null;
  department: string | null;
  officialPosition: string | null;
}

/** An oblast as official documents write it: «Луганська» → «Луганська область»; «Київ» (special status) → «місто Київ». */
export function oblastInWords(name: string, category: string): string {
  const n = name.trim();
  if (category === 'K') return /^місто\s/i.test(n) ? n : `місто ${n}`;
  if (/республіка|область$/i.test(n)) return n;
  return `${n} область`;
}

export async function loadHromadaDetails(c: PoolClient, hromadaId: number): Promise<HromadaDetails> {
  const { rows } = await c.query<HromadaDetails & { oblast_category: string }>(
    `SELECT h.name, h.code, r.name AS raion, o.name AS oblast, o.category AS oblast_category,
       h.settings -> 'details' ->> 'address' AS address, h.settings -> 'details' ->> 'edrpou' AS edrpou,
       h.settings -> 'details' ->> 'phone' AS phone, h.settings -> 'details' ->> 'email' AS email,
       nullif(h.settings -> 'issuer' ->> 'council', '') AS council, nullif(h.settings -> 'issuer' ->> 'department', '') AS department,
       nullif(h.settings -> 'issuer' ->> 'officialPosition', '') AS "officialPosition"
     FROM hromadas h JOIN raions r ON r.code = h.raion_code JOIN oblasts o ON o.code = h.oblast_code WHERE h.id = $1`,
    [hromadaId],
  );
  const { oblast_category: category, ...h } = rows[0];
  return { ...h, oblast: oblastInWords(h.oblast, category) };
}

export interface DecisionRow {
  id: string;
  number: string;
  kind: DecisionKind;
  issued_at: Date;
  verification_sealed: string;
  revoked_at: Date | null;
}

export async function insertDecision(
  c: PoolClient,
  d: {
    hromadaId: number;
    applicationId: string;
    number: string;
    kind: DecisionKind;
    hash: string;
    sealed: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO decision_documents (hromada_id, application_id, number, kind, verification_hash, verification_sealed)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [d.hromadaId, d.applicationId, d.number, d.kind, d.hash, d.sealed],
  );
  return rows[0].id;
}

/** The valid decision of an application, if any. */
export async function currentDecision(c: PoolClient, applicationId: string): Promise<DecisionRow | null> {
  const { rows } = await c.query<DecisionRow>(
    `SELECT id, number, kind, issued_at, verification_sealed, revoked_at FROM decision_documents
     WHERE application_id = $1 AND revoked_at IS NULL`,
    [applicationId],
  );
  return rows[0] ?? null;
}

/** What a decision document says about the application (one application of the tenant). */
export interface DecisionSubjectRow {
  id: string;
  hromada_id: number;
  registration_number: string | null;
  status: string;
  person_name: string;
  /** NULL while the person of an online application is not confirmed (person_name is then the applicant's typed name). */
  person_id: string | null;
  /** The resident account that filed the application online without a registry link. */
  applicant_user_id: string | null;
  person_email: string | null;
  service_name: string;
  registered_on: string | null;
  deadline: string | null;
  processing_days: number | null;
  decided_at: Date | null;
  decided_by_name: string | null;
  decision: string | null;
  refusal_reason: string | null;
}

export async function loadDecisionSubject(c: PoolClient, applicationId: string): Promise<DecisionSubjectRow | null> {
  const { rows } = await c.query<DecisionSubjectRow>(
    `SELECT a.id, a.hromada_id, a.registration_number, a.status,
       CASE WHEN p.id IS NULL THEN concat_ws(' ', aa.last_name, aa.first_name, aa.patronymic)
         ELSE concat_ws(' ', p.last_name, p.first_name, p.patronymic) END AS person_name,
       p.id AS person_id, a.applicant_user_id, p.email AS person_email,
       s.name AS service_name, to_char(a.registered_on, 'YYYY-MM-DD') AS registered_on, to_char(a.deadline, 'YYYY-MM-DD') AS deadline,
       a.processing_days, a.decided_at, u.display_name AS decided_by_name, a.decision, a.refusal_reason
     FROM applications a LEFT JOIN persons p ON p.id = a.person_id JOIN services s ON s.id = a.service_id
     LEFT JOIN application_applicants aa ON aa.hromada_id = a.hromada_id AND aa.application_id = a.id AND a.person_id IS NULL
     LEFT JOIN users u ON u.id = a.decided_by
     WHERE a.id = $1`,
    [applicationId],
  );
  return rows[0] ?? null;
}

export interface VerifiedDecision {
  number: string;
  kind: DecisionKind;
  issued_at: Date;
  revoked_at: Date | null;
}

/** Cross-tenant lookup by the token's hash (a SECURITY DEFINER function returning no names). */
export async function verifyByHash(c: PoolClient, hash: string): Promise<VerifiedDecision | null> {
  const { rows } = await c.query<VerifiedDecision>(
    'SELECT number, kind, issued_at, revoked_at FROM decision_verify($1)',
    [hash],
  );
  return rows[0] ?? null;
}

/** The sealed check code of an application, if it has one. */
export async function sealedStatusCode(c: Queryable, applicationId: string): Promise<string | null> {
  const { rows } = await c.query<{ code_sealed: string }>(
    'SELECT code_sealed FROM application_status_codes WHERE application_id = $1',
    [applicationId],
  );
  return rows[0]?.code_sealed ?? null;
}

/** Keeps a new check code (false: the application got one at the same moment). */
export async function insertStatusCode(
  c: Queryable,
  a: { hromadaId: number; applicationId: string; registrationNumber: string; hash: string; sealed: string },
): Promise<boolean> {
  const { rows } = await c.query<{ code_sealed: string }>(
    `INSERT INTO application_status_codes (hromada_id, application_id, registration_number, code_hash, code_sealed)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING code_sealed`,
    [a.hromadaId, a.applicationId, a.registrationNumber, a.hash, a.sealed],
  );
  return rows.length > 0;
}

/** Cross-tenant lookup of an application by its registration number and the hash of its check code. */
export async function statusLookup(
  c: Queryable,
  number: string,
  hash: string,
): Promise<{ hromada_id: number; application_id: string } | null> {
  const { rows } = await c.query<{ hromada_id: number; application_id: string }>(
    'SELECT hromada_id, application_id FROM application_status_lookup($1, $2)',
    [number, hash],
  );
  return rows[0] ?? null;
}

/** What the public status page shows of an application: service, status, dates, and each change of status (Kyiv dates). */
export async function publicStatusOf(
  c: Queryable,
  applicationId: string,
): Promise<{
  status: string;
  service_name: string;
  registered_on: string | null;
  deadline: string | null;
  changes: { on: string; status: string }[];
} | null> {
  const a = (
    await c.query<{ status: string; service_name: string; registered_on: string | null; deadline: string | null }>(
      `SELECT a.status, s.name AS service_name, to_char(a.registered_on, 'YYYY-MM-DD') AS registered_on,
       to_char(a.deadline, 'YYYY-MM-DD') AS deadline
     FROM applications a JOIN services s ON s.id = a.service_id WHERE a.id = $1`,
      [applicationId],
    )
  ).rows[0];
  if (!a) return null;
  const changes = (
    await c.query<{ on: string; status: string }>(
      `SELECT to_char(at AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD') AS on, to_status AS status FROM application_history
     WHERE application_id = $1 AND to_status IS DISTINCT FROM from_status AND to_status <> 'submitted' ORDER BY at, id`,
      [applicationId],
    )
  ).rows;
  return { ...a, changes };
}

/** The transaction's clock. */
export async function transactionNow(c: Queryable): Promise<Date> {
  const { rows } = await c.query<{ now: Date }>('SELECT now() AS now');
  return rows[0].now;
}
