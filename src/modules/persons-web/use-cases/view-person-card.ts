import { authorize, can } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import {
  loadCategories,
  loadPerson,
  sealedIdentifier,
  type CategoryRow,
  type PersonRow,
} from '../../persons/persons.queries.js';
import { personHouseholds, type PersonHouseholdRow } from '../../households/households.queries.js';
import { personConsents, type ConsentRow } from '../../consents/consents.queries.js';
import { categoryTypes, type CategoryType } from '../persons-web.queries.js';

export interface PersonCard {
  person: PersonRow;
  categories: CategoryRow[];
  households: PersonHouseholdRow[];
  consents: ConsentRow[];
  categoryTypes: CategoryType[];
  canWrite: boolean;
  canReveal: boolean;
  revealed?: { field: 'rnokpp' | 'unzr'; value: string };
}

/**
 * The person's card: data, categories with history, households, consents — one audited read.
 * With `reveal`, the full РНОКПП or УНЗР is opened for an actor with `registry.reveal` on this
 * person, and the reveal is audited separately ('person.reveal' with the field).
 */
export async function viewPersonCard(o: UseCase<{ id: string; reveal?: 'rnokpp' | 'unzr' }>): Promise<PersonCard> {
  return inTenant(o, 'registry.read', async ({ c, actor, hromadaId, audit }) => {
    const scope = await requirePerson(c, actor, 'registry.read', o.id);
    let revealed: PersonCard['revealed'];
    if (o.reveal) {
      authorize(actor, 'registry.reveal', scope);
      const sealed = await sealedIdentifier(c, o.id, o.reveal);
      if (!sealed) throw new AppError('not_found');
      revealed = { field: o.reveal, value: o.services.box.open(sealed) };
      await audit({
        action: 'person.reveal',
        operation: 'read',
        entityType: 'person',
        entityId: o.id,
        fields: [o.reveal],
      });
    }
    const person = await loadPerson(c, hromadaId, o.id);
    if (!person) throw new AppError('not_found');
    const card: PersonCard = {
      person,
      categories: await loadCategories(c, o.id),
      households: await personHouseholds(c, o.id),
      consents: await personConsents(c, o.id),
      categoryTypes: await categoryTypes(c, hromadaId),
      canWrite: can(actor, 'registry.write', scope),
      canReveal: can(actor, 'registry.reveal', scope),
      revealed,
    };
    await audit({
      action: 'person.view',
      operation: 'read',
      entityType: 'person',
      entityId: o.id,
      fields: [
        'name',
        'birthDate',
        'sex',
        'identifiersMasked',
        'contacts',
        'address',
        'categories',
        'households',
        'consents',
      ],
    });
    return card;
  });
}
