import { addDays, kyivToday } from '../../../platform/dates.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { officeScope, requireAppointment } from '../appointments.policy.js';
import { listOffices, officeServices, signInterpreters } from '../appointments.queries.js';
import { freeSlots } from '../booking.js';

/**
 * The staff's booking picker, one step at a time: the open offices the actor books at; for a chosen office, its
 * services; for a chosen service, the week's slots from `week`. Moving a visit (`replaces`) fixes its office and
 * service.
 */
export async function getBookingOptions(
  o: UseCase<{ officeId: string | null; serviceId: string | null; week: string | null; replaces: string | null }>,
) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId }) => {
    const moving = o.replaces ? await requireAppointment(c, actor, 'appointments.book', o.replaces) : null;
    const offices = (await listOffices(c, hromadaId, true)).filter((x) =>
      can(actor, 'appointments.book', officeScope(hromadaId, x)),
    );
    const office = offices.find((x) => x.id === (moving?.office_id ?? o.officeId)) ?? null;
    const services = office ? await officeServices(c, hromadaId, office.id) : [];
    const service = services.find((s) => s.service_id === (moving?.service_id ?? o.serviceId)) ?? null;
    const today = kyivToday();
    const from = o.week && o.week > today ? o.week : today;
    const slots =
      office && service ? await freeSlots(c, hromadaId, office, service.service_id, from, addDays(from, 6)) : [];
    return {
      offices,
      office,
      services,
      service,
      from,
      today,
      slots,
      moving,
      interpreters: await signInterpreters(c, hromadaId),
    };
  });
}
