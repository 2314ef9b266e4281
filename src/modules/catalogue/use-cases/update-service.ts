import { ValidationError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { ServiceInput } from '../catalogue.schema.js';
import {
  beginCardEdit,
  findServiceCard,
  replaceServiceParts,
  undoCardEdit,
  updateServiceFields,
} from '../catalogue.queries.js';
import { requireServiceCard } from '../catalogue.policy.js';
import { checkReferences, guardCode, recordHistory } from '../service-checks.js';
import { changedFields, snapshotOf } from '../service-snapshot.js';

/**
 * Saves an edited card: keeps the old version in the history, bumps the version and audits the
 * changed fields with the reason; refuses a form opened on an older version. A form saved without
 * changes leaves no new version (answers false).
 */
export async function updateService(
  o: UseCase<{ id: string; input: ServiceInput; version: number; reason: string }>,
): Promise<boolean> {
  return guardCode(() =>
    inTenant(o, 'catalogue.manage', async ({ c, actor, hromadaId, audit }) => {
      const card = await requireServiceCard(c, o.id, { lock: true });
      if (card.service.version !== o.version) throw new ValidationError([{ field: 'name', key: 'catalogue.v.stale' }]);
      await checkReferences(c, o.input);
      await beginCardEdit(c);
      await recordHistory(c, { hromadaId, actor, card, reason: o.reason });
      await updateServiceFields(c, o.id, actor.userId, o.input);
      await replaceServiceParts(c, hromadaId, o.id, o.input);
      const after = await findServiceCard(c, o.id);
      const fields = after ? changedFields(snapshotOf(card), snapshotOf(after)) : [];
      if (!fields.length) {
        await undoCardEdit(c);
        return false;
      }
      await audit({
        action: 'catalogue.service.update',
        operation: 'admin',
        entityType: 'service',
        entityId: o.id,
        fields,
        reason: o.reason,
      });
      return true;
    }),
  );
}
