import type { Queryable } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import type { ApiTokenInfo } from '../bearer-auth.js';
import type { MeResponse } from '../api.schema.js';

/** Who the token acts as: the user, the token's hromada, the user's roles there and the token itself. */
export async function getMe({ client, actor, token }: { client: Queryable; actor: Actor; token: ApiTokenInfo }): Promise<MeResponse> {
  const h = await client.query<{ id: number; code: string; name: string }>(
    'SELECT id, code, name FROM hromadas WHERE id = $1', [token.hromadaId]);
  const tk = await client.query<{ name: string }>('SELECT name FROM api_tokens WHERE id = $1', [token.id]);
  const u = await client.query<{ locale: string }>('SELECT locale FROM users WHERE id = $1', [actor.userId]);
  return {
    id: actor.userId,
    kind: actor.kind,
    displayName: actor.displayName,
    locale: u.rows[0]?.locale === 'en' ? 'en' : 'uk',
    hromada: h.rows[0],
    roles: actor.grants.map((g) => ({ role: g.role, districtId: g.districtId, agencyId: g.agencyId })),
    token: { id: token.id, name: tk.rows[0]?.name ?? '' },
  };
}
