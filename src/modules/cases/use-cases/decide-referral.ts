import { AppError, problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireReferral } from '../cases.policy.js';
import { addCaseEvent, loadCase } from '../cases.queries.js';
import { decideReferral as saveDecision, linkCaseToReferral, transferManagement } from '../referral.queries.js';
import { openCase } from './open-case.js';

/**
 * The recipient answers a referral addressed to them or to their agency: declines it with a reason, or accepts
 * it — a transfer makes them the case's manager (the former one stays on the team), a whole case referred to a
 * member of staff opens their own case of the same person, a service need is taken on. Only a waiting referral
 * is answered; the answer is in the sending case's timeline and audited.
 */
export async function decideReferral(
  o: UseCase<{ id: string; decision: 'accept' | 'decline'; reason?: string }>,
): Promise<{ status: 'accepted' | 'declined'; caseId: string | null }> {
  return inTenant(o, 'referrals.receive', async (work) => {
    const { c, actor, hromadaId, audit } = work;
    const { row: r, asRecipient } = await requireReferral(c, actor, o.id, true);
    if (!asRecipient) throw new AppError('forbidden', { messageKey: 'cases.errors.notRecipient' });
    if (r.status !== 'sent') throw new AppError('conflict', { messageKey: 'cases.errors.referralDecided' });
    const reason = o.reason?.trim() || null;
    if (o.decision === 'decline' && !reason) throw problem('reason', 'cases.v.declineReason');
    const source = await loadCase(c, hromadaId, r.case_id, true);
    if (!source) throw new AppError('not_found');
    let caseId: string | null = null;
    if (o.decision === 'accept') {
      if (source.status === 'closed') throw new AppError('conflict', { messageKey: 'cases.errors.closed' });
      if (r.kind === 'transfer') {
        await transferManagement(c, hromadaId, source.id, source.manager_id, actor.userId);
        caseId = source.id;
      } else if (r.kind === 'case' && r.to_user_id) {
        const opened = await openCase({
          services: o.services,
          actor,
          meta: o.meta,
          tx: c,
          audit,
          input: {
            typeCode: source.type_code,
            priority: source.priority,
            personId: source.person_id ?? undefined,
            householdId: source.household_id ?? undefined,
            note: r.purpose.slice(0, 2000),
          },
        });
        await linkCaseToReferral(c, hromadaId, opened.id, r.id);
        caseId = opened.id;
      }
    }
    const status = o.decision === 'accept' ? 'accepted' : 'declined';
    await saveDecision(c, hromadaId, r.id, {
      status,
      by: actor,
      reason,
      resultCaseId: r.kind === 'case' ? caseId : null,
    });
    await addCaseEvent(c, {
      hromadaId,
      caseId: source.id,
      by: actor,
      event:
        r.kind === 'transfer'
          ? `transfer${o.decision === 'accept' ? 'Accepted' : 'Declined'}`
          : `referral${o.decision === 'accept' ? 'Accepted' : 'Declined'}`,
      note: reason,
      data: { referral: r.id, recipient: r.recipient },
    });
    await audit({
      action: `referral.${o.decision}`,
      operation: 'write',
      entityType: 'case',
      entityId: source.id,
      fields: ['referrals'],
      reason: `referral:${r.id}`,
    });
    return { status, caseId };
  });
}
