import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { listOffices as officesOf, servicesOfOffices, signInterpreters } from '../appointments.queries.js';

/** The hromada's offices (only open ones when asked) with the services each handles, and its sign-language interpreters. */
export async function listOffices(o: UseCase<{ activeOnly: boolean }>) {
  return inTenant(o, 'offices.read', async ({ c, hromadaId }) => {
    const offices = await officesOf(c, hromadaId, o.activeOnly);
    const services = await servicesOfOffices(c, hromadaId);
    return {
      offices: offices.map((office) => ({ ...office, services: services.filter((s) => s.office_id === office.id) })),
      interpreters: await signInterpreters(c, hromadaId),
    };
  });
}
