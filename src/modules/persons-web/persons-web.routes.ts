import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { searchRoutes } from './search.routes.js';
import { personFormRoutes } from './person-form.routes.js';
import { cardRoutes } from './card.routes.js';
import { metricPersonsRoutes } from './metric-persons.routes.js';

/** The registry's staff pages: search, add/edit a person, the card with its categories, the persons behind a figure. */
export function personsWebRoutes(services: Services, hooks: HookRegistry) {
  return async function (app: FastifyInstance) {
    await app.register(searchRoutes(services));
    await app.register(personFormRoutes(services));
    await app.register(cardRoutes(services));
    await app.register(metricPersonsRoutes(services, hooks));
  };
}
