import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { caseScope, requireCase } from '../cases.policy.js';
import {
  caseEvents,
  caseNotes,
  caseTeam,
  type CaseEventRow,
  type CaseNoteRow,
  type CaseRow,
  type TeamRow,
} from '../cases.queries.js';

export interface CaseView {
  row: CaseRow;
  team: TeamRow[];
  events: CaseEventRow[];
  notes: CaseNoteRow[];
  canWrite: boolean;
}

/** The case page: the case, its team, timeline and notes — one audited read (restricted: the team only). */
export async function viewCase(o: UseCase<{ id: string }>): Promise<CaseView> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.read', o.id);
    const view: CaseView = {
      row,
      team: await caseTeam(c, hromadaId, row.id),
      events: await caseEvents(c, hromadaId, row.id),
      notes: await caseNotes(c, hromadaId, row.id),
      canWrite: can(actor, 'cases.write', caseScope(hromadaId, row)),
    };
    await audit({
      action: 'case.view',
      operation: 'read',
      entityType: 'case',
      entityId: row.id,
      fields: ['subject', 'type', 'status', 'team', 'timeline', 'notes'],
      reason: row.restricted ? 'restricted' : undefined,
    });
    return view;
  });
}
