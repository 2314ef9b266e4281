import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { auditBy, writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { nameTokens } from '../../persons/persons.tokens.js';

export interface LinkResidentOptions {
  services: Services; actor: Actor | null; personId: string; email: string; meta?: RequestMeta;
  /** The staff member confirmed that an account whose name differs from the person's is the same person. */
  nameConfirmed?: boolean;
}

export type LinkResult =
  | { kind: 'linked'; created: boolean; accountName: string; personName: string }
  | { kind: 'names_differ'; accountName: string; personName: string };

/**
 * The account's name agrees with the person's when every word of it (normalised: Latin/Cyrillic,
 * apostrophes, case) is a word of the person's full name — «Марія Коваль» agrees with «Коваль Марія
 * Іванівна», «Марія Шевченко» does not.
 */
export function namesAgree(accountName: string, personName: string): boolean {
  const account = nameTokens(accountName);
  const person = new Set(nameTokens(personName));
  return account.length > 0 && account.every((t) => person.has(t));
}

/**
 * A front-office worker links a resident's account (found by its e-mail) to a registry person
 * after checking the person's ID document in person. Linking twice changes nothing.
 */
export async function linkResident(o: LinkResidentOptions): Promise<LinkResult> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const person = await requirePerson(c, actor, 'registry.write', o.personId);
    if (person.mergedInto) throw new AppError('validation', { messageKey: 'cabinet.link.v.merged', details: { field: 'email' } });
    const u = await c.query<{ id: string; display_name: string }>(
      "SELECT id, display_name FROM users WHERE kind = 'resident' AND active AND lower(email) = lower($1)", [o.email]);
    if (!u.rows[0]) throw new AppError('validation', { messageKey: 'cabinet.link.v.noAccount', details: { field: 'email' } });
    const p = await c.query<{ name: string }>(
      "SELECT concat_ws(' ', last_name, first_name, patronymic) AS name FROM persons WHERE id = $1 AND hromada_id = $2", [o.personId, hromadaId]);
    const names = { accountName: u.rows[0].display_name, personName: p.rows[0].name };
    if (!o.nameConfirmed && !namesAgree(names.accountName, names.personName)) {
      // Both names are shown to the staff member to decide: the account's name is a read of the resident's data.
      await writeAudit(c, {
        ...auditBy(actor, o.meta, hromadaId), action: 'cabinet.link.namesDiffer', operation: 'read',
        entityType: 'person', entityId: o.personId, fields: ['name', 'accountName'],
      });
      return { kind: 'names_differ', ...names };
    }
    const { rowCount } = await c.query(
      `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, person_id) DO NOTHING`, [u.rows[0].id, o.personId, hromadaId, actor.userId]);
    await writeAudit(c, {
      ...auditBy(actor, o.meta, hromadaId), action: rowCount ? 'cabinet.link' : 'cabinet.link.repeated',
      operation: 'write', entityType: 'person', entityId: o.personId, fields: ['residentAccount'], reason: 'ID document checked in person'
    });
    return { kind: 'linked', created: (rowCount ?? 0) > 0, ...names };
  });
}
