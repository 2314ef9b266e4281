import type { TFunction } from 'i18next';
import type { Services } from '../../../services.js';
import { addDays, kyivToday } from '../../../platform/dates.js';
import { inPublicHromada } from '../../action-plans/action-plans.public.js';
import { buildPassport } from '../passport.js';
import {
  householdCounts,
  personsByAge,
  personsByCategory,
  personsBySettlement,
  personsServed,
  providerCapacity,
} from '../passport.queries.js';

/**
 * The social passport of an active hromada, for anyone (no login): aggregates only, small counts suppressed. Persons
 * served are those of the last 12 months.
 */
export async function viewPassport(o: { services: Services; code: string; t: TFunction }) {
  return inPublicHromada(o.services, o.code, async (c, hromada) => {
    const today = kyivToday();
    const servedFrom = addDays(today, -364);
    const passport = buildPassport(
      {
        byAge: await personsByAge(c, hromada.id, today),
        bySettlement: await personsBySettlement(c, hromada.id),
        byCategory: await personsByCategory(c, hromada.id, today),
        served: await personsServed(c, hromada.id, servedFrom, today),
        households: await householdCounts(c, hromada.id, today),
        providers: await providerCapacity(c, hromada.id),
        computedAt: new Date(),
        servedFrom,
        servedTo: today,
      },
      o.t,
    );
    return { hromada, passport };
  });
}
