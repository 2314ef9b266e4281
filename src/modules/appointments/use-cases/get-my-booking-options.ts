import { addDays, kyivToday } from '../../../platform/dates.js';
import { inResidentHromada } from '../appointments.policy.js';
import { listOffices, servicesOfOffices, signInterpreters } from '../appointments.queries.js';
import { freeSlots } from '../booking.js';
import type { ResidentCase } from '../../cabinet/cabinet.policy.js';

/**
 * The resident's booking picker, one step at a time: the services that some open office handles; for a chosen
 * service, those offices; for a chosen office, the week's slots from `week` (today's week by default). No personal
 * data is read.
 */
export async function getMyBookingOptions(
  o: ResidentCase<{ serviceId: string | null; officeId: string | null; week: string | null }>,
) {
  return inResidentHromada(o, async ({ c, hromadaId }) => {
    const offices = await listOffices(c, hromadaId, true);
    const handled = (await servicesOfOffices(c, hromadaId)).filter((s) => offices.some((x) => x.id === s.office_id));
    const services = [...new Map(handled.map((s) => [s.service_id, { id: s.service_id, name: s.name }])).values()];
    const service = services.find((s) => s.id === o.serviceId) ?? null;
    const where = service
      ? offices.filter((x) => handled.some((h) => h.office_id === x.id && h.service_id === service.id))
      : [];
    const office = where.find((x) => x.id === o.officeId) ?? null;
    const today = kyivToday();
    const from = o.week && o.week > today ? o.week : today;
    const slots = service && office ? await freeSlots(c, hromadaId, office, service.id, from, addDays(from, 6)) : [];
    return {
      services,
      service,
      offices: where,
      office,
      from,
      today,
      slots,
      interpreters: await signInterpreters(c, hromadaId),
    };
  });
}
