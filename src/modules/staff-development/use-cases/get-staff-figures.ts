import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { staffReach } from '../staff-development.policy.js';
import { figuresOf, type FigureRow } from '../staff-development.queries.js';

/**
 * The plans' figures of a year (specialists trained, specialists given supervision support, sessions, hours) by
 * provider, within the actor's reach: counts only, no names.
 */
export async function getStaffFigures(
  o: UseCase<{ year: number }>,
): Promise<{ rows: FigureRow[]; total: Omit<FigureRow, 'agency_id' | 'agency'> }> {
  return inTenant(o, 'staffdev.read', async ({ c, actor, hromadaId }) =>
    figuresOf(c, hromadaId, staffReach(actor, 'staffdev.read'), o.year),
  );
}
