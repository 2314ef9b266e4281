import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import { requirePerson } from '../../persons/persons.policy.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import type { CreateHouseholdInput } from '../households.schema.js';
import { birthDates, relationWarning } from '../households.queries.js';
import { AppError } from '../../../platform/errors.js';
import { householdAudit } from './household-access.js';

export interface CreateHouseholdOptions { services: Services; actor: Actor | null; input: CreateHouseholdInput; meta?: RequestMeta }

export async function createHousehold(o: CreateHouseholdOptions): Promise<string> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId!, userId: actor.userId }, (c) => createHouseholdIn(c, o));
}

/**
 * Creates a household headed by a person (write access to the head needed), with the head's
 * registration address and district, and the other members (each must be visible to the actor).
 */
export async function createHouseholdIn(c: PoolClient, o: CreateHouseholdOptions): Promise<string> {
  authorize(o.actor, 'registry.write');
  const actor = o.actor;
  const hromadaId = actor.hromadaId!;
  const { headPersonId, members } = o.input;
  await requirePerson(c, actor, 'registry.write', headPersonId);
  for (const m of members) await requirePerson(c, actor, 'registry.read', m.personId);
  if (!o.input.confirm && members.length) {
    // Relations the birth dates contradict are refused until confirmed (as on the household page).
    const dates = await birthDates(c, [headPersonId, ...members.map((m) => m.personId)]);
    const warnings = members.flatMap((m) => {
      const w = relationWarning(m.relation, dates.get(headPersonId) ?? null, dates.get(m.personId) ?? null);
      return w ? [{ personId: m.personId, warning: w }] : [];
    });
    if (warnings.length) {
      throw new AppError('conflict', { messageKey: 'households.v.relationNeedsConfirmation', details: { needsConfirmation: true, warnings } });
    }
  }
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO households (hromada_id, head_person_id, settlement_code, street, house, apartment, district_id, created_by)
     SELECT hromada_id, id, reg_settlement_code, reg_street, reg_house, reg_apartment, district_id, $3
     FROM persons WHERE id = $1 AND hromada_id = $2 RETURNING id`, [headPersonId, hromadaId, actor.userId]);
  const id = rows[0].id;
  await c.query(
    `INSERT INTO household_members (hromada_id, household_id, person_id, relation)
     SELECT $1, $2, unnest($3::uuid[]), unnest($4::text[])`,
    [hromadaId, id, [headPersonId, ...members.map((m) => m.personId)], ['head', ...members.map((m) => m.relation)]]);
  await writeAudit(c, householdAudit(actor, id, 'household.create', 'write', ['head', 'address', 'members'], o.meta,
    `members:${members.length + 1}`));
  return id;
}
