import type { PoolClient } from 'pg';
import { translator } from '../../platform/i18n.js';
import type { AuditWriter } from '../../platform/audit.js';
import { insertOnlineConsent, onlineConsentSource } from './consents.queries.js';

/** Consents are records of the hromada: always in Ukrainian. */
const t = translator('uk');

/** The edition of the consent text in the online form (cabinet.apply.consent); change it when the text changes. */
export const ONLINE_CONSENT_VERSION = '2026-1';

/**
 * Records on the person the consent ticked in the online application form: purpose (the
 * application and its service), the date it was ticked, channel «онлайн», the account that gave it.
 * Once per application; nothing when the form had no consent or the application has no person yet
 * (it is recorded when a worker links the person). Runs in the caller's transaction (a step of the
 * submission or of linking the person, not a use-case of its own), audited as the caller's actor.
 */
export async function recordOnlineConsent(
  c: PoolClient,
  o: {
    hromadaId: number;
    applicationId: string;
    /** The caller's audit writer (the consent is recorded as the caller's actor did it). */
    audit: AuditWriter;
  },
): Promise<string | null> {
  const a = await onlineConsentSource(c, o.hromadaId, o.applicationId);
  if (!a || !a.person_id || !a.consent_at) return null;
  const id = await insertOnlineConsent(c, {
    hromadaId: o.hromadaId,
    personId: a.person_id,
    purpose: t('consents.online.purpose', { service: a.service_name, number: a.number ?? '—' }),
    scope: t('consents.online.scope'),
    textVersion: ONLINE_CONSENT_VERSION,
    consentAt: a.consent_at,
    userId: a.user_id,
    applicationId: o.applicationId,
  });
  if (id) {
    await o.audit({
      action: 'consent.record',
      operation: 'write',
      entityType: 'consent',
      entityId: id,
      fields: ['purpose', 'legalBasis', 'scope', 'textVersion', 'givenOn', 'channel'],
      reason: `person:${a.person_id}`,
    });
  }
  return id;
}
