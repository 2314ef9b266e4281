import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAppointment } from '../appointments.policy.js';
import { applicationNumberOf } from '../appointments.queries.js';

/** One visit for staff who reach its office, with the number of the application it ended in; the read is audited. */
export async function getAppointment(o: UseCase<{ id: string }>) {
  return inTenant(o, 'appointments.read', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireAppointment(c, actor, 'appointments.read', o.id);
    await audit({
      action: 'appointment.view',
      operation: 'read',
      entityType: 'appointment',
      entityId: a.id,
      fields: ['start', 'service', 'contact', 'status'],
    });
    const applicationNumber = a.application_id ? await applicationNumberOf(c, hromadaId, a.application_id) : null;
    return { appointment: a, applicationNumber };
  });
}
