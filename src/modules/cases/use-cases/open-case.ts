import { AppError, problem } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { requireHousehold } from '../../households/households.policy.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { assignmentOfApplication } from '../../assignments/assignments.queries.js';
import { CASE_FROM_APPLICATION, type CasePriority } from '../case-machine.js';
import type { CaseSignalLink } from '../cases.hooks.js';
import { insertPlanItem, insertPlanVersion, planItems, writePlan, loadPlan } from '../plan.queries.js';
import {
  addCaseEvent,
  addTeamMember,
  caseOfApplication,
  caseTypes,
  insertCase,
  nextCaseNumber,
} from '../cases.queries.js';

/** What a case opens with: whose it is (a person, a household, or a granted application's person), its type and priority. */
export interface OpenCaseInput {
  personId?: string;
  householdId?: string;
  applicationId?: string;
  /** The early-detection signal the case opens from (with a person or household of its own choosing). */
  signalId?: string;
  typeCode: string;
  priority: CasePriority;
  note?: string;
}

/**
 * Opens a case for a person or a household, or from a granted application (for its person; one case
 * per application). The worker who opens it is its manager and on its team; a restricted type
 * (violence, child protection) makes the case visible to its team only. Numbered per year, with its
 * opening in the timeline; audited. From a signal (`signalId`), the signals module's `signalLink` checks the signal
 * first and records the outcome on it after (one case per signal).
 */
export async function openCase(
  o: UseCase<{ input: OpenCaseInput; signalLink?: CaseSignalLink }>,
): Promise<{ id: string; number: string }> {
  return inTenant(o, 'cases.write', async (work) => {
    const { c, actor, hromadaId, audit } = work;
    const i = o.input;
    const type = (await caseTypes(c, hromadaId)).find((k) => k.code === i.typeCode);
    if (!type) throw problem('typeCode', 'cases.v.type');
    let personId: string | null = null;
    let householdId: string | null = null;
    let districtId: number | null;
    let service: string | null = null;
    let granted: { serviceId: string; agencyId: number | null } | null = null;
    if (i.applicationId) {
      const a = await requireApplication(c, actor, 'applications.read', i.applicationId);
      if (!CASE_FROM_APPLICATION.includes(a.status))
        throw new AppError('conflict', { messageKey: 'cases.errors.notGranted' });
      if (a.person_id === null) throw new AppError('conflict', { messageKey: 'cases.errors.noPerson' });
      if (await caseOfApplication(c, hromadaId, a.id))
        throw new AppError('conflict', { messageKey: 'cases.errors.applicationHasCase' });
      personId = a.person_id;
      districtId = a.district_id;
      service = a.service_name;
      const handedOver = await assignmentOfApplication(c, hromadaId, a.id);
      granted = { serviceId: a.service_id, agencyId: handedOver?.agency_id ?? null };
    } else if (i.personId) {
      const scope = await requirePerson(c, actor, 'registry.read', i.personId);
      if (scope.mergedInto) throw new AppError('conflict', { messageKey: 'cases.errors.merged' });
      personId = i.personId;
      districtId = scope.districtId ?? null;
    } else if (i.householdId) {
      const { household } = await requireHousehold(c, actor, 'registry.read', i.householdId);
      householdId = household.id;
      districtId = household.district_id;
    } else {
      throw problem('personId', 'cases.v.subject');
    }
    let signal: { number: string } | null = null;
    if (i.signalId) {
      if (!o.signalLink) throw problem('signalId', 'cases.v.signal');
      signal = await o.signalLink.check({ ...work, signalId: i.signalId });
    }
    const today = kyivToday();
    const number = await nextCaseNumber(c, hromadaId, Number(today.slice(0, 4)));
    const id = await insertCase(c, {
      hromadaId,
      number,
      typeCode: type.code,
      personId,
      householdId,
      applicationId: i.applicationId ?? null,
      signalId: i.signalId ?? null,
      priority: i.priority,
      managerId: actor.userId,
      districtId,
      restricted: type.restricted,
      openedOn: today,
      createdBy: actor.userId,
    });
    await addTeamMember(c, { hromadaId, caseId: id, userId: actor.userId, role: 'manager' });
    await addCaseEvent(c, {
      hromadaId,
      caseId: id,
      by: actor,
      event: 'open',
      to: 'open',
      note: i.note ?? null,
      data: {
        type: type.code,
        priority: i.priority,
        ...(service ? { application: i.applicationId, service } : {}),
        ...(signal ? { signal: signal.number } : {}),
      },
    });
    if (i.signalId && o.signalLink)
      await o.signalLink.opened({ ...work, signalId: i.signalId, caseId: id, caseNumber: number });
    // The granted service is the plan's first item; the application's hand-over (if any) is its assignment.
    if (granted && i.applicationId) {
      const version = await writePlan(c, hromadaId, id, {
        status: 'draft',
        personWords: null,
        agreedOn: null,
        agreedChannel: null,
        reviewOn: null,
        reviewIntervalDays: null,
        by: actor.userId,
      });
      await insertPlanItem(c, hromadaId, id, {
        position: 0,
        kind: 'service',
        text: null,
        serviceId: granted.serviceId,
        agencyId: granted.agencyId,
        startsOn: null,
        endsOn: null,
        responsibleUserId: null,
        responsibleText: null,
        dueOn: null,
        volumePerMonth: null,
        volumeUnit: null,
        applicationId: i.applicationId,
      });
      await insertPlanVersion(c, {
        hromadaId,
        caseId: id,
        version,
        by: actor.userId,
        snapshot: { plan: await loadPlan(c, hromadaId, id), items: await planItems(c, hromadaId, id) },
      });
    }
    await audit({
      action: 'case.open',
      operation: 'write',
      entityType: 'case',
      entityId: id,
      fields: ['type', 'priority', 'manager', personId ? 'person' : 'household', ...(granted ? ['plan'] : [])],
      reason: i.applicationId ? `application:${i.applicationId}` : i.signalId ? `signal:${i.signalId}` : undefined,
    });
    return { id, number };
  });
}
