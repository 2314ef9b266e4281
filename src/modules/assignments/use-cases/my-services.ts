import type { Services } from '../../../services.js';
import type { Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { byHromada, linksOf, livePersonIds } from '../../cabinet/cabinet.access.js';
import { listAssignments, type AssignmentRow } from '../assignments.queries.js';

export interface MyServices { linked: boolean; rows: AssignmentRow[] }

/** The services the resident's linked persons receive or received, newest first; the read is audited. */
export async function listMyServices(o: { services: Services; actor: Actor; meta?: RequestMeta }): Promise<MyServices> {
  const links = await linksOf(o.services, o.actor.userId);
  const rows: AssignmentRow[] = [];
  for (const [hromadaId, ids] of byHromada(links)) {
    await o.services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
      const page = await listAssignments(c, hromadaId, { all: true, districtIds: [], agencyIds: [] },
        { personIds: await livePersonIds(c, ids) }, 500, 0);
      rows.push(...page.rows);
      await writeAudit(c, { ...auditBy(o.actor, o.meta, hromadaId), action: 'cabinet.services.list', operation: 'read', entityType: 'assignment', fields: ['service', 'provider', 'period', 'status'],
        reason: `results:${page.rows.length}` });
    });
  }
  rows.sort((a, b) => b.assigned_at.getTime() - a.assigned_at.getTime());
  return { linked: links.length > 0, rows };
}
