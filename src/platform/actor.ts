import { prepared, type Db } from './db.js';
import type { Actor, Grant, Role } from './policy.js';
import type { SessionRecord } from './session.js';

interface UserRow {
  id: string;
  kind: 'staff' | 'resident';
  display_name: string;
  is_superadmin: boolean;
  active: boolean;
  must_change_password?: boolean;
}
interface GrantRow {
  id: number;
  hromada_id: number;
  hromada_name: string;
  role: Role;
  agency_id: number | null;
  district_id: number | null;
}

export async function listUserGrants(db: Db, userId: string): Promise<(Grant & { hromadaName: string })[]> {
  const { rows } = await db.query<GrantRow>(
    'SELECT id, hromada_id, hromada_name, role, agency_id, district_id FROM user_grants($1)',
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    hromadaId: r.hromada_id,
    hromadaName: r.hromada_name,
    role: r.role,
    agencyId: r.agency_id,
    districtId: r.district_id,
  }));
}

/**
 * Who is acting: the session's user with their grants in the session's hromada.
 * A staff session that has not passed MFA yet yields no actor.
 */
export async function actorFromSession(db: Db, s: SessionRecord): Promise<Actor | null> {
  // Every signed-in page asks for its actor: the statement is prepared (its planning cost more than its run).
  const { rows } = await db.query<UserRow & GrantsInHromada>(prepared(SESSION_ACTOR, [s.userId, s.hromadaId]));
  const user = rows[0];
  if (!user || !user.active) return null;
  if (user.kind === 'staff' && !s.mfaPassed) return null;
  if (user.kind !== 'staff') return actorOf(user, s.hromadaId, [], null, 'session');
  const actor =
    s.hromadaId === null
      ? actorOf(user, s.hromadaId, [], null, 'session')
      : actorOf(user, s.hromadaId, user.grants, user.hromada_name, 'session');
  return user.must_change_password ? { ...actor, mustChangePassword: true } : actor;
}

/** A user's grants in one hromada and that hromada's name (null when it is not active), as two columns
 * (the API's token lookup, api_token_actor of migrations 0033 and 0038, builds the same JSON). */
export interface GrantsInHromada {
  grants: Grant[];
  hromada_name: string | null;
}
export const grantsInHromada = (user: string, hromada: string) => `
  (SELECT h.name FROM hromadas h WHERE h.id = ${hromada} AND h.active) AS hromada_name,
  (SELECT coalesce(json_agg(json_build_object('id', g.id, 'hromadaId', g.hromada_id, 'role', g.role,
     'agencyId', g.agency_id, 'districtId', g.district_id)), '[]'::json)
   FROM user_grants(${user}) g WHERE g.hromada_id = ${hromada}) AS grants`;

/** The session's user with their grants in the session's hromada (`actorFromSession`). */
const SESSION_ACTOR = `SELECT u.id, u.kind, u.display_name, u.is_superadmin, u.active, u.must_change_password,
       ${grantsInHromada('u.id', '$2::int')}
     FROM users u WHERE u.id = $1`;

export async function actorForUser(
  db: Db,
  user: UserRow,
  hromadaId: number | null,
  via: 'session' | 'token',
  tokenId?: string,
): Promise<Actor> {
  let grants: Grant[] = [];
  let hromadaName: string | null = null;
  if (user.kind === 'staff' && hromadaId !== null) {
    const all = await listUserGrants(db, user.id);
    const here = all.filter((g) => g.hromadaId === hromadaId);
    grants = here.map(({ hromadaName: _n, ...g }) => g);
    hromadaName = here[0]?.hromadaName ?? null;
    if (!hromadaName) {
      const h = await db.query<{ name: string }>('SELECT name FROM hromadas WHERE id = $1 AND active', [hromadaId]);
      hromadaName = h.rows[0]?.name ?? null;
    }
  }
  return actorOf(user, hromadaId, grants, hromadaName, via, tokenId);
}

/** The actor from rows already loaded (the API's token lookup reads user, grants and hromada in one query). */
export function actorOf(
  user: UserRow,
  hromadaId: number | null,
  grants: Grant[],
  hromadaName: string | null,
  via: 'session' | 'token',
  tokenId?: string,
): Actor {
  return {
    kind: user.kind,
    userId: user.id,
    displayName: user.display_name,
    isSuperadmin: user.is_superadmin,
    hromadaId: user.kind === 'staff' ? hromadaId : null,
    hromadaName,
    grants,
    via,
    tokenId,
  };
}

export async function loadUserRow(db: Db, userId: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    'SELECT id, kind, display_name, is_superadmin, active FROM users WHERE id = $1',
    [userId],
  );
  return rows[0] ?? null;
}
