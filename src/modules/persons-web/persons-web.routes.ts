import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { searchRoutes } from './search.routes.js';
import { personFormRoutes } from './person-form.routes.js';
import { cardRoutes } from './card.routes.js';

/** The registry's staff pages: search, add/edit a person, the card with its categories. */
export function personsWebRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    await app.register(searchRoutes(services));
    await app.register(personFormRoutes(services));
    await app.register(cardRoutes(services));
  };
}
