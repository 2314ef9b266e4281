import type { TFunction } from 'i18next';
import { displayDate } from '../../platform/dates.js';
import { formatPhone } from '../residents/profile/phone.js';
import type { RideRow } from './taxi.queries.js';

/** A ride as the day's list and the cabinet show it. */
export function presentRide(t: TFunction, r: RideRow) {
  return {
    id: r.id,
    when: t('taxi.when', { date: displayDate(r.pickup_at.slice(0, 10)), time: r.pickup_at.slice(11, 16) }),
    time: r.pickup_at.slice(11, 16),
    who: r.contact_name,
    phone: formatPhone(r.contact_phone),
    from: `${r.settlement_name}, ${r.pickup}`,
    to: r.destination,
    needs: [r.wheelchair ? t('taxi.wheelchair') : '', r.companion ? t('taxi.companion') : '']
      .filter(Boolean)
      .join(', '),
    note: r.note,
    status: r.status,
    statusText: t(`taxi.status.${r.status}`),
    vehicleId: r.vehicle_id ?? '',
    vehicle: r.vehicle_name,
    driver: r.driver ?? '',
    order: r.route_order ? String(r.route_order) : '',
    channelText: t(`taxi.channel.${r.channel}`),
  };
}
