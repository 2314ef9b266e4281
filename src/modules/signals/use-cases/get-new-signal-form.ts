import { AppError } from '../../../platform/errors.js';
import { can } from '../../../platform/policy.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { requirePerson } from '../../persons/persons.policy.js';
import { loadPerson } from '../../persons/persons.queries.js';
import { findPeople, type PersonChoice } from '../../persons/person-choices.js';

export interface NewSignalForm {
  /** The registry person chosen, in words. */
  person: { id: string; name: string } | null;
  /** Registry persons matching the search, to choose from (null: no search asked, or the role cannot search). */
  found: PersonChoice[] | null;
  canSearch: boolean;
}

/** What the new-signal form shows: the chosen registry person (a read, audited) or a registry search's matches. */
export async function getNewSignalForm(o: UseCase<{ personId?: string; q?: string }>): Promise<NewSignalForm> {
  return inTenant(o, 'signals.register', async (work) => {
    const { c, actor, hromadaId, audit } = work;
    const canSearch = can(actor, 'registry.read');
    let person: NewSignalForm['person'] = null;
    if (o.personId) {
      await requirePerson(c, actor, 'registry.read', o.personId);
      const p = await loadPerson(c, hromadaId, o.personId);
      if (!p) throw new AppError('not_found');
      person = { id: p.id, name: [p.last_name, p.first_name, p.patronymic].filter(Boolean).join(' ') };
      await audit({ action: 'signal.form', operation: 'read', entityType: 'person', entityId: p.id, fields: ['name'] });
    }
    const found = canSearch && o.q ? await findPeople({ ...work, services: o.services }, o.q) : null;
    return { person, found, canSearch };
  });
}
