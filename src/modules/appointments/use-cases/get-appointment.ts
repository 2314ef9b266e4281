import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAppointment } from '../appointments.policy.js';

/** One visit for staff who reach its office; the read is audited. */
export async function getAppointment(o: UseCase<{ id: string }>) {
  return inTenant(o, 'appointments.read', async ({ c, actor, audit }) => {
    const a = await requireAppointment(c, actor, 'appointments.read', o.id);
    await audit({
      action: 'appointment.view',
      operation: 'read',
      entityType: 'appointment',
      entityId: a.id,
      fields: ['start', 'service', 'contact', 'status'],
    });
    return a;
  });
}
