import type { Queryable } from '../../src/platform/db.js';
import { BASIC_SERVICES } from '../../src/modules/catalogue/seed/basic-services.data.js';
import { PLAN_SERVICES, SITUATIONS } from '../../src/modules/catalogue/seed/plan-services.data.js';
import type { AgencyKey } from '../../src/modules/catalogue/seed/seed-types.js';

/**
 * Seeds a hromada's catalogue: the 16 basic services of the Law, the services the action
 * plans name, and the life-situation bundles. Runs in the caller's tenant transaction.
 * `agencies` maps the demo agency keys to their ids; missing agencies are skipped.
 */
export async function seedCatalogue(
  c: Queryable,
  hromadaId: number,
  agencies: Partial<Record<AgencyKey, number>>,
): Promise<void> {
  const ids = new Map<string, string>();
  for (const s of [...BASIC_SERVICES, ...PLAN_SERVICES]) {
    const r = await c.query<{ id: string }>(
      `INSERT INTO services (hromada_id, code, name, name_en, description, recipients, conditions, eligible_categories,
         min_age, max_age, cost, tariff, max_processing_days, crisis, channels, legal_basis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        hromadaId,
        s.code,
        s.name,
        s.nameEn,
        s.description,
        s.recipients,
        s.conditions ?? null,
        s.categories,
        s.minAge ?? null,
        s.maxAge ?? null,
        s.cost,
        s.tariff ?? null,
        s.days ?? (s.crisis ? 1 : 10),
        s.crisis ?? false,
        s.channels,
        s.legalBasis ?? null,
      ],
    );
    const id = r.rows[0].id;
    ids.set(s.key, id);
    for (const [i, [name, office, kind]] of s.documents.entries()) {
      await c.query(
        `INSERT INTO service_documents (hromada_id, service_id, position, name, obtained_by_office, kind)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [hromadaId, id, i + 1, name, office ?? false, kind ?? 'required'],
      );
    }
    for (const [i, [title, role, days]] of s.steps.entries()) {
      await c.query(
        `INSERT INTO service_steps (hromada_id, service_id, position, title, responsible_role, time_limit_days)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [hromadaId, id, i + 1, title, role, days],
      );
    }
    for (const key of s.providers) {
      const agencyId = agencies[key];
      if (agencyId === undefined) continue;
      await c.query('INSERT INTO service_providers (hromada_id, service_id, agency_id) VALUES ($1, $2, $3)', [
        hromadaId,
        id,
        agencyId,
      ]);
    }
  }
  for (const [i, sit] of SITUATIONS.entries()) {
    const r = await c.query<{ id: string }>(
      `INSERT INTO life_situations (hromada_id, slug, name, summary, instruction, position)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [hromadaId, sit.slug, sit.name, sit.summary, sit.steps.join('\n'), i + 1],
    );
    for (const [j, key] of sit.services.entries()) {
      const serviceId = ids.get(key);
      if (!serviceId) throw new Error(`life situation ${sit.slug} names an unknown service ${key}`);
      await c.query(
        'INSERT INTO life_situation_services (hromada_id, life_situation_id, service_id, position) VALUES ($1, $2, $3, $4)',
        [hromadaId, r.rows[0].id, serviceId, j + 1],
      );
    }
  }
}
