import { writeAudit } from '../../../platform/audit.js';
import { withPerson, type PersonOptions } from '../../persons-web/use-cases/person-tx.js';
import type { ConsentInput } from '../consents.schema.js';

/** Records a consent the person gave (purpose, legal basis, scope, version of the text signed, date). */
export function recordConsent(o: PersonOptions & { input: ConsentInput }): Promise<string> {
  return withPerson(o, 'registry.write', async ({ c, hromadaId, actor, audit }) => {
    const i = o.input;
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO consents (hromada_id, person_id, purpose, legal_basis, scope, text_version, given_on, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [hromadaId, o.personId, i.purpose, i.legalBasis, i.scope, i.textVersion, i.givenOn, actor.userId]);
    await writeAudit(c, { ...audit('consent.record', 'write', ['purpose', 'legalBasis', 'scope', 'textVersion', 'givenOn']),
      entityType: 'consent', entityId: rows[0].id, reason: `person:${o.personId}` });
    return rows[0].id;
  });
}
