import type { Queryable } from '../../platform/db.js';
import type { ContractForm, Unit } from './contract-rules.js';

export const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** The hromada's active providers (agencies), to choose a contract's or an order's provider. */
export async function agencyChoices(c: Queryable, hromadaId: number): Promise<{ id: number; name: string }[]> {
  const { rows } = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM agencies WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu", id',
    [hromadaId],
  );
  return rows;
}

export async function agencyName(c: Queryable, hromadaId: number, id: number): Promise<string | null> {
  const { rows } = await c.query<{ name: string }>('SELECT name FROM agencies WHERE hromada_id = $1 AND id = $2', [
    hromadaId,
    id,
  ]);
  return rows[0]?.name ?? null;
}

export interface ServiceChoice {
  id: string;
  name: string;
  crisis: boolean;
}

/** The hromada's active catalogue services. */
export async function serviceChoices(c: Queryable, hromadaId: number): Promise<ServiceChoice[]> {
  const { rows } = await c.query<ServiceChoice>(
    'SELECT id, name, crisis FROM services WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu", id',
    [hromadaId],
  );
  return rows;
}

/** The services of the hromada among `ids` (unknown or another hromada's ids are simply missing). */
export async function servicesByIds(c: Queryable, hromadaId: number, ids: string[]): Promise<ServiceChoice[]> {
  const { rows } = await c.query<ServiceChoice>(
    'SELECT id, name, crisis FROM services WHERE hromada_id = $1 AND id = ANY($2::uuid[])',
    [hromadaId, ids],
  );
  return rows;
}

/**
 * Which of `serviceIds` the provider delivers: the catalogue's list of a service's providers, which the provider
 * registry keeps in step with the settings it records (`provider_services`, decision 0025).
 */
export async function servicesDelivered(
  c: Queryable,
  hromadaId: number,
  agencyId: number,
  serviceIds: string[],
): Promise<Set<string>> {
  const { rows } = await c.query<{ service_id: string }>(
    `SELECT service_id FROM service_providers WHERE hromada_id = $1 AND agency_id = $2 AND service_id = ANY($3::uuid[])`,
    [hromadaId, agencyId, serviceIds],
  );
  return new Set(rows.map((r) => r.service_id));
}

/**
 * An active contract of the provider with the person whose term overlaps [startsOn, endsOn], if any. Takes a lock on
 * the provider and person for the rest of the transaction first, so two contracts written at once cannot both pass.
 */
export async function overlappingContract(
  c: Queryable,
  hromadaId: number,
  o: { agencyId: number; personId: string; startsOn: string; endsOn: string },
): Promise<{ number: string } | null> {
  await c.query("SELECT pg_advisory_xact_lock(hashtext('recipient_contract:' || $1 || ':' || $2 || ':' || $3))", [
    hromadaId,
    o.agencyId,
    o.personId,
  ]);
  const { rows } = await c.query<{ number: string }>(
    `SELECT number FROM recipient_contracts
     WHERE hromada_id = $1 AND agency_id = $2 AND person_id = $3 AND status = 'active'
       AND starts_on <= $5::date AND ends_on >= $4::date
     ORDER BY starts_on LIMIT 1`,
    [hromadaId, o.agencyId, o.personId, o.startsOn, o.endsOn],
  );
  return rows[0] ?? null;
}

export interface ContractServiceInput {
  serviceId: string;
  volume: number;
  unit: Unit;
  monthlyCost: number;
}

export interface NewContract {
  agencyId: number;
  personId: string;
  caseId: string | null;
  number: string;
  form: ContractForm;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  services: ContractServiceInput[];
}

export async function insertContract(c: Queryable, hromadaId: number, k: NewContract, by: string): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO recipient_contracts (hromada_id, agency_id, person_id, case_id, number, form, signed_on, starts_on,
       ends_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [hromadaId, k.agencyId, k.personId, k.caseId, k.number, k.form, k.signedOn, k.startsOn, k.endsOn, by],
  );
  const id = rows[0]?.id ?? '';
  await c.query(
    `INSERT INTO recipient_contract_services (hromada_id, contract_id, service_id, volume_per_month, volume_unit,
       monthly_cost)
     SELECT $1, $2, s, v, u, m FROM unnest($3::uuid[], $4::numeric[], $5::text[], $6::numeric[]) AS x(s, v, u, m)`,
    [
      hromadaId,
      id,
      k.services.map((s) => s.serviceId),
      k.services.map((s) => s.volume),
      k.services.map((s) => s.unit),
      k.services.map((s) => s.monthlyCost),
    ],
  );
  return id;
}

export interface ContractRow {
  id: string;
  agency_id: number;
  agency_name: string;
  person_id: string;
  person_name: string;
  case_id: string | null;
  case_number: string | null;
  case_restricted: boolean | null;
  number: string;
  form: ContractForm;
  signed_on: string;
  starts_on: string;
  ends_on: string;
  status: 'active' | 'terminated';
  terminated_on: string | null;
  termination_reason: string | null;
  monthly_cost: string;
  /** The last assessment of the contract's case (for the re-assessment of art. 22), if any. */
  last_assessed_on: string | null;
}

