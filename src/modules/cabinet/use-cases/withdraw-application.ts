import { AppError } from '../../../platform/errors.js';
import { kyivToday } from '../../../platform/dates.js';
import { addHistory } from '../../applications/applications.queries.js';
import { nextStatus } from '../../applications/status-machine.js';
import { applyEffects } from '../../applications/status-effects.js';
import { withOwnApplication, type ResidentCase } from '../cabinet.policy.js';
import { setApplicationStatus } from '../cabinet.queries.js';

/**
 * The resident withdraws their own application before a decision. The applications module's
 * `changeStatus` accepts staff actors only, so this is the resident's path to the same state
 * change: the status machine's `withdraw` transition, its effects (`applyEffects`), the timeline
 * entry and the audit entry, in one transaction. After a decision → 409.
 */
export async function withdrawApplication(o: ResidentCase<{ id: string; version?: number }>): Promise<{ id: string }> {
  const { actor } = o;
  return withOwnApplication(
    o.services,
    actor,
    o.id,
    true,
    async (c, a, hromadaId, _confirmed, audit) => {
      const to = nextStatus(a.status, 'withdraw');
      if (!to) throw new AppError('conflict', { messageKey: 'cabinet.withdraw.tooLate' });
      if (o.version !== undefined && o.version !== a.version)
        throw new AppError('conflict', { messageKey: 'applications.errors.stale' });
      const input = { note: undefined };
      const effects = await applyEffects(c, {
        hromadaId,
        actor,
        a,
        command: 'withdraw',
        input,
        today: kyivToday(),
        service: null,
        box: o.services.box,
      });
      await setApplicationStatus(c, a.id, to);
      await addHistory(c, {
        hromadaId,
        applicationId: a.id,
        by: actor,
        event: 'withdraw',
        from: a.status,
        to,
        note: effects.note,
        data: { ...effects.data, by: 'resident' },
      });
      await audit({
        action: 'application.withdraw',
        operation: 'write',
        entityType: 'application',
        entityId: a.id,
        fields: ['status', ...effects.fields],
      });
      return { id: a.id };
    },
    o.meta,
  );
}
