import type { TestApp } from '../helpers/app.js';
import { registerPerson } from '../../src/modules/persons/use-cases/register-person.js';
import type { PersonInput } from '../../src/modules/persons/persons.schema.js';
import { staffActor } from './staff.js';
import { demoHromadaId } from './hromada.js';

export type PersonOptions = Partial<PersonInput> & {
  /** The hromada (the demo hromada by default); the demo worker, or the hromada's own first worker, registers. */
  hromadaId?: number;
  /** Who registers the person (a demo username; `worker` by default in the demo hromada). */
  by?: string;
};

/**
 * A person registered in the registry as the registry pages do (the register-person use-case: name tokens,
 * transliteration, the district of the settlement, sealed identifiers, the audit entry), without the
 * similar-person question. Returns the person's id.
 */
export async function person(t: TestApp, o: PersonOptions = {}): Promise<string> {
  const { hromadaId, by, ...fields } = o;
  const actor = await registrar(t, hromadaId, by);
  const input: PersonInput = { lastName: 'Тестенко', firstName: 'Марія', ...fields };
  const r = await registerPerson({ services: t.services, actor, confirm: true, input });
  if (r.kind !== 'created') throw new Error('person not created');
  return r.id;
}

async function registrar(t: TestApp, hromadaId: number | undefined, by: string | undefined) {
  if (by !== undefined) return staffActor(t, { username: by, hromadaId });
  const h = hromadaId ?? (await demoHromadaId(t));
  // The demo worker, else the hromada's first worker or manager with a hromada-wide grant.
  const { rows } = await t.owner<{ user_id: string }>(
    `SELECT g.user_id FROM grants g JOIN users u ON u.id = g.user_id
     WHERE g.hromada_id = $1 AND g.role IN ('worker', 'manager') AND g.district_id IS NULL AND g.agency_id IS NULL
     ORDER BY u.username = 'worker' DESC, g.role = 'worker' DESC, g.id LIMIT 1`,
    [h],
  );
  if (rows[0]) return staffActor(t, { userId: rows[0].user_id, hromadaId: h });
  // A new hromada has no staff yet: the demo worker registers there with a worker's grant of that hromada.
  const actor = await staffActor(t, { hromadaId: h });
  return { ...actor, grants: [{ id: 0, hromadaId: h, role: 'worker' as const, agencyId: null, districtId: null }] };
}
