import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { getPerson } from '../../persons/use-cases/get-person.js';
import { servicesFor } from '../applications.queries.js';
import type { Channel } from '../status-machine.js';

/** Intake's second step: the chosen person (the read is audited) and the services offered through the channel. */
export async function readIntakePerson(o: UseCase<{ personId: string; channel: Channel }>) {
  return inTenant(o, 'applications.register', async ({ c, actor, hromadaId, audit }) => {
    // The caller's transaction and audit writer, for when the registry's use-case takes them.
    const inside = { services: o.services, actor, meta: o.meta, tx: c, audit };
    const { person } = await getPerson({ ...inside, id: o.personId, action: 'person.view.intake' });
    return { person, services: await servicesFor(c, hromadaId, o.channel) };
  });
}
