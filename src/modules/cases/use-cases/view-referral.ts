import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireReferral } from '../cases.policy.js';
import type { ReferralRow } from '../referral.queries.js';

/**
 * A referral's page: to its recipient what it shares and the way to answer; to the sending side (the case's
 * readers) where it stands. The read is audited with the sections shown.
 */
export async function viewReferral(o: UseCase<{ id: string }>): Promise<{ row: ReferralRow; asRecipient: boolean }> {
  return inTenant(o, 'referrals.receive', async ({ c, actor, audit }) => {
    const r = await requireReferral(c, actor, o.id);
    await audit({
      action: 'referral.view',
      operation: 'read',
      entityType: 'case',
      entityId: r.row.case_id,
      fields: ['referrals', ...r.row.sections],
      reason: `referral:${r.row.id}`,
    });
    return r;
  });
}
