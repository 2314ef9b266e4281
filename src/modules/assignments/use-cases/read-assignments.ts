import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, can, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { ApplicationRow } from '../../applications/applications.queries.js';
import type { AssignmentStatus } from '../assignment-machine.js';
import { showsContact } from '../assignments.presenter.js';
import {
  assignmentOfApplication, listAssignments, loadAssignmentHistory, type AgencyOption, type AssignmentHistoryRow, type AssignmentRow,
} from '../assignments.queries.js';
import { listReach, requireAssignment, scopeOf } from '../assignments.policy.js';
import { providerOptions } from './assign-provider.js';

const auditOf = (actor: Actor, meta?: RequestMeta) => ({ ...auditBy(actor, meta), operation: 'read' as const });

export interface ListOptions { actor: Actor | null; status?: AssignmentStatus; limit: number; offset: number; meta?: RequestMeta }

/** The assignments the actor may see (a provider: its agency's; a starosta: its district's), newest first; audited. */
export async function listAssignmentsIn(c: PoolClient, o: ListOptions): Promise<{ rows: AssignmentRow[]; total: number }> {
  authorize(o.actor, 'assignments.read');
  const reach = listReach(o.actor);
  if (!reach) throw new AppError('forbidden');
  const page = await listAssignments(c, o.actor.hromadaId!, reach, { status: o.status }, o.limit, o.offset);
  await writeAudit(c, { ...auditOf(o.actor, o.meta), action: 'assignment.list', entityType: 'assignment',
    entityId: page.rows.length === 1 ? page.rows[0].id : null, fields: ['person', 'service', 'status', ...(o.status ? ['filter:status'] : [])],
    reason: `results:${page.total}` });
  return page;
}

export const listAssignmentsFor = (services: Services, o: ListOptions) => {
  authorize(o.actor, 'assignments.read');
  return services.db.tx({ hromadaId: o.actor.hromadaId, userId: o.actor.userId }, (c) => listAssignmentsIn(c, o));
};

export interface AssignmentView { row: AssignmentRow; history: AssignmentHistoryRow[] }

/** One assignment with its history (404 outside the actor's reach); the read is audited. */
export async function getAssignmentIn(c: PoolClient, o: { actor: Actor | null; id: string; meta?: RequestMeta; action?: string })
  : Promise<AssignmentView> {
  authorize(o.actor, 'assignments.read');
  const row = await requireAssignment(c, o.actor, 'assignments.read', o.id);
  const history = await loadAssignmentHistory(c, row.id);
  await writeAudit(c, { ...auditOf(o.actor, o.meta), action: o.action ?? 'assignment.view', entityType: 'assignment', entityId: row.id,
    fields: ['person', 'service', 'application', 'status', 'notes', 'history', ...(showsContact(row) ? ['address', 'phone'] : [])] });
  return { row, history };
}

export const getAssignment = (services: Services, o: { actor: Actor | null; id: string; meta?: RequestMeta }) => {
  authorize(o.actor, 'assignments.read');
  return services.db.tx({ hromadaId: o.actor.hromadaId, userId: o.actor.userId }, (c) => getAssignmentIn(c, o));
};

export interface ApplicationAssignment {
  view: AssignmentView | null; canAssign: boolean; options: AgencyOption[]; fromCatalogue: boolean;
}

/**
 * The provider part of the application page: the assignment with its history, and whether the
 * actor may (re-)assign and to whom. Null when the actor may not see assignments of this
 * application or the application was not granted.
 */
export async function applicationAssignment(services: Services, o: { actor: Actor; application: ApplicationRow; meta?: RequestMeta })
  : Promise<ApplicationAssignment | null> {
  const a = o.application;
  const hromadaId = o.actor.hromadaId!;
  const appScope = { hromadaId, districtId: a.district_id };
  if (!can(o.actor, 'assignments.read', appScope)) return null;
  return services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
    const row = await assignmentOfApplication(c, hromadaId, a.id);
    const assignable = ['granted', 'in_delivery'].includes(a.status);
    if (!row && !assignable) return null;
    let view: AssignmentView | null = null;
    if (row && can(o.actor, 'assignments.read', scopeOf(hromadaId, row))) {
      view = { row, history: await loadAssignmentHistory(c, row.id) };
      await writeAudit(c, { ...auditOf(o.actor, o.meta), action: 'assignment.view', entityType: 'assignment', entityId: row.id,
        fields: ['agency', 'status', 'notes', 'history'] });
    }
    const canAssign = assignable && can(o.actor, 'assignments.assign', appScope) && (!row || ['assigned', 'declined'].includes(row.status));
    const choice = canAssign ? await providerOptions(c, hromadaId, a.service_id) : { options: [], fromCatalogue: true };
    return { view, canAssign, ...choice };
  });
}

/**
 * The person card's "services received": the person's assignments the actor may see; null when
 * the actor's role does not see assignments at all. Audited when something is shown.
 */
export async function personAssignments(services: Services, o: { actor: Actor; personId: string; meta?: RequestMeta })
  : Promise<AssignmentRow[] | null> {
  if (!can(o.actor, 'assignments.read')) return null;
  const hromadaId = o.actor.hromadaId!;
  return services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
    await requirePerson(c, o.actor, 'registry.read', o.personId);
    const all = await listAssignments(c, hromadaId, { all: true, districtIds: [], agencyIds: [] }, { personIds: [o.personId] }, 200, 0);
    const rows = all.rows.filter((r) => can(o.actor, 'assignments.read', scopeOf(hromadaId, r)));
    if (rows.length) {
      await writeAudit(c, { ...auditOf(o.actor, o.meta), action: 'person.services.view', entityType: 'person', entityId: o.personId,
        fields: ['assignments'], reason: `results:${rows.length}` });
    }
    return rows;
  });
}
