import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import type { CaseRow } from '../cases.queries.js';
import { activeConsents, caseSubject, loadReferral, referralAgencies, type ReferralRow } from '../referral.queries.js';
import { teamCandidates } from '../team.queries.js';

export interface ReferralFormData {
  row: CaseRow;
  /** The person's consents in force (the consent a referral may rest on). */
  consents: { id: string; purpose: string; scope: string; given_on: string }[];
  agencies: { id: number; name: string }[];
  staff: { id: string; name: string }[];
  /** A declined referral sent again to another recipient starts from it. */
  from: ReferralRow | null;
}

/** What the referral form of an open case offers: recipients, the person's consents, a declined referral to resend. */
export async function getReferralForm(o: UseCase<{ id: string; from?: string }>): Promise<ReferralFormData> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id);
    requireOpen(row);
    const subject = await caseSubject(c, hromadaId, row.id);
    const from = o.from ? await loadReferral(c, hromadaId, o.from) : null;
    if (from && from.case_id !== row.id) throw new AppError('not_found');
    await audit({
      action: 'case.view',
      operation: 'read',
      entityType: 'case',
      entityId: row.id,
      fields: ['consents', 'referrals'],
    });
    return {
      row,
      consents: subject ? await activeConsents(c, hromadaId, subject.id) : [],
      agencies: await referralAgencies(c, hromadaId),
      staff: (await teamCandidates(c, hromadaId)).filter((u) => u.id !== actor.userId),
      from,
    };
  });
}
