/** The case page's referrals and transfers (`caseSections`): where each stands, and the way to send one. */
import type { CaseSection } from './cases.hooks.js';
import { presentReferralItem } from './referral.presenter.js';
import { caseReferrals } from './referral.queries.js';

export const referralSection: CaseSection = {
  template: 'cases/views/case-referrals.njk',
  fields: ['referrals'],
  read: async ({ c, hromadaId, kase, canWrite, t }) => ({
    referrals: (await caseReferrals(c, hromadaId, kase.id)).map((r) => presentReferralItem(r, t)),
    canRefer: canWrite,
  }),
};
