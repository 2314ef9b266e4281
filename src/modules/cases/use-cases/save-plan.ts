import { AppError, ValidationError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { providerOptions } from '../../assignments/assignments.queries.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent } from '../cases.queries.js';
import { itemField, planProblems, statusAfterSave, type PlanInput, type PlanProblem } from '../plan-machine.js';
import {
  caseStaff,
  deletePlanItems,
  insertPlanItem,
  insertPlanVersion,
  knownServices,
  loadPlan,
  planItems,
  updatePlanItem,
  writePlan,
} from '../plan.queries.js';

/**
 * Saves the individual plan of a case as a whole: its items (goals, actions, catalogue services with provider and
 * term), who is responsible and by when, the person's own words and agreement, the next review. The version the
 * worker saw must be the current one, else 409 and nothing is written: two workers saving at once never overwrite
 * each other. A saved change makes an approved or submitted plan a draft again (the supervisor approves the new
 * one); an item already handed to a provider cannot be removed. Every version is kept; in the timeline; audited.
 */
export async function savePlan(o: UseCase<{ id: string; input: PlanInput }>): Promise<{ version: number }> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const plan = await loadPlan(c, hromadaId, row.id, true);
    if ((plan?.version ?? 0) !== o.input.version)
      throw new AppError('conflict', { messageKey: 'cases.plan.errors.stale' });
    const i = o.input;
    const problems: PlanProblem[] = planProblems(i, row.opened_on, kyivToday());
    const current = await planItems(c, hromadaId, row.id);
    const services = await knownServices(
      c,
      hromadaId,
      i.items.flatMap((x) => (x.serviceId ? [x.serviceId] : [])),
    );
    const staff = new Set((await caseStaff(c, hromadaId)).map((s) => s.id));
    // An item from the granted application keeps its service and provider (the application's hand-over).
    const items = i.items.map((x) => {
      const was = current.find((k) => k.id === x.id);
      return was?.application_id
        ? {
            ...x,
            kind: 'service' as const,
            serviceId: was.service_id ?? undefined,
            agencyId: was.agency_id ?? undefined,
          }
        : x;
    });
    for (const [n, x] of items.entries()) {
      if (x.id && !current.some((k) => k.id === x.id))
        throw new AppError('conflict', { messageKey: 'cases.plan.errors.stale' });
      const was = current.find((k) => k.id === x.id);
      if (x.kind === 'service' && x.agencyId === undefined && !was?.application_id)
        problems.push({ field: itemField(n, 'agencyId'), key: 'cases.plan.v.agency' });
      if (x.responsibleUserId && !staff.has(x.responsibleUserId))
        problems.push({ field: itemField(n, 'responsibleUserId'), key: 'cases.plan.v.responsible' });
      if (x.kind !== 'service' || !x.serviceId) continue;
      if (!services.has(x.serviceId)) {
        problems.push({ field: itemField(n, 'serviceId'), key: 'cases.plan.v.service' });
        continue;
      }
      const { options } = await providerOptions(c, hromadaId, x.serviceId);
      // The provider an item already has may stay even if it has since become inactive; a new choice must be active.
      if (x.agencyId !== undefined && x.agencyId !== was?.agency_id && !options.some((g) => g.id === x.agencyId))
        problems.push({ field: itemField(n, 'agencyId'), key: 'cases.plan.v.notProvider' });
      if (was?.assignment_id && was.service_id !== x.serviceId)
        problems.push({ field: itemField(n, 'serviceId'), key: 'cases.plan.v.assignedService' });
      // A hand-over goes to another provider only after the one it is with declined (then at the plan's approval).
      else if (
        was?.assignment_id &&
        !was.application_id &&
        was.assignment_status !== 'declined' &&
        x.agencyId !== undefined &&
        x.agencyId !== was.agency_id
      )
        problems.push({ field: itemField(n, 'agencyId'), key: 'cases.plan.v.assignedAgency' });
    }
    const kept = new Set(items.flatMap((x) => (x.id ? [x.id] : [])));
    const removed = current.filter((k) => !kept.has(k.id));
    if (removed.some((k) => k.assignment_id)) problems.push({ field: 'items', key: 'cases.plan.v.removeAssigned' });
    if (problems.length) throw new ValidationError(problems);

    const version = await writePlan(c, hromadaId, row.id, {
      status: statusAfterSave(plan?.status ?? null),
      personWords: i.personWords?.trim() || null,
      agreedOn: i.agreedOn ?? null,
      agreedChannel: i.agreedChannel ?? null,
      reviewOn: i.reviewOn ?? null,
      reviewIntervalDays: i.reviewIntervalDays ?? null,
      by: actor.userId,
    });
    await deletePlanItems(
      c,
      hromadaId,
      removed.map((k) => k.id),
    );
    for (const [position, x] of items.entries()) {
      const fields = {
        position,
        kind: x.kind,
        text: x.text?.trim() || null,
        serviceId: x.kind === 'service' ? (x.serviceId ?? null) : null,
        agencyId: x.kind === 'service' ? (x.agencyId ?? null) : null,
        startsOn: x.kind === 'service' ? (x.startsOn ?? null) : null,
        endsOn: x.kind === 'service' ? (x.endsOn ?? null) : null,
        responsibleUserId: x.responsibleUserId ?? null,
        responsibleText: x.responsibleText?.trim() || null,
        dueOn: x.dueOn ?? null,
        volumePerMonth: x.kind === 'service' ? (x.volumePerMonth ?? null) : null,
        volumeUnit: x.kind === 'service' ? (x.volumeUnit ?? null) : null,
      };
      if (x.id) await updatePlanItem(c, hromadaId, x.id, fields);
      else await insertPlanItem(c, hromadaId, row.id, fields);
    }
    await insertPlanVersion(c, {
      hromadaId,
      caseId: row.id,
      version,
      by: actor.userId,
      snapshot: { plan: await loadPlan(c, hromadaId, row.id), items: await planItems(c, hromadaId, row.id) },
    });
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: 'cases.plan.event.saved',
      data: { version, items: i.items.length },
    });
    await audit({
      action: 'case.plan.save',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['plan', 'planItems', ...(i.personWords ? ['personWords'] : []), ...(i.agreedOn ? ['agreement'] : [])],
      reason: `version:${version}`,
    });
    return { version };
  });
}
