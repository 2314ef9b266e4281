import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { mayLiftProtection, requireCase } from '../cases.policy.js';
import { addCaseEvent, caseTeam, setProtectionLifted } from '../cases.queries.js';

/**
 * Lifts (`lift: true`) or restores the protection of a restricted case's subject's address and contacts (decision
 * 0023): the case's manager or a supervisor on its team, with a reason; in the case's timeline and the audit trail.
 * A closed case too: the protection outlives the case, and so may the need to lift it. Lifting what is already lifted
 * (or restoring what is in force) is a conflict — another member did it meanwhile.
 */
export async function setContactsProtection(o: UseCase<{ id: string; lift: boolean; reason: string }>): Promise<void> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    if (!row.restricted) throw new AppError('not_found');
    if (!mayLiftProtection(await caseTeam(c, hromadaId, row.id), actor.userId))
      throw new AppError('forbidden', { messageKey: 'cases.protection.errors.notTeam' });
    const changed = await setProtectionLifted(
      c,
      hromadaId,
      row.id,
      o.lift ? { by: actor.userId, reason: o.reason } : null,
    );
    if (!changed)
      throw new AppError('conflict', {
        messageKey: o.lift ? 'cases.protection.errors.alreadyLifted' : 'cases.protection.errors.notLifted',
      });
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: o.lift ? 'protectionLift' : 'protectionRestore',
      note: o.reason,
    });
    await audit({
      action: o.lift ? 'case.protection.lift' : 'case.protection.restore',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['protection'],
      reason: o.reason,
    });
  });
}
