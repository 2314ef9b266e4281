/**
 * Who may see and handle what in the cabinet. A resident's records are found through the account's
 * links to registry persons (and the applications the account filed itself), never through staff
 * grants, so these checks stand beside `platform/policy.ts` rather than in its rules table.
 */
import type { PoolClient } from 'pg';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { auditWriter, type AuditWriter, type RequestMeta } from '../../platform/audit.js';
import { isUuid } from '../../platform/ids.js';
import { can, type Actor, type TenantActor } from '../../platform/policy.js';
import { scopeOf } from '../applications/applications.policy.js';
import { loadApplication, type ApplicationRow } from '../applications/applications.queries.js';
import { applicantHromadaIds, livePersonIds, scanRequirements } from './cabinet.queries.js';
import { residentLinks, type Link } from '../residents/links.queries.js';

export type { Link } from '../residents/links.queries.js';
export { livePersonIds } from './cabinet.queries.js';

/** A resident actor or `unauthenticated` (pages send the visitor to the resident sign-in). */
export function requireResident(actor: Actor | null): Actor {
  if (!actor || actor.kind !== 'resident') throw new AppError('unauthenticated');
  return actor;
}

/** The registry persons linked to the resident's account, found before a tenant is chosen. */
export const linksOf = (services: Pick<Services, 'db'>, userId: string): Promise<Link[]> =>
  residentLinks(services.db, userId);

/**
 * The hromadas where the resident has linked persons or applications they filed themselves
 * (online, before their identity was confirmed), each with the linked persons there (maybe none).
 */
export async function residentHromadas(services: Pick<Services, 'db'>, userId: string): Promise<Map<number, string[]>> {
  const m = byHromada(await linksOf(services, userId));
  for (const hromadaId of await applicantHromadaIds(services.db, userId)) if (!m.has(hromadaId)) m.set(hromadaId, []);
  return m;
}

/** The hromadas of the links, each with its persons. */
export function byHromada(links: Link[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const l of links) m.set(l.hromadaId, [...(m.get(l.hromadaId) ?? []), l.personId]);
  return m;
}

/**
 * Runs `fn` in the tenant of the resident's application `id`, with the row (locked when asked):
 * an application of a person linked to the account (`confirmed`), or one the account filed itself
 * before its identity was confirmed (`confirmed` false: the resident sees and handles the
 * application, but nothing the registry holds about the person a worker linked to it).
 * Anything that is not the resident's own — another resident's, unknown, malformed — is 404.
 * `audit` writes the resident's entries in that hromada's trail, in the same transaction.
 */
export async function withOwnApplication<T>(
  services: Services,
  actor: Actor,
  id: string,
  forUpdate: boolean,
  fn: (c: PoolClient, a: ApplicationRow, hromadaId: number, confirmed: boolean, audit: AuditWriter) => Promise<T>,
  meta?: RequestMeta,
): Promise<T> {
  if (!isUuid(id)) throw new AppError('not_found');
  for (const [hromadaId, personIds] of await residentHromadas(services, actor.userId)) {
    const found = await services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const a = await loadApplication(c, hromadaId, id, forUpdate);
      if (!a) return { hit: false as const };
      const confirmed = a.person_id !== null && (await livePersonIds(c, personIds)).includes(a.person_id);
      if (!confirmed && a.applicant_user_id !== actor.userId) return { hit: false as const };
      return {
        hit: true as const,
        value: await fn(c, a, hromadaId, confirmed, auditWriter(c, actor, meta, { hromadaId })),
      };
    });
    if (found.hit) return found.value;
  }
  throw new AppError('not_found');
}

/**
 * Runs `fn` once per hromada where the account has linked persons (`withApplicantOnly`: also where it
 * only filed applications itself), in that hromada's transaction with the live linked persons and an
 * audit writer for the resident in that hromada's trail.
 */
export async function eachResidentHromada<T>(
  services: Services,
  actor: Actor,
  meta: RequestMeta | undefined,
  o: { withApplicantOnly: boolean },
  fn: (w: { c: PoolClient; hromadaId: number; personIds: string[]; linked: boolean; audit: AuditWriter }) => Promise<T>,
): Promise<T[]> {
  const hromadas = o.withApplicantOnly
    ? await residentHromadas(services, actor.userId)
    : byHromada(await linksOf(services, actor.userId));
  const out: T[] = [];
  for (const [hromadaId, ids] of hromadas) {
    out.push(
      await services.db.tx({ hromadaId, userId: actor.userId }, async (c) =>
        fn({
          c,
          hromadaId,
          personIds: await livePersonIds(c, ids),
          linked: ids.length > 0,
          audit: auditWriter(c, actor, meta, { hromadaId }),
        }),
      ),
    );
  }
  return out;
}

/** The resident's own records outside any hromada (their library, notifications): a transaction and an audit writer. */
export function asResident<T>(
  services: Services,
  actor: Actor,
  meta: RequestMeta | undefined,
  fn: (w: { c: PoolClient; audit: AuditWriter }) => Promise<T>,
): Promise<T> {
  return services.db.tx({ hromadaId: null, userId: actor.userId }, (c) =>
    fn({ c, audit: auditWriter(c, actor, meta, { hromadaId: null }) }),
  );
}

/** A resident's use-case: one options object with the signed-in resident (see `requireResident`) and the request meta. */
export type ResidentCase<I = object> = I & { services: Services; actor: Actor; meta?: RequestMeta };

/** Statuses in which the office may still add documents to an application. */
const OPEN_FOR_DOCUMENTS = ['registered', 'in_review', 'needs_documents'];

/** A requirement the office may attach a scan for: the service card's documents (those the applicant gives). */
export interface ScanRequirement {
  id: string;
  name: string;
}

/** Whether the staff member may attach scans to this application now, and for which requirements (null: not at all). */
export async function scanTargets(
  c: PoolClient,
  actor: TenantActor,
  a: ApplicationRow,
): Promise<ScanRequirement[] | null> {
  if (!OPEN_FOR_DOCUMENTS.includes(a.status) || !can(actor, 'applications.register', scopeOf(actor.hromadaId, a)))
    return null;
  return scanRequirements(c, a.service_id);
}
