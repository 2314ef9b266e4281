import type { FastifyRequest } from 'fastify';
import { isUuid } from './ids.js';
import type { Services } from '../services.js';
import type { AppError } from './errors.js';
import { auditBy, requestMeta, writeAudit } from './audit.js';

/**
 * Pages that show or change personal data, by the start of their route (the route's pattern, not
 * the requested address, so no identifier is matched or recorded). A refused request to one of them
 * (403, 404) is recorded in the audit trail, as refused API calls are (`apiRoute`): who tried to
 * open what is itself a fact the data subject and the controller may need.
 */
const PERSONAL_DATA_ROUTES = [
  '/persons',
  '/households',
  '/applications',
  '/assignments',
  '/cabinet-links',
  '/cabinet',
  // Case management: cases (a restricted one outside its team is «not found»), early-detection signals, referrals
  // between agencies, the tasks of case teams.
  '/cases',
  '/signals',
  '/referrals',
  '/tasks',
  // Family forms of care: the carers, the children placed with them, the visits.
  '/family-care',
  // Contracts with recipients (the social orders name no person).
  '/contracts',
  // Paid services: invoices, incomes and payment categories of recipients.
  '/paid-services',
  // Staff development: qualifications, trainings and supervision of employees (their personal data).
  '/staff-development',
  // Service acts and home-care rounds: the recipients, their addresses and the visits.
  '/service-acts',
  // Outreach trips: whom a trip visits and where; the sync conflicts of persons' data.
  '/outreach',
];

/** The kind of record a route names, by the longest matching start of its pattern. */
const ENTITY_OF: [string, string][] = [
  ['/cabinet/applications', 'application'],
  ['/cabinet/documents', 'document'],
  ['/cabinet/paid-services', 'invoice'],
  ['/cabinet', 'resident'],
  ['/cabinet-links', 'person'],
  ['/persons', 'person'],
  ['/households', 'household'],
  ['/applications', 'application'],
  ['/assignments', 'assignment'],
  ['/cases', 'case'],
  ['/signals', 'signal'],
  ['/referrals', 'referral'],
  ['/tasks', 'case'],
  ['/family-care', 'household'],
  ['/contracts', 'contract'],
  ['/paid-services/recipients', 'person'],
  ['/paid-services', 'invoice'],
  ['/staff-development', 'user'],
  ['/service-acts', 'serviceAct'],
  ['/outreach/conflicts', 'person'],
  ['/outreach', 'outreach_trip'],
];
const entityOf = (routeUrl: string) => ENTITY_OF.find(([p]) => routeUrl === p || routeUrl.startsWith(`${p}/`))?.[1];

/** The personal-data prefix a route pattern falls under, if any. */
export function personalDataRoute(routeUrl: string | undefined): string | null {
  if (!routeUrl) return null;
  return PERSONAL_DATA_ROUTES.find((p) => routeUrl === p || routeUrl.startsWith(`${p}/`)) ?? null;
}

/**
 * Records a refused page request (403/404) of a signed-in user on a personal-data route: the
 * route's pattern and method, the record's id when the path names one, and the refusal — never the
 * query string or the body. Written in its own transaction (the request's own work rolled back).
 */
export async function auditRefusedPage(services: Services, req: FastifyRequest, e: AppError): Promise<void> {
  const actor = req.actor;
  if (!actor || (e.code !== 'forbidden' && e.code !== 'not_found') || req.url.startsWith('/api/')) return;
  const routeUrl = req.routeOptions?.url;
  if (!routeUrl || !personalDataRoute(routeUrl)) return;
  const params = (req.params ?? {}) as Record<string, unknown>;
  const id = isUuid(params.id) ? params.id : undefined;
  await services.db.tx({ hromadaId: actor.hromadaId, userId: actor.userId }, (c) =>
    writeAudit(c, {
      ...auditBy(actor, requestMeta(req)),
      action: 'page.refused',
      operation: 'read',
      entityType: entityOf(routeUrl),
      entityId: id,
      reason: `refused: ${e.code} ${req.method} ${routeUrl}`,
    }),
  );
}
