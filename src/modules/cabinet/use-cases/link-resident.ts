import { problem } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { insertResidentLink, personFullName, residentAccountByEmail } from '../cabinet.queries.js';
import { namesAgree } from '../names.js';

export type LinkResult =
  | { kind: 'linked'; created: boolean; accountName: string; personName: string }
  | { kind: 'names_differ'; accountName: string; personName: string };

/**
 * A front-office worker links a resident's account (found by its e-mail) to a registry person
 * after checking the person's ID document in person. Linking twice changes nothing. A merged
 * person or an unknown account is a `ValidationError` of the e-mail field.
 */
export async function linkResident(
  o: UseCase<{
    personId: string;
    email: string;
    /** The staff member confirmed that an account whose name differs from the person's is the same person. */
    nameConfirmed?: boolean;
  }>,
): Promise<LinkResult> {
  return inTenant(o, 'registry.write', async ({ c, actor, hromadaId, audit }) => {
    const person = await requirePerson(c, actor, 'registry.write', o.personId);
    if (person.mergedInto) throw problem('email', 'cabinet.link.v.merged');
    const account = await residentAccountByEmail(c, o.email);
    if (!account) throw problem('email', 'cabinet.link.v.noAccount');
    const names = {
      accountName: account.display_name,
      personName: (await personFullName(c, hromadaId, o.personId)) ?? '',
    };
    if (!o.nameConfirmed && !namesAgree(names.accountName, names.personName)) {
      // Both names are shown to the staff member to decide: the account's name is a read of the resident's data.
      await audit({
        action: 'cabinet.link.namesDiffer',
        operation: 'read',
        entityType: 'person',
        entityId: o.personId,
        fields: ['name', 'accountName'],
      });
      return { kind: 'names_differ', ...names };
    }
    const created = await insertResidentLink(c, {
      userId: account.id,
      personId: o.personId,
      hromadaId,
      verifiedBy: actor.userId,
    });
    await audit({
      action: created ? 'cabinet.link' : 'cabinet.link.repeated',
      operation: 'write',
      entityType: 'person',
      entityId: o.personId,
      fields: ['residentAccount'],
      reason: 'ID document checked in person',
    });
    return { kind: 'linked', created, ...names };
  });
}
