import type { Services } from '../../services.js';
import type { TenantWork } from '../../platform/use-case.js';
import { displayDate } from '../../platform/dates.js';
import { searchPersons } from './use-cases/search-persons.js';

/** A registry person offered to choose from: who they are in a line. */
export interface PersonChoice {
  id: string;
  name: string;
  detail: string;
}

/** The first ten registry persons matching `q` within the actor's reach (the registry's own search, audited there). */
export async function findPeople(w: TenantWork & { services: Services }, q: string): Promise<PersonChoice[]> {
  const page = await searchPersons({
    services: w.services,
    actor: w.actor,
    tx: w.c,
    audit: w.audit,
    q,
    filters: {},
    limit: 10,
    offset: 0,
  });
  return page.items.map((p) => ({
    id: p.id,
    name: [p.last_name, p.first_name, p.patronymic].filter(Boolean).join(' '),
    detail: [displayDate(p.birth_date), p.settlement_name].filter(Boolean).join(', '),
  }));
}
