import { AppError, ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import {
  districtExists,
  insertOffice,
  loadOffice,
  officeNameTaken,
  updateOffice,
  type OfficeInput,
} from '../appointments.queries.js';

/** Creates an office (`id` null) or changes one: the name is unique in the hromada, the district is the hromada's. */
export async function saveOffice(o: UseCase<{ id: string | null; input: OfficeInput }>): Promise<string> {
  return inTenant(o, 'offices.manage', async ({ c, actor, hromadaId, audit }) => {
    if (o.id && !(await loadOffice(c, hromadaId, o.id, true))) throw new AppError('not_found');
    if (await officeNameTaken(c, hromadaId, o.input.name, o.id))
      throw new ValidationError([{ field: 'name', key: 'appointments.v.nameTaken' }]);
    if (o.input.districtId !== null && !(await districtExists(c, hromadaId, o.input.districtId)))
      throw new ValidationError([{ field: 'districtId', key: 'appointments.v.district' }]);
    const id = o.id ?? (await insertOffice(c, hromadaId, o.input, actor.userId));
    if (o.id) await updateOffice(c, hromadaId, o.id, o.input, actor.userId);
    await audit({
      action: o.id ? 'office.update' : 'office.create',
      operation: 'admin',
      entityType: 'office',
      entityId: id,
      fields: ['name', 'kind', 'district', 'address', 'active'],
    });
    return id;
  });
}
