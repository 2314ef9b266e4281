import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { officeScope } from '../appointments.policy.js';
import { dayAppointments, listOffices } from '../appointments.queries.js';

/** The visits of a day at the offices the actor reaches (or at one of them), in time order; the read is audited. */
export async function listDayAppointments(o: UseCase<{ date: string; officeId: string | null }>) {
  return inTenant(o, 'appointments.read', async ({ c, actor, hromadaId, audit }) => {
    const offices = (await listOffices(c, hromadaId, false)).filter((x) =>
      can(actor, 'appointments.read', officeScope(hromadaId, x)),
    );
    const chosen = offices.filter((x) => !o.officeId || x.id === o.officeId);
    const items = chosen.length
      ? await dayAppointments(
          c,
          hromadaId,
          chosen.map((x) => x.id),
          o.date,
        )
      : [];
    await audit({
      action: 'appointment.day',
      operation: 'read',
      entityType: 'appointment',
      fields: ['start', 'service', 'contact', 'status'],
    });
    return { offices, items };
  });
}
