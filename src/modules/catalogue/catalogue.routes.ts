import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { parseParams, parseQuery } from '../../platform/forms.js';
import { idParams } from '../../platform/ids.js';
import { useCaseOf } from '../../platform/use-case.js';
import { AUDIENCE_KEYS, slugParams, type Audience } from './catalogue.schema.js';
import { presentCard, presentListItem, presentSituation } from './catalogue.presenter.js';
import { browseServices } from './use-cases/browse-services.js';
import { viewService } from './use-cases/view-service.js';
import { browseSituations } from './use-cases/browse-situations.js';
import { viewSituation } from './use-cases/view-situation.js';

const listQuery = z.object({
  q: z.string().trim().max(200).catch('').default(''),
  who: z
    .enum(AUDIENCE_KEYS as [Audience, ...Audience[]])
    .optional()
    .catch(undefined),
  situation: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .catch(undefined),
  free: z.literal('1').optional().catch(undefined),
});

/** Typographic apostrophes typed by residents match the catalogue's plain ones. */
const normalise = (q: string) => q.replace(/[’ʼ`‘]/g, "'");

/** Public pages of the catalogue: no login; a staff member sees the catalogue of their own hromada. */
export function catalogueRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.get('/services', async (req, reply) => {
      const parsed = parseQuery(req, listQuery);
      const query = parsed.ok ? parsed.data : listQuery.parse({});
      const data = await browseServices({
        ...useCaseOf(req, services),
        filters: {
          q: normalise(query.q),
          audience: query.who,
          situation: query.situation,
          freeOnly: query.free === '1',
        },
      });
      const filtered = Boolean(query.q || query.who || query.situation || query.free);
      return reply.page('catalogue/views/services.njk', {
        pageTitle: req.t('catalogue.public.title'),
        items: data.items.map((r) => presentListItem(r, req.t, req.locale)),
        query,
        filtered,
        audiences: AUDIENCE_KEYS.map((k) => ({
          value: k,
          text: req.t(`catalogue.audience.${k}`),
          selected: query.who === k,
        })),
        situations: data.situations.map((s) => ({ value: s.slug, text: s.name, selected: query.situation === s.slug })),
      });
    });

    app.get('/services/:id', async (req, reply) => {
      const { id } = parseParams(req, idParams);
      const data = await viewService({ ...useCaseOf(req, services), id });
      const view = presentCard(data.card, req.t, req.locale, data.categories, data.situations);
      return reply.page('catalogue/views/service.njk', { pageTitle: view.name, service: view });
    });

    app.get('/life-situations', async (req, reply) => {
      const rows = await browseSituations(useCaseOf(req, services));
      return reply.page('catalogue/views/situations.njk', {
        pageTitle: req.t('catalogue.situations.title'),
        situations: rows.map(presentSituation),
      });
    });

    app.get('/life-situations/:slug', async (req, reply) => {
      const { slug } = parseParams(req, slugParams);
      const data = await viewSituation({ ...useCaseOf(req, services), slug });
      const situation = presentSituation(data.row);
      return reply.page('catalogue/views/situation.njk', {
        pageTitle: situation.name,
        situation,
        items: data.services.map((r) => presentListItem(r, req.t, req.locale)),
      });
    });
    return Promise.resolve();
  };
}
