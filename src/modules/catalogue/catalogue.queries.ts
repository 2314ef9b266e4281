import type { Db, Queryable } from '../../platform/db.js';
import type { DocumentKind } from './catalogue.schema.js';
import { AUDIENCES, type Channel, type Cost, type ServiceFilters } from './catalogue.schema.js';

export interface ServiceRow {
  id: string; code: string | null; name: string; name_en: string | null; description: string | null;
  recipients: string | null; eligible_categories: string[]; min_age: number | null; max_age: number | null;
  conditions: string | null; cost: Cost; tariff: string | null; max_processing_days: number; crisis: boolean;
  channels: Channel[]; legal_basis: string | null; active: boolean; version: number; updated_at: Date;
}
export interface DocumentRow { service_id: string; name: string; obtained_by_office: boolean; kind: DocumentKind }
export interface StepRow { service_id: string; position: number; title: string; responsible_role: string | null; time_limit_days: number | null }
export interface ProviderRow { service_id: string; id: number; name: string }
export interface ServiceCard { service: ServiceRow; documents: DocumentRow[]; steps: StepRow[]; providers: ProviderRow[] }

const SERVICE_COLUMNS = `s.id, s.code, s.name, s.name_en, s.description, s.recipients, s.eligible_categories, s.min_age,
  s.max_age, s.conditions, s.cost, s.tariff, s.max_processing_days, s.crisis, s.channels, s.legal_basis, s.active,
  s.version, s.updated_at`;

/** The hromada whose catalogue the public pages show: the first active one (as the header's name). */
export async function publicHromadaId(db: Db): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id FROM hromadas WHERE active ORDER BY activated_at NULLS LAST, id LIMIT 1');
  return rows[0]?.id ?? null;
}

/** Services matching the filters, sorted by name in Ukrainian order. Runs under the tenant's RLS. */
export async function listServices(c: Queryable, f: ServiceFilters): Promise<ServiceRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => { args.push(v); return `$${args.length}`; };
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
     ORDER BY s.name COLLATE "uk-UA-x-icu", s.id`, args);
  return rows;
}

/** Documents, steps and providers of several services at once, in their order. */
export async function loadParts(c: Queryable, ids: string[]) {
  // One client runs one query at a time: the three reads go one after another.
  const documents = await c.query<DocumentRow>(`SELECT service_id, name, obtained_by_office, kind FROM service_documents
    WHERE service_id = ANY($1::uuid[]) ORDER BY position, name`, [ids]);
  const steps = await c.query<StepRow>(`SELECT service_id, position, title, responsible_role, time_limit_days FROM service_steps
    WHERE service_id = ANY($1::uuid[]) ORDER BY position`, [ids]);
  const providers = await c.query<ProviderRow>(`SELECT p.service_id, a.id, a.name FROM service_providers p
    JOIN agencies a ON a.id = p.agency_id
    WHERE p.service_id = ANY($1::uuid[]) ORDER BY a.name COLLATE "uk-UA-x-icu"`, [ids]);
  return { documents: documents.rows, steps: steps.rows, providers: providers.rows };
}

/** Full cards of several services (same order as `rows`). */
export async function cardsOf(c: Queryable, rows: ServiceRow[]): Promise<ServiceCard[]> {
  const parts = await loadParts(c, rows.map((r) => r.id));
  return rows.map((service) => ({
    service,
    documents: parts.documents.filter((d) => d.service_id === service.id),
    steps: parts.steps.filter((s) => s.service_id === service.id),
    providers: parts.providers.filter((p) => p.service_id === service.id),
  }));
}

/** One service card, or null. `lock` takes the row for an update. */
export async function findServiceCard(c: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ServiceCard | null> {
  const { rows } = await c.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM services s WHERE s.id = $1${opts.lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) return null;
  return (await cardsOf(c, rows))[0];
}

export interface SituationRow {
  id: string; slug: string; name: string; summary: string | null; instruction: string; position: number; active: boolean;
}

export async function listSituations(c: Queryable, opts: { includeInactive?: boolean } = {}): Promise<SituationRow[]> {
  const { rows } = await c.query<SituationRow>(
    `SELECT id, slug, name, summary, instruction, position, active FROM life_situations
     ${opts.includeInactive ? '' : 'WHERE active'} ORDER BY position, name COLLATE "uk-UA-x-icu"`);
  return rows;
}

export async function findSituation(c: Queryable, by: { slug?: string; id?: string }): Promise<SituationRow | null> {
  const { rows } = await c.query<SituationRow>(
    `SELECT id, slug, name, summary, instruction, position, active FROM life_situations
     WHERE ${by.id ? 'id = $1' : 'slug = $1'}`, [by.id ?? by.slug]);
  return rows[0] ?? null;
}

/** Services linked to a life situation, in the bundle's order. */
export async function situationServices(c: Queryable, situationId: string, opts: { includeInactive?: boolean } = {}) {
  const { rows } = await c.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM life_situation_services ls JOIN services s ON s.id = ls.service_id
     WHERE ls.life_situation_id = $1 ${opts.includeInactive ? '' : 'AND s.active'} ORDER BY ls.position, s.name COLLATE "uk-UA-x-icu"`,
    [situationId]);
  return rows;
}

/** Life situations a service belongs to (for its card). */
export async function situationsOfService(c: Queryable, serviceId: string) {
  const { rows } = await c.query<{ slug: string; name: string }>(
    `SELECT l.slug, l.name FROM life_situation_services ls JOIN life_situations l ON l.id = ls.life_situation_id
     WHERE ls.service_id = $1 AND l.active ORDER BY l.position`, [serviceId]);
  return rows;
}

export async function categoryNames(c: Queryable) {
  const { rows } = await c.query<{ code: string; name_uk: string; name_en: string }>(
    'SELECT code, name_uk, name_en FROM category_types WHERE active ORDER BY sort, code');
  return rows;
}

export async function agencyOptions(c: Queryable) {
  const { rows } = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM agencies ORDER BY name COLLATE "uk-UA-x-icu"');
  return rows;
}
