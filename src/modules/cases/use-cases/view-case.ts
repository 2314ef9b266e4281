import type { TFunction } from 'i18next';
import type { Locale } from '../../../platform/i18n.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { caseScope, mayLiftProtection, maySupervise, requireCase } from '../cases.policy.js';
import {
  caseReviews,
  closureRequest,
  loadPlan,
  planItems,
  type ClosureRequestRow,
  type PlanItemRow,
  type PlanRow,
  type ReviewRow,
} from '../plan.queries.js';
import type { CaseSection, CaseSectionView } from '../cases.hooks.js';
import { accessInForce } from '../access.queries.js';
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
  /** The individual plan (null: none yet), its items, the reviews done, a request to close waiting. */
  plan: PlanRow | null;
  items: PlanItemRow[];
  reviews: ReviewRow[];
  closure: ClosureRequestRow | null;
  /** Whether the actor approves or returns the plan and the closure (a named supervisor, or a manager). */
  canSupervise: boolean;
  /** Whether the actor may lift or restore the protection of the subject's contacts (a restricted case's manager or supervisor). */
  canLiftProtection: boolean;
  /** The other modules' sections of the case page, in order (none for the API). */
  sections: CaseSectionView[];
  /** A restricted case's page asks its reader for a reason first: nothing else of it was read. */
  needsReason: boolean;
}

/**
 * The case page: the case, its team, timeline and notes, and the other modules' sections (`page`) — one
 * transaction, one audited read (restricted: the team only).
 */
export async function viewCase(
  o: UseCase<{ id: string; page?: { sections: readonly CaseSection[]; t: TFunction; locale: Locale } }>,
): Promise<CaseView> {
  return inTenant(o, 'cases.read', async (work) => {
    const { c, actor, hromadaId, audit } = work;
    const { row } = await requireCase(c, actor, 'cases.read', o.id);
    // The page of a restricted case opens on a reason given (or a glass broken) for a short while.
    const access = row.restricted && o.page ? await accessInForce(c, hromadaId, row.id, actor.userId) : null;
    if (row.restricted && o.page && !access) return reasonFirst(row);
    const canWrite = can(actor, 'cases.write', caseScope(hromadaId, row));
    const team = await caseTeam(c, hromadaId, row.id);
    const view: CaseView = {
      row,
      team,
      events: await caseEvents(c, hromadaId, row.id),
      notes: await caseNotes(c, hromadaId, row.id),
      canWrite,
      plan: await loadPlan(c, hromadaId, row.id),
      items: await planItems(c, hromadaId, row.id),
      reviews: await caseReviews(c, hromadaId, row.id),
      closure: await closureRequest(c, hromadaId, row.id),
      canSupervise: await maySupervise(c, actor, row, team),
      canLiftProtection: row.restricted && can(actor, 'cases.write') && mayLiftProtection(team, actor.userId),
      sections: [],
      needsReason: false,
    };
    const sections = o.page?.sections ?? [];
    await audit({
      action: 'case.view',
      operation: 'read',
      entityType: 'case',
      entityId: row.id,
      fields: [
        'subject',
        'type',
        'status',
        'team',
        'timeline',
        'notes',
        'plan',
        'planItems',
        'reviews',
        ...sections.flatMap((s) => s.fields ?? []),
      ],
      reason: row.restricted ? `restricted${access ? `;${access.kind}:${access.reason}` : ''}` : undefined,
    });
    if (o.page) {
      const { t, locale } = o.page;
      const open = canWrite && row.status !== 'closed';
      for (const s of sections) {
        const data = await s.read({ ...work, services: o.services, kase: row, team, canWrite: open, t, locale });
        view.sections.push({ template: s.template, data });
      }
    }
    return view;
  });
}

/** A restricted case before its reader gave a reason: the case's number only. */
const reasonFirst = (row: CaseRow): CaseView => ({
  row,
  team: [],
  events: [],
  notes: [],
  canWrite: false,
  plan: null,
  items: [],
  reviews: [],
  closure: null,
  canSupervise: false,
  canLiftProtection: false,
  sections: [],
  needsReason: true,
});
