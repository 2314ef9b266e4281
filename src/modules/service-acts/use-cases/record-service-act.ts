import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { removeStored, store } from '../../cabinet/cabinet.files.js';
import type { Upload } from '../../cabinet/cabinet.uploads.js';
import { writeAct, type ActInput } from '../act-writer.js';
import { requireActAssignment } from '../service-acts.policy.js';
import { loadAct, type ActRow } from '../service-acts.queries.js';

/**
 * Records one act (the form, a visit of a round, the API): the checks of `writeAct`, refused with the field's
 * problem and nothing saved. A recipient's signature scanned from the paper act (PDF, JPEG or PNG by content) is
 * stored like the other uploaded files and kept with the act; with the worker's confirmation no file is kept.
 * Another provider's or hromada's assignment is «not found». Audited as a write of the person's data.
 */
export async function recordServiceAct(
  o: UseCase<{ input: ActInput; upload?: Upload; taken?: () => void; via?: 'form' | 'round' | 'api' | 'outreach' }>,
): Promise<ActRow> {
  let key: string | null = null;
  try {
    return await inTenant(o, 'acts.write', async ({ c, actor, hromadaId, audit }) => {
      await requireActAssignment(c, actor, 'acts.write', o.input.assignmentId);
      let signature: { key: string; type: string } | null = null;
      if (o.upload && o.input.confirmedBy === 'recipient') {
        if (!o.upload.ok)
          throw new ValidationError([
            { field: 'signature', key: o.upload.problem === 'type' ? 'acts.v.signatureType' : 'acts.v.signatureSize' },
          ]);
        key = await store(o.services, 'applications', o.upload.tmpPath);
        o.taken?.();
        signature = { key, type: o.upload.contentType };
      }
      const r = await writeAct(c, actor, o.input, { signature });
      if (!r.ok) throw new ValidationError(r.problems);
      await audit({
        action: 'serviceAct.create',
        operation: 'write',
        entityType: 'person',
        entityId: r.assignment.person_id,
        fields: ['serviceActs', ...(signature ? ['signature'] : [])],
        reason: `act:${r.id};via:${o.via ?? 'form'}`,
      });
      const act = await loadAct(c, hromadaId, r.id);
      if (!act) throw new Error('act not written');
      return act;
    });
  } catch (e) {
    if (key) removeStored(o.services, 'applications', key);
    throw e;
  }
}
