/**
 * What this module adds to pages of other modules: the person card's «Заяви». The card passes
 * the result to its view, which includes this module's partial with one line.
 */
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { useCaseOf } from '../../platform/use-case.js';
import { presentQueueItem } from './applications.presenter.js';
import { personApplications } from './use-cases/person-applications.js';

/** For `persons-web/views/card.njk` (`personApplications`): null when the role does not read applications. */
export async function personApplicationsSection(services: Services, req: FastifyRequest, personId: string) {
  const r = await personApplications({ ...useCaseOf(req, services), personId });
  return r && r.rows.map((a) => presentQueueItem(a, r.today, r.calendar, req.t));
}
