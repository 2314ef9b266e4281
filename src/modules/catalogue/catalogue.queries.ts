import { prepared, type Db, type Queryable } from '../../platform/db.js';
import type { DocumentKind, ServiceInput, SituationInput } from './catalogue.schema.js';
import { AUDIENCES, type Channel, type Cost, type ServiceFilters } from './catalogue.schema.js';

export interface ServiceRow {
  id: string;
  code: string | null;
  name: string;
  name_en: string | null;
  description: string | null;
  recipients: string | null;
  eligible_categories: string[];
  min_age: number | null;
  max_age: number | null;
  conditions: string | null;
  cost: Cost;
  tariff: string | null;
  max_processing_days: number;
  crisis: boolean;
  channels: Channel[];
  legal_basis: string | null;
  active: boolean;
  version: number;
  updated_at: Date;
}
export interface DocumentRow {
  service_id: string;
  name: string;
  obtained_by_office: boolean;
  kind: DocumentKind;
}
export interface StepRow {
  service_id: string;
  position: number;
  title: string;
  responsible_role: string | null;
  time_limit_days: number | null;
}
export interface ProviderRow {
  service_id: string;
  id: number;
  name: string;
}
export interface ServiceCard {
  service: ServiceRow;
  documents: DocumentRow[];
  steps: StepRow[];
  providers: ProviderRow[];
}

const SERVICE_COLUMNS = `s.id, s.code, s.name, s.name_en, s.description, s.recipients, s.eligible_categories, s.min_age,
  s.max_age, s.conditions, s.cost, s.tariff, s.max_processing_days, s.crisis, s.channels, s.legal_basis, s.active,
  s.version, s.updated_at`;

/** The hromada whose catalogue the public pages show: the first active one (as the header's name). */
export async function publicHromadaId(db: Db): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id FROM hromadas WHERE active ORDER BY activated_at NULLS LAST, id LIMIT 1',
  );
  return rows[0]?.id ?? null;
}

/** Services matching the filters, sorted by name in Ukrainian order. Runs under the tenant's RLS. */
export async function listServices(c: Queryable, f: ServiceFilters): Promise<ServiceRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  if (!f.includeInactive) where.push('s.active');
  if (f.q) {
    const q = arg(f.q);
    where.push(`(strpos(lower(s.name COLLATE "uk-UA-x-icu"), lower(${q}::text COLLATE "uk-UA-x-icu")) > 0
      OR strpos(lower(coalesce(s.description, '') COLLATE "uk-UA-x-icu"), lower(${q}::text COLLATE "uk-UA-x-icu")) > 0
      OR s.code = ${q})`);
  }
  if (f.audience) {
    const a: { codes: readonly string[]; ageFrom?: number; ageTo?: number } = AUDIENCES[f.audience];
    const parts = ["s.eligible_categories = '{}'", `s.eligible_categories && ${arg([...a.codes])}::text[]`];
    if (a.ageFrom !== undefined) parts.push(`s.min_age >= ${arg(a.ageFrom)}`);
    if (a.ageTo !== undefined) parts.push(`s.max_age <= ${arg(a.ageTo)}`);
    where.push(`(${parts.join(' OR ')})`);
  }
  if (f.category) where.push(`(s.eligible_categories = '{}' OR ${arg(f.category)} = ANY (s.eligible_categories))`);
  if (f.situation) {
    where.push(`EXISTS (SELECT 1 FROM life_situation_services ls JOIN life_situations l ON l.id = ls.life_situation_id
      WHERE ls.service_id = s.id AND l.slug = ${arg(f.situation)} AND l.active)`);
  }
  if (f.freeOnly) where.push("s.cost = 'free'");
  const { rows } = await c.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM services s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY s.name COLLATE "uk-UA-x-icu", s.id`,
    args,
  );
  return rows;
}

/** Documents, steps and providers of several services at once, in their order. */
export async function loadParts(c: Queryable, ids: string[]) {
  // One client runs one query at a time: the three reads go one after another.
  const documents = await c.query<DocumentRow>(
    `SELECT service_id, name, obtained_by_office, kind FROM service_documents
    WHERE service_id = ANY($1::uuid[]) ORDER BY position, name`,
    [ids],
  );
  const steps = await c.query<StepRow>(
    `SELECT service_id, position, title, responsible_role, time_limit_days FROM service_steps
    WHERE service_id = ANY($1::uuid[]) ORDER BY position`,
    [ids],
  );
  const providers = await c.query<ProviderRow>(
    `SELECT p.service_id, a.id, a.name FROM service_providers p
    JOIN agencies a ON a.id = p.agency_id
    WHERE p.service_id = ANY($1::uuid[]) ORDER BY a.name COLLATE "uk-UA-x-icu"`,
    [ids],
  );
  return { documents: documents.rows, steps: steps.rows, providers: providers.rows };
}

/** Full cards of several services (same order as `rows`). */
export async function cardsOf(c: Queryable, rows: ServiceRow[]): Promise<ServiceCard[]> {
  const parts = await loadParts(
    c,
    rows.map((r) => r.id),
  );
  return rows.map((service) => ({
    service,
    documents: parts.documents.filter((d) => d.service_id === service.id),
    steps: parts.steps.filter((s) => s.service_id === service.id),
    providers: parts.providers.filter((p) => p.service_id === service.id),
  }));
}

/** One service card, or null. `lock` takes the row for an update. */
export async function findServiceCard(
  c: Queryable,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ServiceCard | null> {
  const { rows } = await c.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM services s WHERE s.id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!rows[0]) return null;
  return (await cardsOf(c, rows))[0];
}

export interface SituationRow {
  id: string;
  slug: string;
  name: string;
  summary: string | null;
  instruction: string;
  position: number;
  active: boolean;
}

export async function listSituations(c: Queryable, opts: { includeInactive?: boolean } = {}): Promise<SituationRow[]> {
  const { rows } = await c.query<SituationRow>(
    `SELECT id, slug, name, summary, instruction, position, active FROM life_situations
     ${opts.includeInactive ? '' : 'WHERE active'} ORDER BY position, name COLLATE "uk-UA-x-icu"`,
  );
  return rows;
}

export async function findSituation(c: Queryable, by: { slug?: string; id?: string }): Promise<SituationRow | null> {
  const { rows } = await c.query<SituationRow>(
    `SELECT id, slug, name, summary, instruction, position, active FROM life_situations
     WHERE ${by.id ? 'id = $1' : 'slug = $1'}`,
    [by.id ?? by.slug],
  );
  return rows[0] ?? null;
}

/** Services linked to a life situation, in the bundle's order. */
export async function situationServices(c: Queryable, situationId: string, opts: { includeInactive?: boolean } = {}) {
  const { rows } = await c.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM life_situation_services ls JOIN services s ON s.id = ls.service_id
     WHERE ls.life_situation_id = $1 ${opts.includeInactive ? '' : 'AND s.active'} ORDER BY ls.position, s.name COLLATE "uk-UA-x-icu"`,
    [situationId],
  );
  return rows;
}

