import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { searchRoutes } from './search.routes.js';
import { personFormRoutes } from './person-form.routes.js';
import { cardRoutes } from './card.routes.js';
import { householdRoutes } from '../households/households.routes.js';

/** The registry's staff pages: search, add/edit a person, the card with categories and consents, households. */
export function personsWebRoutes(services: Services) {
  return async function (app: FastifyInstance) {
    await app.register(searchRoutes(services));
    await app.register(personFormRoutes(services));
    await app.register(cardRoutes(services));
    await app.register(householdRoutes(services));
  };
}
