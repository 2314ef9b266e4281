import type { PoolClient } from 'pg';
import { translator } from '../../platform/i18n.js';
import { writeAudit } from '../../platform/audit.js';

/** Consents are records of the hromada: always in Ukrainian. */
const t = translator('uk');

/** The edition of the consent text in the online form (cabinet.apply.consent); change it when the text changes. */
export const ONLINE_CONSENT_VERSION = '2026-1';

/**
 * Records on the person the consent ticked in the online application form: purpose (the
 * application and its service), the date it was ticked, channel «онлайн», the account that gave it.
 * Once per application; nothing when the form had no consent or the application has no person yet
 * (it is recorded when a worker links the person). Runs in the caller's transaction, audited.
 */
export async function recordOnlineConsent(c: PoolClient, o: {
  hromadaId: number; applicationId: string; actorId: string; actorLabel: string; ip?: string; requestId?: string;
}): Promise<string | null> {
  const { rows } = await c.query<{ person_id: string | null; consent_at: Date | null; service_name: string; number: string | null;
    user_id: string | null }>(
    `SELECT a.person_id, f.consent_at, s.name AS service_name, a.registration_number AS number,
       coalesce(a.applicant_user_id, a.created_by) AS user_id
     FROM applications a JOIN services s ON s.id = a.service_id
     JOIN online_application_forms f ON f.application_id = a.id
     WHERE a.id = $1 AND a.hromada_id = $2 AND a.channel = 'online'`, [o.applicationId, o.hromadaId]);
  const a = rows[0];
  if (!a || !a.person_id || !a.consent_at) return null;
  const purpose = t('consents.online.purpose', { service: a.service_name, number: a.number ?? '—' });
  const inserted = await c.query<{ id: string }>(
    `INSERT INTO consents (hromada_id, person_id, purpose, legal_basis, scope, text_version, given_on, recorded_by, channel, application_id)
     VALUES ($1, $2, $3, 'consent', $4, $5, ($6::timestamptz AT TIME ZONE 'Europe/Kyiv')::date, $7, 'online', $8)
     ON CONFLICT (hromada_id, application_id) WHERE application_id IS NOT NULL DO NOTHING RETURNING id`,
    [o.hromadaId, a.person_id, purpose, t('consents.online.scope'), ONLINE_CONSENT_VERSION, a.consent_at, a.user_id, o.applicationId]);
  const id = inserted.rows[0]?.id ?? null;
  if (id) {
    await writeAudit(c, {
      hromadaId: o.hromadaId, actorId: o.actorId, actorLabel: o.actorLabel, action: 'consent.record', operation: 'write',
      entityType: 'consent', entityId: id, fields: ['purpose', 'legalBasis', 'scope', 'textVersion', 'givenOn', 'channel'],
      reason: `person:${a.person_id}`, ip: o.ip, requestId: o.requestId,
    });
  }
  return id;
}