/** Life situations a service belongs to (for its card). */
export async function situationsOfService(c: Queryable, serviceId: string) {
  const { rows } = await c.query<{ slug: string; name: string }>(
    `SELECT l.slug, l.name FROM life_situation_services ls JOIN life_situations l ON l.id = ls.life_situation_id
     WHERE ls.service_id = $1 AND l.active ORDER BY l.position`,
    [serviceId],
  );
  return rows;
}

export async function categoryNames(c: Queryable) {
  const { rows } = await c.query<{ code: string; name_uk: string; name_en: string }>(
    'SELECT code, name_uk, name_en FROM category_types WHERE active ORDER BY sort, code',
  );
  return rows;
}

export async function agencyOptions(c: Queryable) {
  const { rows } = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM agencies ORDER BY name COLLATE "uk-UA-x-icu"',
  );
  return rows;
}

/**
 * The statement that opens a public page's transaction: it picks the hromada whose catalogue the
 * public pages show (`publicHromadaId`'s rule) and sets it as the transaction's tenant; no row, no catalogue.
 */
export const PUBLIC_CATALOGUE_OPENING = prepared(
  `SELECT set_config('app.hromada_id', h.id::text, true), set_config('app.user_id', '', true), h.id
   FROM (SELECT id FROM hromadas WHERE active ORDER BY activated_at NULLS LAST, id LIMIT 1) h`,
  [],
);

/** A PostgreSQL unique violation (e.g. a service code already used in the hromada). */
export const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** How many of these agencies the hromada has (RLS hides the others). */
export async function countAgencies(c: Queryable, ids: number[]): Promise<number> {
  const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM agencies WHERE id = ANY($1::int[])', [
    ids,
  ]);
  return rows[0].n;
}

/** How many of these category codes are active. */
export async function countActiveCategories(c: Queryable, codes: string[]): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    'SELECT count(DISTINCT code)::int AS n FROM category_types WHERE code = ANY($1::text[]) AND active',
    [codes],
  );
  return rows[0].n;
}

/** How many of these services the hromada has. */
export async function countServices(c: Queryable, ids: string[]): Promise<number> {
  const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM services WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return rows[0].n;
}

