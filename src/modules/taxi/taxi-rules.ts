/** The rules of a ride request (pure). */
import { addDays, kyivLocal } from '../../platform/dates.js';
import { ValidationError } from '../../platform/errors.js';

/** How far ahead a ride can be asked for (days). */
export const RIDE_HORIZON_DAYS = 60;

/** A pick-up in the past or beyond the horizon is refused on the field `date`. */
export function checkPickupTime(pickupAt: string, now = kyivLocal()) {
  if (pickupAt <= now) throw new ValidationError([{ field: 'date', key: 'taxi.v.past' }]);
  if (pickupAt.slice(0, 10) > addDays(now.slice(0, 10), RIDE_HORIZON_DAYS))
    throw new ValidationError([{ field: 'date', key: 'taxi.v.tooFar', params: { days: RIDE_HORIZON_DAYS } }]);
}
