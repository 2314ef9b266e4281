import { authorize, can } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import {
  loadCategories,
  loadPerson,
  personReadFields,
  sealedIdentifier,
  type CategoryRow,
  type PersonRow,
} from '../../persons/persons.queries.js';
import type { TFunction } from 'i18next';
import type { Locale } from '../../../platform/i18n.js';
import { categoryTypes, type CategoryType } from '../persons-web.queries.js';
import type { CardSectionView, PersonCardSection } from '../persons-web.hooks.js';

export interface PersonCard {
  person: PersonRow;
  categories: CategoryRow[];
  /** The other modules' sections, in order. */
  sections: CardSectionView[];
  categoryTypes: CategoryType[];
  canWrite: boolean;
  canReveal: boolean;
  revealed?: { field: 'rnokpp' | 'unzr'; value: string };
}

/**
 * The person's card: data, categories with history, and the other modules' sections (households,
 * consents, applications, services received) — one transaction, one audited read of the card.
 * With `reveal`, the full РНОКПП or УНЗР is opened for an actor with `registry.reveal` on this
 * person, and the reveal is audited separately ('person.reveal' with the field).
 */
export async function viewPersonCard(
  o: UseCase<{
    id: string;
    reveal?: 'rnokpp' | 'unzr';
    sections: readonly PersonCardSection[];
    t: TFunction;
    locale: Locale;
  }>,
): Promise<PersonCard> {
  return inTenant(o, 'registry.read', async (work) => {
    const { c, actor, hromadaId, audit } = work;
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
    const categories = await loadCategories(c, o.id);
    const types = await categoryTypes(c, hromadaId);
    await audit({
      action: 'person.view',
      operation: 'read',
      entityType: 'person',
      entityId: o.id,
      fields: [...personReadFields(person), ...o.sections.flatMap((s) => s.fields ?? [])],
    });
    const sections: CardSectionView[] = [];
    for (const s of o.sections)
      sections.push({
        template: s.template,
        data: await s.read({ ...work, services: o.services, person, t: o.t, locale: o.locale }),
      });
    return {
      person,
      categories,
      sections,
      categoryTypes: types,
      canWrite: can(actor, 'registry.write', scope),
      canReveal: can(actor, 'registry.reveal', scope),
      revealed,
    };
  });
}
