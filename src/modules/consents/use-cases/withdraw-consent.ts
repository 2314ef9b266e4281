import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { withPerson, type PersonOptions } from '../../persons-web/use-cases/person-tx.js';
import { loadConsent, type ConsentRow } from '../consents.queries.js';

type Options = PersonOptions & { consentId: string };

/** The consent shown on the confirmation page before withdrawing it (an audited read). */
export function loadConsentToWithdraw(o: Options): Promise<ConsentRow> {
  return withPerson(o, 'registry.write', async ({ c, audit }) => {
    const k = await loadConsent(c, o.personId, o.consentId);
    if (!k || k.withdrawn_on) throw new AppError('not_found');
    await writeAudit(c, { ...audit('consent.view', 'read', ['purpose', 'scope']), entityType: 'consent', entityId: k.id,
      reason: `person:${o.personId}` });
    return k;
  });
}

/** Withdraws a consent today; the record stays with who withdrew it. */
export function withdrawConsent(o: Options): Promise<void> {
  return withPerson(o, 'registry.write', async ({ c, actor, audit }) => {
    const { rowCount } = await c.query(
      `UPDATE consents SET withdrawn_on = current_date, withdrawn_by = $3 WHERE id = $1 AND person_id = $2 AND withdrawn_on IS NULL`,
      [o.consentId, o.personId, actor.userId]);
    if (rowCount !== 1) throw new AppError('not_found');
    await writeAudit(c, { ...audit('consent.withdraw', 'write', ['withdrawnOn']), entityType: 'consent', entityId: o.consentId,
      reason: `person:${o.personId}` });
  });
}
