import type { TFunction } from 'i18next';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requireApplication } from '../../applications/applications.policy.js';
import { residentFor } from '../../decisions/use-cases/notify.js';
import { findProfile } from '../profile/profile.queries.js';
import { profileSummary, summaryRows } from '../profile/profile.presenter.js';
import type { RequestMeta } from '../residents.context.js';

export interface ApplicantContactView {
  /** Summary-list rows; empty when the resident has not filled in the profile. */
  rows: ReturnType<typeof summaryRows>;
}

/**
 * How the applicant of an application asks to be contacted and what to take into account (from
 * the profile of their resident account — the account notifications go to), for staff who may
 * read the application. Null when the person has no resident account. The read is audited.
 */
export async function getApplicantContact(o: {
  services: Pick<Services, 'db'>; actor: Actor | null; applicationId: string; t: TFunction; meta?: RequestMeta;
}): Promise<ApplicantContactView | null> {
  authorize(o.actor, 'applications.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const a = await requireApplication(c, actor, 'applications.read', o.applicationId);
    // The account that filed the application online, else the person's resident account.
    let userId = a.applicant_user_id;
    if (!userId && a.person_id) {
      const { rows } = await c.query<{ email: string | null }>('SELECT email FROM persons WHERE id = $1', [a.person_id]);
      userId = await residentFor(c, a.person_id, rows[0]?.email?.trim() || null);
    }
    if (!userId) return null;
    const profile = await findProfile(c, userId);
    const login = await c.query<{ email: string | null }>('SELECT email FROM users WHERE id = $1', [userId]);
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: 'resident.profile.view', operation: 'read',
      entityType: 'user', entityId: userId, fields: profile ? ['contacts', 'contactChannel', 'needs'] : [],
      reason: `application ${a.id}`
    });
    return { rows: profile ? summaryRows(profileSummary(profile, login.rows[0]?.email ?? null, o.t, { own: false })) : [] };
  });
}
