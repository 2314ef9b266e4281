import type { TFunction } from 'i18next';
import type { Services } from '../../../services.js';
import { addDays, kyivToday } from '../../../platform/dates.js';
import { inPublicHromada } from '../../action-plans/action-plans.public.js';
import { buildPassport, type Passport } from '../passport.js';
import { TtlCache } from '../../../platform/ttl-cache.js';
import {
  householdCounts,
  personsByAge,
  personsByCategory,
  personsBySettlement,
  personsServed,
  providerCapacity,
} from '../passport.queries.js';

/** Passports kept five minutes per hromada and language (told apart by a word of it); the page says when computed. */
const kept = new TtlCache<Passport>(5 * 60_000, 1000);

/**
 * The social passport of an active hromada, for anyone (no login): aggregates only, small counts suppressed. Persons
 * served are those of the last 12 months. A passport computed in the last five minutes is given again.
 */
export async function viewPassport(o: { services: Services; code: string; t: TFunction }) {
  return inPublicHromada(o.services, o.code, async (c, hromada) => {
    const today = kyivToday();
    const servedFrom = addDays(today, -364);
    const compute = async () =>
      buildPassport(
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
    const { value: passport } = await kept.value(`${hromada.id}:${o.t('passport.total')}`, compute);
    return { hromada, passport };
  });
}
