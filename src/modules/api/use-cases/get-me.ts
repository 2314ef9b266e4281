import type { PoolClient } from 'pg';
import { AppError } from '../../../platform/errors.js';
import type { UseCase } from '../../../platform/use-case.js';
import type { ApiTokenInfo } from '../bearer-auth.js';
import type { MeResponse } from '../api.schema.js';
import { selectMe } from '../api.queries.js';

/**
 * Who the token acts as: the user, the token's hromada, the user's roles there and the token itself.
 * Any token's user may ask (no permission beyond a valid token), in the API call's transaction.
 */
export async function getMe(o: UseCase<{ token: ApiTokenInfo; tx: PoolClient }>): Promise<MeResponse> {
  const actor = o.actor;
  if (!actor) throw new AppError('unauthenticated');
  const me = await selectMe(o.tx, { hromadaId: o.token.hromadaId, tokenId: o.token.id, userId: actor.userId });
  return {
    id: actor.userId,
    kind: actor.kind,
    displayName: actor.displayName,
    locale: me.locale === 'en' ? 'en' : 'uk',
    hromada: me.hromada,
    roles: actor.grants.map((g) => ({ role: g.role, districtId: g.districtId, agencyId: g.agencyId })),
    token: { id: o.token.id, name: me.tokenName },
  };
}
