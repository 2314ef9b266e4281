import type { Db } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import type { RequestMeta } from '../../../platform/audit.js';
import { auditAdmin } from '../admin.audit.js';
import { requireActiveHromada } from '../hromadas.policy.js';

/** Who issues the hromada's decisions, as the decision PDF names it (hromadas.settings.issuer). */
export interface IssuerSettings { council: string; department: string; officialPosition: string }

export async function loadIssuer(db: Db, hromadaId: number): Promise<IssuerSettings> {
  return db.tx({ hromadaId }, async (c) => {
    await requireActiveHromada(c, hromadaId);
    const { rows } = await c.query<{ issuer: Partial<IssuerSettings> | null }>(
      "SELECT settings -> 'issuer' AS issuer FROM hromadas WHERE id = $1", [hromadaId]);
    const i = rows[0]?.issuer ?? {};
    return { council: i.council ?? '', department: i.department ?? '', officialPosition: i.officialPosition ?? '' };
  });
}

/** Saves the issuing body (an administrative change, audited with the names of the fields). */
export async function saveIssuer(o: { db: Db; actor: Actor; hromadaId: number; input: IssuerSettings; meta: RequestMeta }): Promise<void> {
  await o.db.tx({ hromadaId: o.hromadaId, userId: o.actor.userId }, async (c) => {
    await requireActiveHromada(c, o.hromadaId);
    await c.query(`UPDATE hromadas SET settings = jsonb_set(settings, '{issuer}', $2::jsonb) WHERE id = $1`,
      [o.hromadaId, JSON.stringify(o.input)]);
    await auditAdmin(c, { actor: o.actor, meta: o.meta, hromadaId: o.hromadaId, action: 'hromada.issuer.update', entityType: 'hromada',
      entityId: o.hromadaId, fields: ['council', 'department', 'officialPosition'] });
  });
}
