import fs from 'node:fs';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { storedPath } from '../../cabinet/cabinet.files.js';
import { requireStaffMember, requireStaffRecord } from '../staff-development.policy.js';
import type { TrainingRow } from '../staff-development.queries.js';

/** The certificate file of a staff member's training (its stored copy, outside the web root); audited. */
export async function openTrainingCertificate(
  o: UseCase<{ id: string; recordId: string }>,
): Promise<{ training: TrainingRow & { storage_key: string; file_name: string }; stream: fs.ReadStream }> {
  const training = await inTenant(o, 'staffdev.read', async ({ c, actor, hromadaId, audit }) => {
    const member = await requireStaffMember(c, actor, 'staffdev.read', o.id);
    const record = await requireStaffRecord(c, hromadaId, member.id, 'training', o.recordId);
    if (record.kind !== 'training' || !record.row.storage_key || !record.row.file_name || !record.row.content_type)
      throw new AppError('not_found');
    await audit({
      action: 'staffdev.certificate.download',
      operation: 'read',
      entityType: 'user',
      entityId: member.id,
      fields: ['certificate'],
      reason: `training:${record.row.id}`,
    });
    return { ...record.row, storage_key: record.row.storage_key, file_name: record.row.file_name };
  });
  return { training, stream: fs.createReadStream(storedPath(o.services, 'staff', training.storage_key)) };
}
