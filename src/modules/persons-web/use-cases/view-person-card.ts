import type { Services } from '../../../services.js';
import { authorize, can, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadCategories, loadPerson, type CategoryRow, type PersonRow } from '../../persons/use-cases/get-person.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { personHouseholds, type PersonHouseholdRow } from '../../households/households.queries.js';
import { personConsents, type ConsentRow } from '../../consents/consents.queries.js';
import { categoryTypes, type CategoryType } from '../persons-web.queries.js';

export interface PersonCard {
  person: PersonRow; categories: CategoryRow[]; households: PersonHouseholdRow[]; consents: ConsentRow[];
  categoryTypes: CategoryType[]; canWrite: boolean; canReveal: boolean; revealed?: { field: 'rnokpp' | 'unzr'; value: string };
}

/**
 * The person's card: data, categories with history, households, consents — one audited read.
 * With `reveal`, the full РНОКПП or УНЗР is opened for an actor with `registry.reveal` on this
 * person, and the reveal is audited separately ('person.reveal' with the field).
 */
export async function viewPersonCard(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta;
  reveal?: 'rnokpp' | 'unzr' }): Promise<PersonCard> {
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: actor.userId }, async (c) => {
    const scope = await requirePerson(c, actor, 'registry.read', o.id);
    const audit = { hromadaId, actorId: actor.userId, actorLabel: actor.displayName, entityType: 'person', entityId: o.id,
      ip: o.meta?.ip, requestId: o.meta?.requestId };
    let revealed: PersonCard['revealed'];
    if (o.reveal) {
      authorize(actor, 'registry.reveal', scope);
      const { rows } = await c.query<{ sealed: string | null }>(
        `SELECT ${o.reveal === 'rnokpp' ? 'rnokpp_sealed' : 'unzr_sealed'} AS sealed FROM persons WHERE id = $1`, [o.id]);
      if (!rows[0]?.sealed) throw new AppError('not_found');
      revealed = { field: o.reveal, value: o.services.box.open(rows[0].sealed) };
      await writeAudit(c, { ...audit, action: 'person.reveal', operation: 'read', fields: [o.reveal] });
    }
    const person = (await loadPerson(c, hromadaId, o.id))!;
    const card: PersonCard = {
      person, categories: await loadCategories(c, o.id), households: await personHouseholds(c, o.id),
      consents: await personConsents(c, o.id), categoryTypes: await categoryTypes(c, hromadaId),
      canWrite: can(actor, 'registry.write', scope), canReveal: can(actor, 'registry.reveal', scope), revealed,
    };
    await writeAudit(c, { ...audit, action: 'person.view', operation: 'read',
      fields: ['name', 'birthDate', 'sex', 'identifiersMasked', 'contacts', 'address', 'categories', 'households', 'consents'] });
    return card;
  });
}
