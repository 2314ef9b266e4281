import type { Services } from '../../../services.js';
import { writeAudit } from '../../../platform/audit.js';

export type OidcLinkResult = 'linked' | 'already' | 'none' | 'ambiguous';

/**
 * Links a resident to the registry automatically after an OpenID Connect sign-in: when one of the
 * account's identities carries a РНОКПП (kept only sealed, with its keyed hash) and exactly one live
 * person of an active hromada has the same keyed hash. Several matches link nothing (the front
 * office decides). The РНОКПП itself is never read or logged here.
 */
export async function linkByOidcRnokpp(services: Pick<Services, 'db'>, userId: string): Promise<OidcLinkResult> {
  const ids = await services.db.query<{ hash: string }>(
    `SELECT DISTINCT claims ->> 'rnokpp_hash' AS hash FROM user_identities
     WHERE user_id = $1 AND claims ? 'rnokpp_hash' AND claims ? 'rnokpp_sealed'`, [userId]);
  if (ids.rows.length !== 1) return ids.rows.length === 0 ? 'none' : 'ambiguous';
  const matches = await services.db.query<{ person_id: string; hromada_id: number }>(
    'SELECT person_id, hromada_id FROM persons_by_rnokpp_hash($1)', [ids.rows[0].hash]);
  if (matches.rows.length === 0) return 'none';
  if (matches.rows.length > 1) return 'ambiguous';
  const { person_id: personId, hromada_id: hromadaId } = matches.rows[0];
  return services.db.tx({ hromadaId, userId }, async (c) => {
    const { rowCount } = await c.query(
      `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by) VALUES ($1, $2, $3, 'oidc')
       ON CONFLICT (user_id, person_id) DO NOTHING`, [userId, personId, hromadaId]);
    if (!rowCount) return 'already';
    await writeAudit(c, {
      hromadaId, actorId: userId, action: 'cabinet.link.oidc', operation: 'write', entityType: 'person', entityId: personId,
      fields: ['residentAccount'], reason: 'verified РНОКПП from the identity provider',
    });
    return 'linked';
  });
}
