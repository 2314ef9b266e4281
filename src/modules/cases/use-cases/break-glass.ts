import { addDays, kyivToday } from '../../../platform/dates.js';
import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { caseByNumber, caseOverseer, grantAccess } from '../access.queries.js';
import { addCaseEvent, isOnTeam } from '../cases.queries.js';
import { insertTask } from '../team.queries.js';

/**
 * «Break the glass»: a manager outside a restricted case's team reads it in an emergency — with a reason, for
 * a short while, audited, and reported to the case's supervisor (its named supervisor, else its manager) as a
 * task to check the access, due tomorrow, and in the case's timeline. A case the manager may open anyway needs
 * no glass broken. Returns the case's id.
 */
export async function breakGlass(
  o: UseCase<{ number: string; reason: string; taskTitle: (who: string) => string }>,
): Promise<string> {
  return inTenant(o, 'cases.supervise', async ({ c, actor, hromadaId, audit }) => {
    const k = await caseByNumber(c, hromadaId, o.number);
    if (!k) throw problem('number', 'cases.v.breakGlassUnknown');
    if (!k.restricted || (await isOnTeam(c, hromadaId, k.id, actor.userId))) return k.id;
    await grantAccess(c, { hromadaId, caseId: k.id, userId: actor.userId, kind: 'break_glass', reason: o.reason });
    await addCaseEvent(c, { hromadaId, caseId: k.id, by: actor, event: 'breakGlass', note: o.reason });
    const overseer = await caseOverseer(c, hromadaId, k.id);
    if (overseer)
      await insertTask(c, {
        hromadaId,
        caseId: k.id,
        meetingId: null,
        title: o.taskTitle(actor.displayName),
        assigneeId: overseer,
        dueOn: addDays(kyivToday(), 1),
        by: actor.userId,
      });
    await audit({
      action: 'case.breakGlass',
      operation: 'read',
      entityType: 'case',
      entityId: k.id,
      fields: ['subject'],
      reason: o.reason,
    });
    return k.id;
  });
}