const SELECT_CONTRACT = `SELECT k.id, k.agency_id, a.name AS agency_name, k.person_id,
    concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS person_name, k.case_id, cs.number AS case_number,
    cs.restricted AS case_restricted, k.number, k.form, to_char(k.signed_on, 'YYYY-MM-DD') AS signed_on,
    to_char(k.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(k.ends_on, 'YYYY-MM-DD') AS ends_on, k.status,
    to_char(k.terminated_on, 'YYYY-MM-DD') AS terminated_on, k.termination_reason,
    (SELECT coalesce(sum(s.monthly_cost), 0)::text FROM recipient_contract_services s
      WHERE s.hromada_id = k.hromada_id AND s.contract_id = k.id) AS monthly_cost,
    (SELECT to_char(max(x.completed_on), 'YYYY-MM-DD') FROM assessments x
      WHERE x.hromada_id = k.hromada_id AND x.case_id = k.case_id) AS last_assessed_on
  FROM recipient_contracts k
  JOIN agencies a ON a.hromada_id = k.hromada_id AND a.id = k.agency_id
  JOIN persons p ON p.hromada_id = k.hromada_id AND p.id = k.person_id
  LEFT JOIN cases cs ON cs.hromada_id = k.hromada_id AND cs.id = k.case_id`;

export async function loadContract(
  c: Queryable,
  hromadaId: number,
  id: string,
  lock = false,
): Promise<ContractRow | null> {
  const { rows } = await c.query<ContractRow>(
    `${SELECT_CONTRACT} WHERE k.hromada_id = $1 AND k.id = $2${lock ? ' FOR UPDATE OF k' : ''}`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}

export interface ContractServiceRow {
  service_id: string;
  name: string;
  volume_per_month: string;
  volume_unit: Unit;
  monthly_cost: string;
}

export async function contractServices(c: Queryable, hromadaId: number, id: string): Promise<ContractServiceRow[]> {
  const { rows } = await c.query<ContractServiceRow>(
    `SELECT s.service_id, v.name, s.volume_per_month::text, s.volume_unit, s.monthly_cost::text
     FROM recipient_contract_services s JOIN services v ON v.hromada_id = s.hromada_id AND v.id = s.service_id
     WHERE s.hromada_id = $1 AND s.contract_id = $2 ORDER BY v.name COLLATE "uk-UA-x-icu", v.id`,
    [hromadaId, id],
  );
  return rows;
}

export const CONTRACT_SORTS = ['ends', 'starts', 'number', 'person'] as const;
export type ContractSort = (typeof CONTRACT_SORTS)[number];
const ORDER_BY: Record<ContractSort, string> = {
  ends: 'k.ends_on, k.number',
  starts: 'k.starts_on DESC, k.number',
  number: 'k.number COLLATE "uk-UA-x-icu", k.id',
  person: 'p.last_name COLLATE "uk-UA-x-icu", p.first_name COLLATE "uk-UA-x-icu", k.id',
};

export interface ContractListFilter {
  /** The agencies the actor reaches (a provider's own), or null for the whole hromada. */
  agencyIds: number[] | null;
  agencyId: number | null;
  personId: string | null;
  status: 'active' | 'terminated' | null;
  /** Only active contracts ending on or before this day (and not ended before `from`). */
  endingBy: { from: string; to: string } | null;
  sort: ContractSort;
}

export async function contractsPage(
  c: Queryable,
  hromadaId: number,
  f: ContractListFilter,
  limit: number,
  offset: number,
): Promise<{ rows: ContractRow[]; total: number }> {
  const where = `k.hromada_id = $1 AND ($2::int[] IS NULL OR k.agency_id = ANY($2::int[]))
    AND ($3::int IS NULL OR k.agency_id = $3) AND ($4::uuid IS NULL OR k.person_id = $4)
    AND ($5::text IS NULL OR k.status = $5)
    AND ($6::date IS NULL OR (k.status = 'active' AND k.ends_on BETWEEN $6::date AND $7::date))`;
  const params = [
    hromadaId,
    f.agencyIds,
    f.agencyId,
    f.personId,
    f.status,
    f.endingBy?.from ?? null,
    f.endingBy?.to ?? null,
  ];
  const { rows } = await c.query<ContractRow>(
    `${SELECT_CONTRACT} WHERE ${where} ORDER BY ${ORDER_BY[f.sort]} LIMIT $8 OFFSET $9`,
    [...params, limit, offset],
  );
  const total = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM recipient_contracts k WHERE ${where}`,
    params,
  );
  return { rows, total: total.rows[0]?.n ?? 0 };
}

export async function terminateContractRow(
  c: Queryable,
  hromadaId: number,
  id: string,
  o: { on: string; reason: string; by: string },
): Promise<void> {
  await c.query(
    `UPDATE recipient_contracts SET status = 'terminated', terminated_on = $3, termination_reason = $4,
            updated_by = $5, updated_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, o.on, o.reason, o.by],
  );
}

/**
 * Active contracts whose re-assessment is due on `today` (art. 22): the due day (`days` before the end) has come, the
 * contract has not ended, and its case has no assessment completed on or after the due day. The rule in SQL of
 * `reassessmentDue` (contract-rules.ts).
 */
export async function countReassessmentDue(
  c: Queryable,
  hromadaId: number,
  today: string,
  days: number,
): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM recipient_contracts k
     WHERE k.hromada_id = $1 AND k.status = 'active' AND k.ends_on >= $2::date AND k.ends_on - $3::int <= $2::date
       AND NOT EXISTS (SELECT 1 FROM assessments x WHERE x.hromada_id = k.hromada_id AND x.case_id = k.case_id
         AND x.completed_on >= k.ends_on - $3::int)`,
    [hromadaId, today, days],
  );
  return rows[0]?.n ?? 0;
}

/** The person a contract is made with: the name, and whether the record was merged into another. */
export async function personForContract(
  c: Queryable,
  hromadaId: number,
  id: string,
): Promise<{ id: string; name: string; merged_into: string | null } | null> {
  const { rows } = await c.query<{ id: string; name: string; merged_into: string | null }>(
    `SELECT id, concat_ws(' ', last_name, first_name, patronymic) AS name, merged_into FROM persons
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id],
  );
  return rows[0] ?? null;
}
