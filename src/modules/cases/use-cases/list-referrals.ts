import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { agenciesOf } from '../cases.policy.js';
import { incomingReferrals, type ReferralRow, type ReferralStatus } from '../referral.queries.js';

export const REFERRALS_PAGE_SIZE = 25;

/** The referrals addressed to the actor or to their agency, waiting ones first; audited (they name people). */
export async function listReferrals(
  o: UseCase<{ status: ReferralStatus | null; page: number }>,
): Promise<{ rows: ReferralRow[]; total: number }> {
  return inTenant(o, 'referrals.receive', async ({ c, actor, hromadaId, audit }) => {
    const page = await incomingReferrals(
      c,
      hromadaId,
      { userId: actor.userId, agencyIds: agenciesOf(actor) },
      o.status,
      REFERRALS_PAGE_SIZE,
      (o.page - 1) * REFERRALS_PAGE_SIZE,
    );
    await audit({
      action: 'referral.list',
      operation: 'read',
      entityType: 'case',
      fields: ['referrals'],
      reason: `${o.status ?? 'all'};results:${page.rows.length}`,
    });
    return page;
  });
}
