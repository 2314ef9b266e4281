import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { removeStored } from '../../cabinet/cabinet.files.js';
import { requireStaffMember, requireStaffRecord } from '../staff-development.policy.js';
import { deleteRecord, type RecordKind } from '../staff-development.queries.js';

/**
 * Deletes a record of a staff member after the confirmation page. A group session is everyone's record: it is deleted
 * only by one who manages every participant (a provider cannot delete a session its staff shared with another
 * agency's). A training's certificate file goes after the commit. Audited for each person concerned.
 */
export async function deleteStaffRecord(o: UseCase<{ id: string; kind: RecordKind; recordId: string }>): Promise<void> {
  const storageKey = await inTenant(o, 'staffdev.manage', async ({ c, actor, hromadaId, audit }) => {
    const member = await requireStaffMember(c, actor, 'staffdev.manage', o.id);
    const record = await requireStaffRecord(c, hromadaId, member.id, o.kind, o.recordId);
    const people = record.kind === 'supervision' ? record.row.participant_ids : [member.id];
    for (const p of people) {
      if (p === member.id) continue;
      try {
        await requireStaffMember(c, actor, 'staffdev.manage', p);
      } catch {
        throw new AppError('forbidden', { messageKey: 'staffdev.errors.sharedSession' });
      }
    }
    if (!(await deleteRecord(c, hromadaId, o.kind, o.recordId))) throw new AppError('not_found');
    for (const p of people)
      await audit({
        action: `staffdev.${o.kind}.delete`,
        operation: 'write',
        entityType: 'user',
        entityId: p,
        fields: [`${o.kind}s`],
        reason: `${o.kind}:${o.recordId}`,
      });
    return record.kind === 'training' ? record.row.storage_key : null;
  });
  if (storageKey) removeStored(o.services, 'staff', storageKey);
}
