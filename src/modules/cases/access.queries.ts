import type { Queryable } from '../../platform/db.js';

/** How long a reason given for a restricted case (or a broken glass) keeps its page open. */
export const ACCESS_MINUTES = 30;

export type AccessKind = 'reason' | 'break_glass';

/** The kind of the actor's access to a restricted case still in force, if any (a broken glass wins). */
export async function accessInForce(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  userId: string,
): Promise<{ kind: AccessKind; reason: string } | null> {
  const { rows } = await c.query<{ kind: AccessKind; reason: string }>(
    `SELECT kind, reason FROM case_access
     WHERE hromada_id = $1 AND case_id = $2 AND user_id = $3 AND expires_at > now()
     ORDER BY kind = 'break_glass' DESC, expires_at DESC LIMIT 1`,
    [hromadaId, caseId, userId],
  );
  return rows[0] ?? null;
}

export async function grantAccess(
  c: Queryable,
  a: { hromadaId: number; caseId: string; userId: string; kind: AccessKind; reason: string },
): Promise<void> {
  await c.query(
    `INSERT INTO case_access (hromada_id, case_id, user_id, kind, reason, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [a.hromadaId, a.caseId, a.userId, a.kind, a.reason, ACCESS_MINUTES],
  );
}

/** A case by its number (break the glass starts from the number a manager was told). */
export async function caseByNumber(
  c: Queryable,
  hromadaId: number,
  number: string,
): Promise<{ id: string; restricted: boolean } | null> {
  const { rows } = await c.query<{ id: string; restricted: boolean }>(
    'SELECT id, restricted FROM cases WHERE hromada_id = $1 AND number = $2',
    [hromadaId, number],
  );
  return rows[0] ?? null;
}

/** Who supervises the case (its named supervisors, else its manager): the one told of a broken glass. */
export async function caseOverseer(c: Queryable, hromadaId: number, caseId: string): Promise<string | null> {
  const { rows } = await c.query<{ id: string }>(
    `SELECT id FROM case_team WHERE hromada_id = $1 AND case_id = $2 AND removed_at IS NULL AND user_id IS NOT NULL
     ORDER BY role = 'supervisor' DESC, role = 'manager' DESC LIMIT 1`,
    [hromadaId, caseId],
  );
  return rows[0]?.id ?? null;
}
