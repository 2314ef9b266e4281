import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { caseTeam, type CaseRow, type TeamRow } from '../cases.queries.js';
import { teamCandidates } from '../team.queries.js';

export interface CaseTeamForm {
  row: CaseRow;
  team: TeamRow[];
  /** Staff who may join the team and are not on it. */
  candidates: { id: string; name: string }[];
}

/** What the team's forms (a new member, a meeting) start from: the open case, its team and the staff to add. */
export async function getCaseTeam(o: UseCase<{ id: string }>): Promise<CaseTeamForm> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id);
    requireOpen(row);
    const team = await caseTeam(c, hromadaId, row.id);
    const onTeam = new Set(team.map((m) => m.user_id));
    const candidates = (await teamCandidates(c, hromadaId)).filter((u) => !onTeam.has(u.id));
    await audit({ action: 'case.view', operation: 'read', entityType: 'case', entityId: row.id, fields: ['team'] });
    return { row, team, candidates };
  });
}
