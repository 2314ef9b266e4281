import { AppError } from '../../../platform/errors.js';
import { isUuid } from '../../../platform/ids.js';
import { publicHromadaId } from '../../catalogue/catalogue.queries.js';
import { byHromada, linksOf, type ResidentCase } from '../cabinet.policy.js';
import { categoryLabels, findOnlineService, livePersonIds, personOptions } from '../cabinet.queries.js';
import type { ApplyContext } from '../online-form.js';

/**
 * The online service in the hromada of one of the resident's linked persons, with the persons the
 * resident may apply for there. Without a link there, the service of the hromada whose catalogue
 * the public pages show, applied for as a person not yet confirmed. No such online service → 404.
 */
export async function getApplyContext(o: ResidentCase<{ serviceId: string }>): Promise<ApplyContext> {
  const { services, actor, serviceId } = o;
  if (!isUuid(serviceId)) throw new AppError('not_found');
  const links = await linksOf(services, actor.userId);
  for (const [hromadaId, ids] of byHromada(links)) {
    const found = await services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const s = await findOnlineService(c, hromadaId, serviceId);
      return s
        ? {
            hromadaId,
            ...s,
            persons: await personOptions(c, await livePersonIds(c, ids)),
            unconfirmed: false,
            categoryLabels: await categoryLabels(c, s.service.eligible_categories),
          }
        : null;
    });
    if (found && found.persons.length) return found;
  }
  const hromadaId = await publicHromadaId(services.db);
  if (hromadaId !== null) {
    const found = await services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const s = await findOnlineService(c, hromadaId, serviceId);
      return (
        s && {
          hromadaId,
          ...s,
          persons: [],
          unconfirmed: true,
          categoryLabels: await categoryLabels(c, s.service.eligible_categories),
        }
      );
    });
    if (found) return found;
  }
  throw new AppError('not_found');
}
