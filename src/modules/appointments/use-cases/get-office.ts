import { kyivToday } from '../../../platform/dates.js';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  activeServices,
  districtsOf,
  loadOffice,
  officeAbsences,
  officeHours,
  officeServices,
  officeStaff,
  staffCandidates,
} from '../appointments.queries.js';

/** An office with its week, services, staff and coming absences, and what can be added to each. */
export async function getOffice(o: UseCase<{ id: string }>) {
  return inTenant(o, 'offices.read', async ({ c, hromadaId }) => {
    const office = await loadOffice(c, hromadaId, o.id);
    if (!office) throw new AppError('not_found');
    return {
      office,
      hours: await officeHours(c, hromadaId, office.id),
      services: await officeServices(c, hromadaId, office.id),
      staff: await officeStaff(c, hromadaId, office.id),
      absences: await officeAbsences(c, hromadaId, office.id, kyivToday()),
      catalogue: await activeServices(c, hromadaId),
      candidates: await staffCandidates(c, hromadaId),
      districts: await districtsOf(c, hromadaId),
    };
  });
}
