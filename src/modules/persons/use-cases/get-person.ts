import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../persons.policy.js';
import type { RequestMeta } from './register-person.js';

export interface PersonRow {
  id: string; last_name: string; first_name: string; patronymic: string | null; latin_name: string;
  birth_date: string | null; sex: 'female' | 'male' | null; rnokpp_mask: string | null; rnokpp_absence: string | null;
  unzr_mask: string | null; phone: string | null; email: string | null;
  reg_settlement_code: string | null; reg_settlement_name: string | null; reg_street: string | null; reg_house: string | null;
  reg_apartment: string | null; district_id: number | null; district_name: string | null; death_date: string | null;
  merged_into: string | null; version: number; created_at: Date; updated_at: Date;
}
export interface CategoryRow { id: string; code: string; name_uk: string; name_en: string; valid_from: string | null;
  valid_to: string | null; evidence: string | null; details: string | null; ended_at: Date | null }

export async function loadPerson(c: PoolClient, hromadaId: number, id: string): Promise<PersonRow | null> {
  const { rows } = await c.query<PersonRow>(
    `SELECT p.id, p.last_name, p.first_name, p.patronymic, p.latin_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
       p.sex, p.rnokpp_mask, p.rnokpp_absence, p.unzr_mask, p.phone, p.email, p.reg_settlement_code, s.name AS reg_settlement_name,
       p.reg_street, p.reg_house, p.reg_apartment, p.district_id, d.name AS district_name,
       to_char(p.death_date, 'YYYY-MM-DD') AS death_date, p.merged_into, p.version, p.created_at, p.updated_at
     FROM persons p LEFT JOIN settlements s ON s.code = p.reg_settlement_code LEFT JOIN districts d ON d.id = p.district_id
     WHERE p.id = $1 AND p.hromada_id = $2`, [id, hromadaId]);
  return rows[0] ?? null;
}

export async function loadCategories(c: PoolClient, personId: string): Promise<CategoryRow[]> {
  const { rows } = await c.query<CategoryRow>(
    `SELECT pc.id, pc.code, coalesce(ct.name_uk, pc.code) AS name_uk, coalesce(ct.name_en, pc.code) AS name_en,
       to_char(pc.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(pc.valid_to, 'YYYY-MM-DD') AS valid_to,
       pc.evidence, pc.details, pc.ended_at
     FROM person_categories pc LEFT JOIN category_types ct ON ct.code = pc.code
       AND (ct.hromada_id IS NULL OR ct.hromada_id = pc.hromada_id)
     WHERE pc.person_id = $1 ORDER BY pc.ended_at NULLS FIRST, pc.valid_from DESC NULLS LAST`, [personId]);
  return rows;
}

/** Codes of the categories in force today. */
export const activeCategoryCodes = (cats: CategoryRow[]) => {
  const today = new Date().toISOString().slice(0, 10);
  return cats.filter((k) => !k.ended_at && (!k.valid_to || k.valid_to >= today) && (!k.valid_from || k.valid_from <= today))
    .map((k) => k.code);
};

/** One person with categories, for the card or the API; the read is audited. */
export async function getPerson(o: GetPersonOptions): Promise<{ person: PersonRow; categories: CategoryRow[] }> {
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) => getPersonIn(c, o));
}

export interface GetPersonOptions { services: Services; actor: Actor | null; id: string; meta?: RequestMeta; action?: string }

/** The same within a transaction the caller holds (API calls). */
export async function getPersonIn(c: PoolClient, o: GetPersonOptions): Promise<{ person: PersonRow; categories: CategoryRow[] }> {
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  {
    await requirePerson(c, actor, 'registry.read', o.id);
    const person = (await loadPerson(c, hromadaId, o.id))!;
    const categories = await loadCategories(c, o.id);
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: o.action ?? 'person.view', operation: 'read',
      entityType: 'person', entityId: o.id, fields: ['name', 'birthDate', 'sex', 'identifiersMasked', 'contacts', 'address', 'categories']
    });
    return { person, categories };
  }
}
