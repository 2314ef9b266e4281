import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { AppError } from '../../platform/errors.js';
import { params } from '../admin/admin.http.js';
import { AUDIENCE_KEYS, idParams, slugParams, type Audience } from './catalogue.schema.js';
import {
  categoryNames, findServiceCard, findSituation, listServices, listSituations, publicHromadaId, situationServices,
  situationsOfService,
} from './catalogue.queries.js';
import { presentCard, presentListItem, presentSituation } from './catalogue.presenter.js';

const listQuery = z.object({
  q: z.string().trim().max(200).catch('').default(''),
  who: z.enum(AUDIENCE_KEYS as [Audience, ...Audience[]]).optional().catch(undefined),
  situation: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined),
  free: z.literal('1').optional().catch(undefined),
});

/** Typographic apostrophes typed by residents match the catalogue's plain ones. */
const normalise = (q: string) => q.replace(/[’ʼ`‘]/g, '\'');

/** Public pages of the catalogue: no login; a staff member sees the catalogue of their own hromada. */
export function catalogueRoutes(services: Services) {
  const { db } = services;

  async function tenantOf(req: FastifyRequest): Promise<number> {
    const own = req.actor?.kind === 'staff' ? req.actor.hromadaId : null;
    const id = own ?? (await publicHromadaId(db));
    if (id === null) throw new AppError('not_found');
    return id;
  }

  return async function (app: FastifyInstance) {
    app.get('/services', async (req, reply) => {
      const query = listQuery.parse(req.query ?? {});
      const hromadaId = await tenantOf(req);
      const data = await db.tx({ hromadaId }, async (c) => ({
        items: await listServices(c, {
          q: normalise(query.q), audience: query.who, situation: query.situation, freeOnly: query.free === '1',
        }),
        situations: await listSituations(c),
      }));
      const filtered = Boolean(query.q || query.who || query.situation || query.free);
      return reply.page('catalogue/views/services.njk', {
        pageTitle: req.t('catalogue.public.title'),
        items: data.items.map((r) => presentListItem(r, req.t, req.locale)),
        query, filtered,
        audiences: AUDIENCE_KEYS.map((k) => ({ value: k, text: req.t(`catalogue.audience.${k}`), selected: query.who === k })),
        situations: data.situations.map((s) => ({ value: s.slug, text: s.name, selected: query.situation === s.slug })),
      });
    });

    app.get('/services/:id', async (req, reply) => {
      const { id } = params(idParams, req);
      const hromadaId = await tenantOf(req);
      const data = await db.tx({ hromadaId }, async (c) => {
        const card = await findServiceCard(c, id);
        if (!card || !card.service.active) return null;
        return { card, categories: await categoryNames(c), situations: await situationsOfService(c, id) };
      });
      if (!data) throw new AppError('not_found');
      const view = presentCard(data.card, req.t, req.locale, data.categories, data.situations);
      return reply.page('catalogue/views/service.njk', { pageTitle: view.name, service: view });
    });

    app.get('/life-situations', async (req, reply) => {
      const hromadaId = await tenantOf(req);
      const rows = await db.tx({ hromadaId }, (c) => listSituations(c));
      return reply.page('catalogue/views/situations.njk', {
        pageTitle: req.t('catalogue.situations.title'), situations: rows.map(presentSituation),
      });
    });

    app.get('/life-situations/:slug', async (req, reply) => {
      const { slug } = params(slugParams, req);
      const hromadaId = await tenantOf(req);
      const data = await db.tx({ hromadaId }, async (c) => {
        const row = await findSituation(c, { slug });
        if (!row || !row.active) return null;
        return { row, services: await situationServices(c, row.id) };
      });
      if (!data) throw new AppError('not_found');
      const situation = presentSituation(data.row);
      return reply.page('catalogue/views/situation.njk', {
        pageTitle: situation.name, situation, items: data.services.map((r) => presentListItem(r, req.t, req.locale)),
      });
    });
  };
}
