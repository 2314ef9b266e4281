import { AppError, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  activeServices,
  addAbsence,
  addStaff,
  loadOffice,
  officeStaff,
  removeAbsence,
  removeOfficeService,
  removeStaff,
  replaceHours,
  staffCandidates,
  upsertOfficeService,
} from '../appointments.queries.js';
import type { DayHours } from '../slots.js';

/** One change of an office's setup. Booked visits stay as they are: a change affects the slots offered from now on. */
export type OfficeChange =
  | { kind: 'hours'; hours: DayHours[] }
  | { kind: 'service'; serviceId: string; slotMinutes: number; seats: number }
  | { kind: 'removeService'; serviceId: string }
  | { kind: 'staff'; userId: string }
  | { kind: 'removeStaff'; userId: string }
  | { kind: 'absence'; userId: string; from: string; to: string; reason: string | null }
  | { kind: 'removeAbsence'; id: string };

const FIELDS: Record<OfficeChange['kind'], string> = {
  hours: 'hours',
  service: 'services',
  removeService: 'services',
  staff: 'staff',
  removeStaff: 'staff',
  absence: 'absences',
  removeAbsence: 'absences',
};

/** Changes an office's week, services, staff or absences (administrators and managers), audited. */
export async function changeOfficeSetup(o: UseCase<{ officeId: string; change: OfficeChange }>) {
  return inTenant(o, 'offices.manage', async ({ c, hromadaId, audit }) => {
    const office = await loadOffice(c, hromadaId, o.officeId, true);
    if (!office) throw new AppError('not_found');
    const ch = o.change;
    let changed = 1;
    switch (ch.kind) {
      case 'hours':
        await replaceHours(c, hromadaId, office.id, ch.hours);
        break;
      case 'service':
        if (!(await activeServices(c, hromadaId)).some((s) => s.id === ch.serviceId))
          throw new ValidationError([{ field: 'serviceId', key: 'appointments.v.service' }]);
        await upsertOfficeService(c, hromadaId, office.id, ch);
        break;
      case 'removeService':
        changed = await removeOfficeService(c, hromadaId, office.id, ch.serviceId);
        break;
      case 'staff':
        if (!(await staffCandidates(c, hromadaId)).some((s) => s.user_id === ch.userId))
          throw new ValidationError([{ field: 'userId', key: 'appointments.v.staff' }]);
        await addStaff(c, hromadaId, office.id, ch.userId);
        break;
      case 'removeStaff':
        changed = await removeStaff(c, hromadaId, office.id, ch.userId);
        break;
      case 'absence':
        if (!(await officeStaff(c, hromadaId, office.id)).some((s) => s.user_id === ch.userId))
          throw new ValidationError([{ field: 'absenceUserId', key: 'appointments.v.staff' }]);
        await addAbsence(c, hromadaId, office.id, ch);
        break;
      case 'removeAbsence':
        changed = await removeAbsence(c, hromadaId, office.id, ch.id);
        break;
    }
    if (!changed) throw new AppError('not_found');
    await audit({
      action: 'office.setup',
      operation: 'admin',
      entityType: 'office',
      entityId: office.id,
      fields: [FIELDS[ch.kind]],
    });
  });
}
