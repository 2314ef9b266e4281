import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { setSignInterpreters as save } from '../appointments.queries.js';

/** How many sign-language interpreters the hromada has for visits at the same time (0: the booking offers none). */
export async function setSignInterpreters(o: UseCase<{ interpreters: number }>) {
  return inTenant(o, 'offices.manage', async ({ c, hromadaId, audit }) => {
    await save(c, hromadaId, o.interpreters);
    await audit({
      action: 'office.interpreters',
      operation: 'admin',
      entityType: 'hromada',
      entityId: String(hromadaId),
    });
  });
}
