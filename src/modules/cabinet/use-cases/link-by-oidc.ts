import type { Services } from '../../../services.js';
import { writeAudit } from '../../../platform/audit.js';
import { identityRnokppHashes, insertResidentLink, personsByRnokppHash } from '../cabinet.queries.js';

export type OidcLinkResult = 'linked' | 'already' | 'none' | 'ambiguous';

/**
 * Links a resident to the registry automatically after an OpenID Connect sign-in: when one of the
 * account's identities carries a РНОКПП (kept only sealed, with its keyed hash) and exactly one live
 * person of an active hromada has the same keyed hash. Several matches link nothing (the front
 * office decides). The РНОКПП itself is never read or logged here. A step of the sign-in (the
 * residents module calls it with the account's id), not a request of the resident's.
 */
export async function linkByOidcRnokpp(services: Pick<Services, 'db'>, userId: string): Promise<OidcLinkResult> {
  const hashes = await identityRnokppHashes(services.db, userId);
  if (hashes.length !== 1) return hashes.length === 0 ? 'none' : 'ambiguous';
  const matches = await personsByRnokppHash(services.db, hashes[0]);
  if (matches.length === 0) return 'none';
  if (matches.length > 1) return 'ambiguous';
  const { personId, hromadaId } = matches[0];
  return services.db.tx({ hromadaId, userId }, async (c) => {
    if (!(await insertResidentLink(c, { userId, personId, hromadaId, verifiedBy: 'oidc' }))) return 'already';
    // The entry names the account by its id only, without a label and a request (the sign-in acted, not a
    // signed-in actor), which `auditWriter` cannot express: the entry is written as it is.
    await writeAudit(c, {
      hromadaId,
      actorId: userId,
      action: 'cabinet.link.oidc',
      operation: 'write',
      entityType: 'person',
      entityId: personId,
      fields: ['residentAccount'],
      reason: 'verified РНОКПП from the identity provider',
    });
    return 'linked';
  });
}
