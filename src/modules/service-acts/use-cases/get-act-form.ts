import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireAgency } from '../service-acts.policy.js';
import {
  activeAssignments,
  agencyWorkers,
  type ActAssignmentRow,
  type AgencyRow,
  type WorkerRow,
} from '../service-acts.queries.js';

/** What an act's form of a provider offers: its assignments being delivered and its workers. */
export async function getActForm(
  o: UseCase<{ agencyId: number }>,
): Promise<{ agency: AgencyRow; assignments: ActAssignmentRow[]; workers: WorkerRow[] }> {
  return inTenant(o, 'acts.write', async ({ c, actor, hromadaId }) => {
    const agency = await requireAgency(c, actor, 'acts.write', o.agencyId);
    return {
      agency,
      assignments: await activeAssignments(c, hromadaId, agency.id),
      workers: await agencyWorkers(c, hromadaId, agency.id),
    };
  });
}
