import type { PoolClient } from 'pg';
import type { Db } from '../../../platform/db.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditAdmin, isUniqueViolation, type RequestMeta } from '../../admin/admin.audit.js';
import { FormProblem, type Problem } from '../../admin/form.js';
import type { ServiceInput } from '../catalogue.schema.js';
import { findServiceCard, type ServiceCard } from '../catalogue.queries.js';
import { changedFields, snapshotOf } from '../service-snapshot.js';

export interface SaveServiceOptions {
  db: Db; actor: Actor | null; meta: RequestMeta; input: ServiceInput;
}

/** Providers and categories must be the hromada's own (RLS hides the others, so they are "unknown"). */
async function checkReferences(c: PoolClient, input: ServiceInput) {
  const problems: Problem[] = [];
  const a = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM agencies WHERE id = ANY($1::int[])', [input.providers]);
  if (a.rows[0].n !== new Set(input.providers).size) problems.push({ field: 'providers', key: 'catalogue.v.providers' });
  const k = await c.query<{ n: number }>(
    'SELECT count(DISTINCT code)::int AS n FROM category_types WHERE code = ANY($1::text[]) AND active', [input.eligibleCategories]);
  if (k.rows[0].n !== new Set(input.eligibleCategories).size) problems.push({ field: 'eligibleCategories', key: 'catalogue.v.categories' });
  if (problems.length) throw new FormProblem(problems);
}

async function writeParts(c: PoolClient, hromadaId: number, id: string, input: ServiceInput) {
  await c.query('DELETE FROM service_documents WHERE service_id = $1', [id]);
  await c.query('DELETE FROM service_steps WHERE service_id = $1', [id]);
  await c.query('DELETE FROM service_providers WHERE service_id = $1', [id]);
  for (const [i, d] of input.documents.entries()) {
    await c.query(`INSERT INTO service_documents (hromada_id, service_id, position, name, obtained_by_office, kind)
      VALUES ($1, $2, $3, $4, $5, $6)`, [hromadaId, id, i + 1, d.name, d.obtainedByOffice, d.kind]);
  }
  for (const [i, s] of input.steps.entries()) {
    await c.query(`INSERT INTO service_steps (hromada_id, service_id, position, title, responsible_role, time_limit_days)
      VALUES ($1, $2, $3, $4, $5, $6)`, [hromadaId, id, i + 1, s.title, s.responsibleRole, s.timeLimitDays]);
  }
  for (const agencyId of new Set(input.providers)) {
    await c.query('INSERT INTO service_providers (hromada_id, service_id, agency_id) VALUES ($1, $2, $3)', [hromadaId, id, agencyId]);
  }
}

const FIELDS_SQL = `code = $3, name = $4, name_en = $5, description = $6, recipients = $7, conditions = $8,
  eligible_categories = $9, min_age = $10, max_age = $11, cost = $12, tariff = $13, max_processing_days = $14, crisis = $15,
  channels = $16, legal_basis = $17`;
const fieldArgs = (i: ServiceInput) => [i.code, i.name, i.nameEn, i.description, i.recipients, i.conditions,
  [...new Set(i.eligibleCategories)], i.minAge, i.maxAge, i.cost, i.tariff, i.maxProcessingDays, i.crisis, [...new Set(i.channels)],
  i.legalBasis];

function tenant(actor: Actor | null) {
  authorize(actor, 'catalogue.manage');
  if (actor.hromadaId === null) throw new AppError('forbidden');
  return { actor, hromadaId: actor.hromadaId };
}

async function guardCode<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new FormProblem([{ field: 'code', key: 'catalogue.v.codeTaken' }]);
    throw e;
  }
}

export async function createService(o: SaveServiceOptions): Promise<string> {
  const { actor, hromadaId } = tenant(o.actor);
  return guardCode(() => o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    await checkReferences(c, o.input);
    const r = await c.query<{ id: string }>(
      `INSERT INTO services (hromada_id, code, name, name_en, description, recipients, conditions, eligible_categories, min_age,
         max_age, cost, tariff, max_processing_days, crisis, channels, legal_basis, created_by, updated_by)
       VALUES ($1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $2, $2) RETURNING id`,
      [hromadaId, actor.userId, ...fieldArgs(o.input)]);
    const id = r.rows[0].id;
    await writeParts(c, hromadaId, id, o.input);
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: 'catalogue.service.create', entityType: 'service',
      entityId: id, fields: ['card'] });
    return id;
  }));
}

/** Keeps the card as it was in service_history, bumps the version; refuses a stale form. */
export async function recordHistory(c: PoolClient, o: { hromadaId: number; actor: Actor; card: ServiceCard; reason: string }) {
  await c.query(
    `INSERT INTO service_history (hromada_id, service_id, version, changed_by, snapshot, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
    [o.hromadaId, o.card.service.id, o.card.service.version, o.actor.userId, JSON.stringify(snapshotOf(o.card)), o.reason || null]);
}

export async function updateService(o: SaveServiceOptions & { id: string; version: number; reason: string }): Promise<boolean> {
  const { actor, hromadaId } = tenant(o.actor);
  return guardCode(() => o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const card = await findServiceCard(c, o.id, { lock: true });
    if (!card) throw new AppError('not_found');
    if (card.service.version !== o.version) throw new FormProblem([{ field: 'name', key: 'catalogue.v.stale' }]);
    await checkReferences(c, o.input);
    // A form saved without changes leaves no new version: the writes are undone to this point.
    await c.query('SAVEPOINT card_edit');
    await recordHistory(c, { hromadaId, actor, card, reason: o.reason });
    await c.query(`UPDATE services SET ${FIELDS_SQL}, version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`,
      [o.id, actor.userId, ...fieldArgs(o.input)]);
    await writeParts(c, hromadaId, o.id, o.input);
    const after = await findServiceCard(c, o.id);
    const fields = after ? changedFields(snapshotOf(card), snapshotOf(after)) : [];
    if (!fields.length) {
      await c.query('ROLLBACK TO SAVEPOINT card_edit');
      return false;
    }
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: 'catalogue.service.update', entityType: 'service',
      entityId: o.id, fields, reason: o.reason });
    return true;
  }));
}

export async function setServiceActive(o: { db: Db; actor: Actor | null; meta: RequestMeta; id: string; active: boolean; reason: string }) {
  const { actor, hromadaId } = tenant(o.actor);
  await o.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const card = await findServiceCard(c, o.id, { lock: true });
    if (!card) throw new AppError('not_found');
    if (card.service.active === o.active) return;
    await recordHistory(c, { hromadaId, actor, card, reason: o.reason });
    await c.query('UPDATE services SET active = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1',
      [o.id, o.active, actor.userId]);
    await auditAdmin(c, { actor, meta: o.meta, hromadaId, action: o.active ? 'catalogue.service.activate' : 'catalogue.service.deactivate',
      entityType: 'service', entityId: o.id, fields: ['active'], reason: o.reason });
  });
}
