/** The links of resident accounts to registry persons (made at the front office or through ID.GOV.UA). */
import type { Db } from '../../platform/db.js';

/** A registry person linked to a resident's account. */
export interface Link {
  personId: string;
  hromadaId: number;
}

/** The registry persons linked to the resident's account (all hromadas; before a tenant is chosen). */
export async function residentLinks(db: Pick<Db, 'query'>, userId: string): Promise<Link[]> {
  const { rows } = await db.query<{ person_id: string; hromada_id: number }>(
    'SELECT person_id, hromada_id FROM resident_person_links($1)',
    [userId],
  );
  return rows.map((r) => ({ personId: r.person_id, hromadaId: r.hromada_id }));
}
