import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { loadApplication, type ApplicationRow } from '../applications/applications.queries.js';

export interface Link { personId: string; hromadaId: number }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A resident actor or `unauthenticated` (pages send the visitor to the resident sign-in). */
export function requireResident(actor: Actor | null): Actor {
  if (!actor || actor.kind !== 'resident') throw new AppError('unauthenticated');
  return actor;
}

/** The registry persons linked to the resident's account, found before a tenant is chosen. */
export async function linksOf(services: Pick<Services, 'db'>, userId: string): Promise<Link[]> {
  const { rows } = await services.db.query<{ person_id: string; hromada_id: number }>(
    'SELECT person_id, hromada_id FROM resident_person_links($1)', [userId]);
  return rows.map((r) => ({ personId: r.person_id, hromadaId: r.hromada_id }));
}

/** The hromadas of the links, each with its persons. */
export function byHromada(links: Link[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const l of links) m.set(l.hromadaId, [...(m.get(l.hromadaId) ?? []), l.personId]);
  return m;
}

/** Also finds a linked person's survivor after a merge (applications move to the surviving record). */
export async function livePersonIds(c: PoolClient, personIds: string[]): Promise<string[]> {
  const { rows } = await c.query<{ id: string }>(
    'SELECT DISTINCT coalesce(merged_into, id) AS id FROM persons WHERE id = ANY($1::uuid[])', [personIds]);
  return rows.map((r) => r.id);
}

/**
 * Runs `fn` in the tenant of the resident's application `id`, with the row (locked when asked).
 * Anything that is not the resident's own — another resident's, unknown, malformed — is 404.
 */
export async function withOwnApplication<T>(services: Services, actor: Actor, id: string, forUpdate: boolean,
  fn: (c: PoolClient, a: ApplicationRow, hromadaId: number) => Promise<T>): Promise<T> {
  if (!isUuid(id)) throw new AppError('not_found');
  for (const [hromadaId, personIds] of byHromada(await linksOf(services, actor.userId))) {
    const found = await services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const a = await loadApplication(c, hromadaId, id, forUpdate);
      if (!a || !(await livePersonIds(c, personIds)).includes(a.person_id)) return { hit: false as const };
      return { hit: true as const, value: await fn(c, a, hromadaId) };
    });
    if (found.hit) return found.value;
  }
  throw new AppError('not_found');
}

