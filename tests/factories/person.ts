import type { TestApp } from '../helpers/app.js';
import { registerPerson } from '../../src/modules/persons/use-cases/register-person.js';
import type { PersonInput } from '../../src/modules/persons/persons.schema.js';
import { staffActor } from './staff.js';

export type PersonOptions = Partial<PersonInput> & {
  /** The hromada (the demo hromada by default); registered by its first staff member with a grant there. */
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
  const input = { lastName: 'Тестенко', firstName: 'Марія', ...fields } as PersonInput;
  const r = await registerPerson({ services: t.services, actor, confirm: true, input });
  if (r.kind !== 'created') throw new Error('person not created');
  return r.id;
}

async function registrar(t: TestApp, hromadaId: number | undefined, by: string | undefined) {
  if (hromadaId === undefined || by !== undefined) return staffActor(t, { username: by ?? 'worker', hromadaId });
  // Another hromada: its first worker or manager, or (a new hromada has no staff) the demo worker acting there.
  const { rows } = await t.owner<{ user_id: string }>(
    `SELECT user_id FROM grants WHERE hromada_id = $1 AND role IN ('worker', 'manager') ORDER BY id LIMIT 1`, [hromadaId]);
  const actor = await staffActor(t, rows[0] ? { userId: rows[0].user_id, hromadaId } : { hromadaId });
  return rows[0] ? actor
    : { ...actor, grants: [{ id: 0, hromadaId, role: 'worker' as const, agencyId: null, districtId: null }] };
}
