import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivLocal } from '../../../platform/dates.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAppointment } from '../appointments.policy.js';
import { applicationByNumber, linkAppointmentApplication } from '../appointments.queries.js';

/**
 * Records that a visit ended in an application (its registration number): from the visit's day on, for an application
 * the actor reaches. The visit, if still «booked», becomes «came». The application's page then shows the visit.
 */
export async function linkVisitApplication(o: UseCase<{ id: string; number: string }>) {
  return inTenant(o, 'appointments.book', async ({ c, actor, hromadaId, audit }) => {
    const a = await requireAppointment(c, actor, 'appointments.book', o.id, true);
    if (a.status === 'cancelled' || a.start.slice(0, 10) > kyivLocal().slice(0, 10))
      throw new AppError('conflict', { messageKey: 'appointments.noOutcomeYet' });
    const app = await applicationByNumber(c, hromadaId, o.number);
    if (!app || !can(actor, 'applications.read', { hromadaId, districtId: app.district_id }))
      throw new ValidationError([{ field: 'number', key: 'appointments.v.application' }]);
    await linkAppointmentApplication(c, hromadaId, a.id, app.id);
    await audit({
      action: 'appointment.application',
      operation: 'write',
      entityType: 'appointment',
      entityId: a.id,
      fields: ['application', 'status'],
    });
  });
}
