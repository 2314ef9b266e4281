import type { PoolClient } from 'pg';
import { batchNames } from '../audit/audit.batch.js';

export interface SubjectRow {
  id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  latin_name: string;
  birth_date: string | null;
  sex: 'female' | 'male' | null;
  rnokpp_sealed: string | null;
  rnokpp_absence: string | null;
  unzr_sealed: string | null;
  phone: string | null;
  email: string | null;
  reg_address: string | null;
  act_address: string | null;
  district_name: string | null;
  death_date: string | null;
  merged_into: string | null;
  created_at: Date;
  updated_at: Date;
}

const address = (p: 'reg' | 'act') =>
  `nullif(concat_ws(', ', (SELECT s.name FROM settlements s WHERE s.code = p.${p}_settlement_code), p.${p}_street, p.${p}_house,
     p.${p}_apartment), '')`;

export async function loadSubject(c: PoolClient, hromadaId: number, id: string): Promise<SubjectRow | null> {
  const { rows } = await c.query<SubjectRow>(
    `SELECT p.id, p.last_name, p.first_name, p.patronymic, p.latin_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
       p.sex, p.rnokpp_sealed, p.rnokpp_absence, p.unzr_sealed, p.phone, p.email, ${address('reg')} AS reg_address,
       ${address('act')} AS act_address, d.name AS district_name, to_char(p.death_date, 'YYYY-MM-DD') AS death_date,
       p.merged_into, p.created_at, p.updated_at
     FROM persons p LEFT JOIN districts d ON d.id = p.district_id WHERE p.id = $1 AND p.hromada_id = $2`,
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

export interface DocumentRow {
  kind: string;
  series: string | null;
  number_sealed: string;
  issuer: string | null;
  issued_on: string | null;
  expires_on: string | null;
}

export async function loadDocuments(c: PoolClient, personId: string): Promise<DocumentRow[]> {
  const { rows } = await c.query<DocumentRow>(
    `SELECT kind, series, number_sealed, issuer, to_char(issued_on, 'YYYY-MM-DD') AS issued_on,
       to_char(expires_on, 'YYYY-MM-DD') AS expires_on
     FROM person_documents WHERE person_id = $1 ORDER BY issued_on DESC NULLS LAST, created_at`,
    [personId],
  );
  return rows;
}

export interface CategoryHistoryRow {
  name_uk: string;
  valid_from: string | null;
  valid_to: string | null;
  evidence: string | null;
  details: string | null;
  created_at: Date;
  ended_at: Date | null;
}

export async function loadCategoryHistory(c: PoolClient, personId: string): Promise<CategoryHistoryRow[]> {
  const { rows } = await c.query<CategoryHistoryRow>(
    `SELECT coalesce(ct.name_uk, pc.code) AS name_uk, to_char(pc.valid_from, 'YYYY-MM-DD') AS valid_from,
       to_char(pc.valid_to, 'YYYY-MM-DD') AS valid_to, pc.evidence, pc.details, pc.created_at, pc.ended_at
     FROM person_categories pc LEFT JOIN category_types ct ON ct.code = pc.code
       AND (ct.hromada_id IS NULL OR ct.hromada_id = pc.hromada_id)
     WHERE pc.person_id = $1 ORDER BY pc.created_at DESC`,
    [personId],
  );
  return rows;
}

export interface MembershipRow {
  relation: string;
  joined_on: string;
  left_on: string | null;
  /** Another present member is a restricted case's subject: the report, given to someone else, leaves the address out. */
  address: string | null;
  address_hidden: boolean;
  is_head: boolean;
}

export async function loadMemberships(c: PoolClient, personId: string): Promise<MembershipRow[]> {
  const { rows } = await c.query<MembershipRow>(
    `SELECT m.relation, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(m.left_on, 'YYYY-MM-DD') AS left_on,
       CASE WHEN EXISTS (SELECT 1 FROM household_members o WHERE o.household_id = h.id AND o.person_id <> $1
           AND o.left_on IS NULL AND contacts_hidden(o.person_id, NULL)) THEN NULL
         ELSE nullif(concat_ws(', ', (SELECT s.name FROM settlements s WHERE s.code = h.settlement_code), h.street, h.house,
           h.apartment), '') END AS address,
       EXISTS (SELECT 1 FROM household_members o WHERE o.household_id = h.id AND o.person_id <> $1
         AND o.left_on IS NULL AND contacts_hidden(o.person_id, NULL)) AS address_hidden,
       h.head_person_id = $1 AS is_head
     FROM household_members m JOIN households h ON h.id = m.household_id
     WHERE m.person_id = $1 ORDER BY m.left_on NULLS FIRST, m.joined_on DESC`,
    [personId],
  );
  return rows;
}

export interface ConsentRow {
  id: string;
  purpose: string;
  legal_basis: string;
  scope: string;
  text_version: string;
  given_on: string;
  withdrawn_on: string | null;
  channel: 'paper' | 'online';
}

export async function loadConsents(c: PoolClient, personId: string): Promise<ConsentRow[]> {
  const { rows } = await c.query<ConsentRow>(
    `SELECT id, purpose, legal_basis, scope, text_version, to_char(given_on, 'YYYY-MM-DD') AS given_on,
       to_char(withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, channel
     FROM consents WHERE person_id = $1 ORDER BY given_on DESC`,
    [personId],
  );
  return rows;
}

export interface ApplicationRow {
  id: string;
  registration_number: string | null;
  service_name: string;
  channel: string;
  status: string;
  created_at: Date;
  registered_on: string | null;
  deadline: string | null;
  decided_at: Date | null;
  refusal_reason: string | null;
}

/** The applications made for the person's records (drafts too: they are data held). */
export async function loadApplications(c: PoolClient, ids: string[]): Promise<ApplicationRow[]> {
  const { rows } = await c.query<ApplicationRow>(
    `SELECT a.id, a.registration_number, s.name AS service_name, a.channel, a.status, a.created_at,
       to_char(a.registered_on, 'YYYY-MM-DD') AS registered_on, to_char(a.deadline, 'YYYY-MM-DD') AS deadline, a.decided_at,
       a.refusal_reason
     FROM applications a JOIN services s ON s.id = a.service_id
     WHERE a.person_id = ANY($1::uuid[]) ORDER BY a.created_at DESC, a.id`,
    [ids],
  );
  return rows;
}

export interface FileRow {
  application_id: string;
  requirement: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_at: Date;
}

/** The files given with those applications (uploaded online, sent with a message or scanned at the office). */
export async function loadApplicationFiles(c: PoolClient, applicationIds: string[]): Promise<FileRow[]> {
  const { rows } = await c.query<FileRow>(
    `SELECT application_id, requirement, file_name, content_type, size, uploaded_at FROM application_documents
     WHERE application_id = ANY($1::uuid[]) ORDER BY uploaded_at DESC, id`,
    [applicationIds],
  );
  return rows;
}

export interface DeliveryRow {
  id: string;
  application_id: string;
  service_name: string;
  agency_name: string;
  status: string;
  assigned_at: Date;
  started_on: string | null;
  completed_on: string | null;
}

/** The providers the person's granted services were handed to (service assignments). */
export async function loadDeliveries(c: PoolClient, ids: string[]): Promise<DeliveryRow[]> {
  const { rows } = await c.query<DeliveryRow>(
    `SELECT sa.id, sa.application_id, s.name AS service_name, g.name AS agency_name, sa.status, sa.assigned_at,
       to_char(sa.started_on, 'YYYY-MM-DD') AS started_on, to_char(sa.completed_on, 'YYYY-MM-DD') AS completed_on
     FROM service_assignments sa JOIN services s ON s.id = sa.service_id JOIN agencies g ON g.id = sa.agency_id
     WHERE sa.person_id = ANY($1::uuid[]) ORDER BY sa.assigned_at DESC, sa.id`,
    [ids],
  );
  return rows;
}

export async function loadAgencies(c: PoolClient, personId: string): Promise<{ name: string; since: string }[]> {
  const { rows } = await c.query<{ name: string; since: string }>(
    `SELECT a.name, to_char(pa.since, 'YYYY-MM-DD') AS since FROM person_agencies pa JOIN agencies a ON a.id = pa.agency_id
     WHERE pa.person_id = $1 ORDER BY a.name`,
    [personId],
  );
  return rows;
}

export interface SubjectMergeRow {
  survivor_id: string;
  merged_id: string;
  merged_at: Date;
  undone_at: Date | null;
}

export async function loadMerges(c: PoolClient, personId: string): Promise<SubjectMergeRow[]> {
  const { rows } = await c.query<SubjectMergeRow>(
    `SELECT survivor_id, merged_id, merged_at, undone_at FROM person_merges
     WHERE survivor_id = $1 OR merged_id = $1 ORDER BY merged_at DESC`,
    [personId],
  );
  return rows;
}

/** The person's id and the ids of every record merged into it (directly or through later merges). */
export async function recordIds(c: PoolClient, personId: string): Promise<string[]> {
  const { rows } = await c.query<{ id: string }>(
    `WITH RECURSIVE r(id, depth) AS (SELECT $1::uuid, 0
       UNION ALL SELECT p.id, r.depth + 1 FROM persons p JOIN r ON p.merged_into = r.id WHERE r.depth < 20)
     SELECT DISTINCT id FROM r`,
    [personId],
  );
  return rows.map((r) => r.id);
}

export interface AccessRow {
  at: Date;
  actor_label: string | null;
  action: string;
  operation: string;
  fields: string[];
  reason: string | null;
  entity_type: string;
  entity_id: string | null;
}

/** Records about the person besides the person's own: their applications, the services' hand-overs, their consents. */
export interface RelatedIds {
  applications: string[];
  assignments: string[];
  consents: string[];
}

/**
 * The audit trail of the records (with the batch entries that name them) and of the records about
 * the person (who opened their applications, the providers' steps, their consents), newest first,
 * at most `limit` rows, and the full count.
 */
export async function loadAccessHistory(
  c: PoolClient,
  hromadaId: number,
  ids: string[],
  limit: number,
  related: RelatedIds = { applications: [], assignments: [], consents: [] },
): Promise<{ rows: AccessRow[]; total: number }> {
  const { rows } = await c.query<AccessRow & { total: string }>(
    `SELECT at, actor_label, action, operation, fields, reason, entity_type, entity_id, count(*) OVER () AS total FROM audit_log a
     WHERE hromada_id = $1 AND ((entity_type = 'person' AND entity_id = ANY($2::text[])) OR ${batchNames('a', 'person', '$2::text[]', true)}
       OR (entity_type = 'application' AND entity_id = ANY($4::text[])) OR (entity_type = 'assignment' AND entity_id = ANY($5::text[]))
       OR (entity_type = 'consent' AND entity_id = ANY($6::text[])))
     ORDER BY at DESC, id DESC LIMIT $3`,
    [hromadaId, ids, limit, related.applications, related.assignments, related.consents],
  );
  return { rows, total: rows[0] ? Number(rows[0].total) : 0 };
}

/** The transaction's clock (the report's time of production is the one its audit entry carries). */
export async function transactionNow(c: PoolClient): Promise<Date> {
  const { rows } = await c.query<{ now: Date }>('SELECT now() AS now');
  return rows[0].now;
}
