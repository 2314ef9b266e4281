import type { TFunction } from 'i18next';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requireApplication } from '../applications.policy.js';
import { residentFor } from '../../notifications/notifications.js';
import { findProfile } from '../../residents/profile/profile.queries.js';
import { profileSummary, summaryRows } from '../../residents/profile/profile.presenter.js';
import { loginEmail, personEmail } from '../../residents/residents.queries.js';

export interface ApplicantContactView {
  /** Summary-list rows; empty when the resident has not filled in the profile. */
  rows: ReturnType<typeof summaryRows>;
}

/**
 * How the applicant of an application asks to be contacted and what to take into account (from
 * the profile of their resident account — the account notifications go to), for staff who may
 * read the application. Null when the person has no resident account. The read is audited.
 */
export async function getApplicantContact(
  o: UseCase<{ applicationId: string; t: TFunction }>,
): Promise<ApplicantContactView | null> {
  return inTenant(o, 'applications.read', async ({ c, actor, audit }) => {
    const a = await requireApplication(c, actor, 'applications.read', o.applicationId);
    // The account that filed the application online, else the person's resident account.
    let userId = a.applicant_user_id;
    if (!userId && a.person_id)
      userId = await residentFor(c, a.person_id, (await personEmail(c, a.person_id))?.trim() || null);
    if (!userId) return null;
    const profile = await findProfile(c, userId);
    const login = await loginEmail(c, userId);
    await audit({
      action: 'resident.profile.view',
      operation: 'read',
      entityType: 'user',
      entityId: userId,
      fields: profile ? ['contacts', 'contactChannel', 'needs'] : [],
      reason: `application ${a.id}`,
    });
    return { rows: profile ? summaryRows(profileSummary(profile, login, o.t, { own: false })) : [] };
  });
}
