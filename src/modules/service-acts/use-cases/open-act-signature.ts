import fs from 'node:fs';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { storedPath, type FileType } from '../../cabinet/cabinet.files.js';
import { requireAgency } from '../service-acts.policy.js';
import { loadAct } from '../service-acts.queries.js';

/** The recipient's scanned signature of an act, to download. Audited as a read of the person's data. */
export async function openActSignature(
  o: UseCase<{ id: string }>,
): Promise<{ type: FileType; date: string; stream: fs.ReadStream }> {
  return inTenant(o, 'acts.read', async ({ c, actor, hromadaId, audit }) => {
    const act = await loadAct(c, hromadaId, o.id);
    if (!act?.signature_key || !act.signature_type) throw new AppError('not_found');
    await requireAgency(c, actor, 'acts.read', act.agency_id);
    await audit({
      action: 'serviceAct.signature',
      operation: 'read',
      entityType: 'person',
      entityId: act.person_id,
      fields: ['signature'],
      reason: `act:${act.id}`,
    });
    return {
      type: act.signature_type as FileType,
      date: act.act_date,
      stream: fs.createReadStream(storedPath(o.services, 'applications', act.signature_key)),
    };
  });
}
