import type { UseCase } from '../../../platform/use-case.js';
import { auditWriter } from '../../../platform/audit.js';
import { byHromada, linksOf, livePersonIds } from '../../cabinet/cabinet.policy.js';
import { assignmentsPage, type AssignmentRow } from '../assignments.queries.js';

export interface MyServices {
  linked: boolean;
  rows: AssignmentRow[];
}

/**
 * The services the resident's linked persons receive or received, newest first; the read is
 * audited in each hromada of the links.
 */
export async function listMyServices(o: UseCase): Promise<MyServices> {
  const actor = o.actor;
  if (!actor) return { linked: false, rows: [] };
  const links = await linksOf(o.services, actor.userId);
  const rows: AssignmentRow[] = [];
  for (const [hromadaId, ids] of byHromada(links)) {
    await o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
      const page = await assignmentsPage(
        c,
        hromadaId,
        { all: true, districtIds: [], agencyIds: [] },
        { personIds: await livePersonIds(c, ids) },
        500,
        0,
      );
      rows.push(...page.rows);
      await auditWriter(c, actor, o.meta, { hromadaId })({
        action: 'cabinet.services.list',
        operation: 'read',
        entityType: 'assignment',
        fields: ['service', 'provider', 'period', 'status'],
        reason: `results:${page.rows.length}`,
      });
    });
  }
  rows.sort((a, b) => b.assigned_at.getTime() - a.assigned_at.getTime());
  return { linked: links.length > 0, rows };
}
