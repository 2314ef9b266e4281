import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { caseTypes, isOnTeam, type CaseTypeRow } from '../../cases/cases.queries.js';
import { requireSignal } from '../signals.policy.js';
import { findPeople, type PersonChoice } from '../../persons/person-choices.js';
import {
  caseOfSignal,
  hromadaAgencies,
  signalEvents,
  signalVisits,
  type SignalEventRow,
  type SignalRow,
  type VisitRow,
} from '../signals.queries.js';

export interface SignalView {
  row: SignalRow;
  events: SignalEventRow[];
  visits: VisitRow[];
  /** The case opened from the signal, when the reader may see it (a restricted case: its team only). */
  kase: { id: string; number: string } | null;
  /** Whether the reader may triage it (and it is not closed); then the outcome forms' choices. */
  canWrite: boolean;
  agencies: { id: number; name: string }[];
  caseTypes: CaseTypeRow[];
  canOpenCase: boolean;
  /** Registry persons matching the open-case form's search (`q`). */
  found: PersonChoice[] | null;
}

/**
 * The signal page: the signal, its history and the mobile brigade's visits, the case opened from it, and what the
 * outcome forms offer. One transaction, one audited read (`signal.view`).
 */
export async function viewSignal(o: UseCase<{ id: string; q?: string }>): Promise<SignalView> {
  return inTenant(o, 'signals.read', async (work) => {
    const { c, actor, hromadaId, audit } = work;
    const row = await requireSignal(c, actor, 'signals.read', o.id);
    const linked = await caseOfSignal(c, hromadaId, row.id);
    const kase =
      linked &&
      can(actor, 'cases.read') &&
      (!linked.restricted || (await isOnTeam(c, hromadaId, linked.id, actor.userId)))
        ? { id: linked.id, number: linked.number }
        : null;
    const canWrite = row.status !== 'closed' && can(actor, 'signals.write');
    const canOpenCase = canWrite && can(actor, 'cases.write');
    await audit({
      action: 'signal.view',
      operation: 'read',
      entityType: 'signal',
      entityId: row.id,
      fields: ['subject', 'source', 'place', 'observed', 'urgency', 'reporter', 'history', 'visits', 'outcome'],
    });
    return {
      row,
      events: await signalEvents(c, hromadaId, row.id),
      visits: await signalVisits(c, hromadaId, row.id),
      kase,
      canWrite,
      agencies: canWrite ? await hromadaAgencies(c, hromadaId) : [],
      caseTypes: canOpenCase ? await caseTypes(c, hromadaId) : [],
      canOpenCase,
      found: canOpenCase && !row.person_id && o.q ? await findPeople({ ...work, services: o.services }, o.q) : null,
    };
  });
}
