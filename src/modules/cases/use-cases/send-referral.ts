import { AppError, problem } from '../../../platform/errors.js';
import { displayDate, isIsoDate, kyivToday } from '../../../platform/dates.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { insertConsent } from '../../consents/consents.queries.js';
import { requireCase, requireOpen } from '../cases.policy.js';
import { addCaseEvent, touchCase } from '../cases.queries.js';
import {
  activeConsents,
  caseSubject,
  insertReferral,
  referralAgencies,
  type ReferralBasis,
  type SharedData,
} from '../referral.queries.js';
import type { ReferralInput } from '../referral.schema.js';
import { teamCandidates } from '../team.queries.js';

/**
 * Refers a case, or one service need of it, to an agency or a member of staff, or hands its management over
 * (`transfer`, to a member of staff only). It rests on the person's consent in force (chosen, or recorded now
 * with its date), on a ground of law that needs none (threat to life, violence, a child at risk) with the
 * reason, or on a manager's override with the reason; without one it is refused and nothing is saved. The
 * recipient sees only the chosen sections, as they are now. In the timeline; audited with its basis.
 */
export async function sendReferral(
  o: UseCase<{
    id: string;
    input: ReferralInput;
    /** The words of a consent recorded with the referral (the page's language; the API records none). */
    labels?: { recipient: (name: string) => string; sections: string };
  }>,
): Promise<string> {
  return inTenant(o, 'cases.write', async ({ c, actor, hromadaId, audit }) => {
    const { row } = await requireCase(c, actor, 'cases.write', o.id, true);
    requireOpen(row);
    const i = o.input;
    let recipient: string;
    if (i.toAgencyId !== undefined) {
      if (i.kind === 'transfer') throw problem('recipient', 'cases.v.transferToStaff');
      const agency = (await referralAgencies(c, hromadaId)).find((a) => a.id === i.toAgencyId);
      if (!agency) throw problem('recipient', 'cases.v.recipient');
      recipient = agency.name;
    } else if (i.toUserId !== undefined) {
      const user = (await teamCandidates(c, hromadaId)).find((u) => u.id === i.toUserId);
      if (!user || user.id === actor.userId || (i.kind === 'transfer' && user.id === row.manager_id))
        throw problem('recipient', 'cases.v.recipient');
      recipient = user.name;
    } else throw problem('recipient', 'cases.v.recipient');

    const subject = await caseSubject(c, hromadaId, row.id);
    if (!subject) throw new AppError('conflict', { messageKey: 'cases.errors.noSubject' });
    const reason = i.reason?.trim() || null;
    let basis: ReferralBasis;
    let consentId: string | null = null;
    if (i.basis === 'consent') {
      basis = 'consent';
      const ok = (await activeConsents(c, hromadaId, subject.id)).some((k) => k.id === i.consentId);
      if (!ok) throw problem('consentId', 'cases.v.consentMissing');
      consentId = i.consentId ?? null;
    } else if (i.basis === 'consentNow' && o.labels) {
      basis = 'consent';
      const on = i.consentGivenOn;
      if (!on || !isIsoDate(on)) throw problem('consentGivenOn', 'cases.v.consentDate');
      if (on > kyivToday()) throw problem('consentGivenOn', 'cases.v.consentFuture');
      consentId = await insertConsent(c, {
        hromadaId,
        personId: subject.id,
        recordedBy: actor.userId,
        input: {
          purpose: o.labels.recipient(recipient).slice(0, 500),
          legalBasis: 'consent',
          scope: `${o.labels.sections}: ${i.sections.join(', ')}`.slice(0, 1000),
          textVersion: 'referral-1',
          givenOn: on,
        },
      });
    } else if (i.basis === 'consentNow') {
      throw problem('basis', 'cases.v.basis');
    } else if (i.basis === 'law') {
      basis = 'law';
      if (!i.lawGround) throw problem('lawGround', 'cases.v.lawGround');
      if (!reason) throw problem('reason', 'cases.v.basisReason');
    } else {
      basis = 'override';
      if (!can(actor, 'cases.supervise')) throw problem('basis', 'cases.v.overrideManager');
      if (!reason) throw problem('reason', 'cases.v.basisReason');
    }

    const shared: SharedData = {};
    for (const s of i.sections) {
      if (s === 'identity') shared.identity = { name: subject.name, birthDate: subject.birth_date };
      if (s === 'contacts') shared.contacts = { phone: subject.phone, email: subject.email };
      if (s === 'address') shared.address = subject.address;
      if (s === 'caseInfo')
        shared.caseInfo = {
          number: row.number,
          type: row.type_uk,
          priority: row.priority,
          opened: displayDate(row.opened_on),
        };
    }
    const id = await insertReferral(c, {
      hromadaId,
      caseId: row.id,
      kind: i.kind,
      toAgencyId: i.toAgencyId ?? null,
      toUserId: i.toUserId ?? null,
      purpose: i.purpose,
      sections: i.sections,
      shared,
      basis,
      consentId,
      lawGround: basis === 'law' ? (i.lawGround ?? null) : null,
      basisReason: basis === 'consent' ? null : reason,
      by: actor,
    });
    await touchCase(c, hromadaId, row.id);
    await addCaseEvent(c, {
      hromadaId,
      caseId: row.id,
      by: actor,
      event: i.kind === 'transfer' ? 'transferSent' : 'referralSent',
      note: i.purpose,
      data: { referral: id, basis, recipient },
    });
    await audit({
      action: basis === 'override' ? 'case.referral.override' : 'case.referral.send',
      operation: 'write',
      entityType: 'case',
      entityId: row.id,
      fields: ['referrals', ...i.sections],
      reason: basis === 'consent' ? `consent:${consentId ?? ''}` : `${basis}:${reason ?? ''}`,
    });
    return id;
  });
}
