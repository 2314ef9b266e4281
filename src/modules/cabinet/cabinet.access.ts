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

/**
 * The hromadas where the resident has linked persons or applications they filed themselves
 * (online, before their identity was confirmed), each with the linked persons there (maybe none).
 */
export async function residentHromadas(services: Pick<Services, 'db'>, userId: string): Promise<Map<number, string[]>> {
  const m = byHromada(await linksOf(services, userId));
  const { rows } = await services.db.query<{ hromada_id: number }>('SELECT hromada_id FROM resident_applicant_hromadas($1)', [userId]);
  for (const r of rows) if (!m.has(r.hromada_id)) m.set(r.hromada_id, []);
  return m;
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
 * Runs `fn` in the tenant of the resident's application `id`, with the row (locked when asked):
 * an application of a person linked to the account (`confirmed`), or one the account filed itself
 * before its identity was confirmed (`confirmed` false: the resident sees and handles the
 * application, but nothing the registry holds about the person a worker linked to it).
 * Anything that is not the resident's own — another resident's, unknown, malformed — is 404.
 */
export async function withOwnApplication<T>(services: Services, actor: Actor, id: string, forUpdate: boolean,
  fn: (c: PoolClient, a: ApplicationRow, hromadaId: number, confirmed: boolean) => Promise<T>): Promise<T> {
  if (!isUuid(id)) throw new AppError('not_found');
  for (const [hromadaId, personIds] of await residentHromadas(services, actor.userId)) {
    const found = await services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const a = await loadApplication(c, hromadaId, id, forUpdate);
      if (!a) return { hit: false as const };
      const confirmed = a.person_id !== null && (await livePersonIds(c, personIds)).includes(a.person_id);
      if (!confirmed && a.applicant_user_id !== actor.userId) return { hit: false as const };
      return { hit: true as const, value: await fn(c, a, hromadaId, confirmed) };
    });
    if (found.hit) return found.value;
  }
  throw new AppError('not_found');
}