/** Replaces a card's documents, steps and providers (in the form's order). */
export async function replaceServiceParts(c: Queryable, hromadaId: number, id: string, input: ServiceInput) {
  await c.query('DELETE FROM service_documents WHERE service_id = $1', [id]);
  await c.query('DELETE FROM service_steps WHERE service_id = $1', [id]);
  await c.query('DELETE FROM service_providers WHERE service_id = $1', [id]);
  for (const [i, d] of input.documents.entries()) {
    await c.query(
      `INSERT INTO service_documents (hromada_id, service_id, position, name, obtained_by_office, kind)
      VALUES ($1, $2, $3, $4, $5, $6)`,
      [hromadaId, id, i + 1, d.name, d.obtainedByOffice, d.kind],
    );
  }
  for (const [i, s] of input.steps.entries()) {
    await c.query(
      `INSERT INTO service_steps (hromada_id, service_id, position, title, responsible_role, time_limit_days)
      VALUES ($1, $2, $3, $4, $5, $6)`,
      [hromadaId, id, i + 1, s.title, s.responsibleRole, s.timeLimitDays],
    );
  }
  for (const agencyId of new Set(input.providers)) {
    await c.query('INSERT INTO service_providers (hromada_id, service_id, agency_id) VALUES ($1, $2, $3)', [
      hromadaId,
      id,
      agencyId,
    ]);
  }
}

const FIELDS_SQL = `code = $3, name = $4, name_en = $5, description = $6, recipients = $7, conditions = $8,
  eligible_categories = $9, min_age = $10, max_age = $11, cost = $12, tariff = $13, max_processing_days = $14, crisis = $15,
  channels = $16, legal_basis = $17`;
const fieldArgs = (i: ServiceInput) => [
  i.code,
  i.name,
  i.nameEn,
  i.description,
  i.recipients,
  i.conditions,
  [...new Set(i.eligibleCategories)],
  i.minAge,
  i.maxAge,
  i.cost,
  i.tariff,
  i.maxProcessingDays,
  i.crisis,
  [...new Set(i.channels)],
  i.legalBasis,
];

export async function insertService(
  c: Queryable,
  hromadaId: number,
  userId: string,
  input: ServiceInput,
): Promise<string> {
  const r = await c.query<{ id: string }>(
    `INSERT INTO services (hromada_id, code, name, name_en, description, recipients, conditions, eligible_categories, min_age,
       max_age, cost, tariff, max_processing_days, crisis, channels, legal_basis, created_by, updated_by)
     VALUES ($1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $2, $2) RETURNING id`,
    [hromadaId, userId, ...fieldArgs(input)],
  );
  return r.rows[0].id;
}

export async function updateServiceFields(c: Queryable, id: string, userId: string, input: ServiceInput) {
  await c.query(
    `UPDATE services SET ${FIELDS_SQL}, version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`,
    [id, userId, ...fieldArgs(input)],
  );
}

export async function updateServiceActive(c: Queryable, id: string, active: boolean, userId: string) {
  await c.query(
    'UPDATE services SET active = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1',
    [id, active, userId],
  );
}

/** Keeps a card as it was (its snapshot) in service_history. */
export async function insertServiceHistory(
  c: Queryable,
  o: {
    hromadaId: number;
    serviceId: string;
    version: number;
    userId: string;
    snapshot: unknown;
    reason: string;
  },
) {
  await c.query(
    `INSERT INTO service_history (hromada_id, service_id, version, changed_by, snapshot, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
    [o.hromadaId, o.serviceId, o.version, o.userId, JSON.stringify(o.snapshot), o.reason || null],
  );
}

/** An edit of a card that may be undone (a form saved without changes leaves no new version). */
export async function beginCardEdit(c: Queryable) {
  await c.query('SAVEPOINT card_edit');
}

export async function undoCardEdit(c: Queryable) {
  await c.query('ROLLBACK TO SAVEPOINT card_edit');
}

/** A kept version; `S` is the snapshot's shape (service-snapshot.ts). */
export interface HistoryRow<S> {
  version: number;
  changed_at: Date;
  reason: string | null;
  snapshot: S;
  display_name: string | null;
}

/** The kept versions of a card, newest first, with who changed them. */
export async function serviceHistory<S>(c: Queryable, serviceId: string): Promise<HistoryRow<S>[]> {
  const { rows } = await c.query<HistoryRow<S>>(
    `SELECT h.version, h.changed_at, h.reason, h.snapshot, u.display_name
     FROM service_history h LEFT JOIN users u ON u.id = h.changed_by
     WHERE h.service_id = $1 ORDER BY h.version DESC`,
    [serviceId],
  );
  return rows;
}

/** A life situation's name, summary, instruction and its services in this order. */
export async function updateSituation(
  c: Queryable,
  hromadaId: number,
  id: string,
  userId: string,
  input: SituationInput,
  serviceIds: string[],
) {
  await c.query(
    'UPDATE life_situations SET name = $2, summary = $3, instruction = $4, updated_at = now(), updated_by = $5 WHERE id = $1',
    [id, input.name, input.summary, input.instruction.join('\n'), userId],
  );
  await c.query('DELETE FROM life_situation_services WHERE life_situation_id = $1', [id]);
  for (const [i, serviceId] of serviceIds.entries()) {
    await c.query(
      'INSERT INTO life_situation_services (hromada_id, life_situation_id, service_id, position) VALUES ($1, $2, $3, $4)',
      [hromadaId, id, serviceId, i + 1],
    );
  }
}
