import type { TestApp } from '../helpers/app.js';
import { addTeamMember, type TeamRole } from '../../src/modules/cases/cases.queries.js';

/** Puts a user on a case's team in a role (a supervisor named on the case, a member), as the team pages will. */
export async function caseTeamMember(
  t: TestApp,
  o: { hromadaId: number; caseId: string; userId: string; role: TeamRole },
): Promise<void> {
  await t.services.db.tx({ hromadaId: o.hromadaId }, (c) => addTeamMember(c, o));
}
