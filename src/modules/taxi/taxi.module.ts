import type { AppModule } from '../../platform/modules.js';
import { taxiRoutes } from './taxi.routes.js';
import { taxiCabinetRoutes } from './cabinet.routes.js';
import { TAXI_METRICS } from './taxi.metrics.js';

/**
 * The social taxi (issue 14 item 6, decision 0036): the hromada's vehicles; ride requests from the cabinet, by phone at
 * the front office and through a starosta; the day's rides given to a vehicle and driver in route order; done or not
 * come; rides per settlement and the plans' figures (metrics `taxi.rides`, `taxi.passengers`).
 */
export const taxiModule: AppModule = {
  name: 'taxi',
  contribute: (hooks) => {
    hooks.add('personLinks', { table: 'taxi_rides', column: 'person_id', key: ['id'] });
    for (const m of TAXI_METRICS) hooks.add('metrics', m);
  },
  routes: (services) => async (app) => {
    await app.register(taxiRoutes(services));
    await app.register(taxiCabinetRoutes(services));
  },
};
