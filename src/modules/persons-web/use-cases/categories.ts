import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { withPerson, type PersonOptions } from './person-tx.js';
import type { CategoryInput } from '../persons-web.schema.js';
import { categoryTypes } from '../persons-web.queries.js';

type Base = PersonOptions;

/** Adds a category with its validity; a type that needs details (СЖО) is refused without them. */
export function addCategory(o: Base & { input: CategoryInput }): Promise<string> {
  return withPerson(o, 'registry.write', async ({ c, hromadaId, actor, audit }) => {
    const type = (await categoryTypes(c, hromadaId)).find((k) => k.code === o.input.code);
    if (!type) throw new AppError('validation', { messageKey: 'personsWeb.v.categoryRequired' });
    if (type.needs_details && !o.input.details) throw new AppError('validation', { messageKey: 'personsWeb.v.detailsRequired' });
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO person_categories (hromada_id, person_id, code, valid_from, valid_to, evidence, details, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [hromadaId, o.personId, type.code, o.input.validFrom ?? null, o.input.validTo ?? null, o.input.evidence ?? null,
        o.input.details ?? null, actor.userId]);
    await writeAudit(c, audit('person.category.add', 'write', [`category:${type.code}`]));
    return rows[0].id;
  });
}

export interface CategoryToEnd { id: string; name_uk: string; name_en: string; valid_from: string | null; valid_to: string | null }

/** The category shown on the confirmation page before ending it (an audited read). */
export function loadCategoryToEnd(o: Base & { categoryId: string }): Promise<CategoryToEnd> {
  return withPerson(o, 'registry.write', async ({ c, hromadaId, actor, audit }) => {
    const { rows } = await c.query<CategoryToEnd>(
      `SELECT pc.id, coalesce(ct.name_uk, pc.code) AS name_uk, coalesce(ct.name_en, pc.code) AS name_en,
         to_char(pc.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(pc.valid_to, 'YYYY-MM-DD') AS valid_to
       FROM person_categories pc LEFT JOIN category_types ct ON ct.code = pc.code AND (ct.hromada_id IS NULL OR ct.hromada_id = pc.hromada_id)
       WHERE pc.id = $1 AND pc.person_id = $2 AND pc.ended_at IS NULL`, [o.categoryId, o.personId]);
    if (!rows[0]) throw new AppError('not_found');
    await writeAudit(c, audit('person.category.view', 'read', ['categories']));
    return rows[0];
  });
}

/** Ends a category (kept in the history with who ended it and when). */
export function endCategory(o: Base & { categoryId: string }): Promise<void> {
  return withPerson(o, 'registry.write', async ({ c, hromadaId, actor, audit }) => {
    const { rows } = await c.query<{ code: string }>(
      `UPDATE person_categories SET ended_at = now(), ended_by = $3 WHERE id = $1 AND person_id = $2 AND ended_at IS NULL RETURNING code`,
      [o.categoryId, o.personId, actor.userId]);
    if (!rows[0]) throw new AppError('not_found');
    await writeAudit(c, audit('person.category.end', 'write', [`category:${rows[0].code}`]));
  });
}
