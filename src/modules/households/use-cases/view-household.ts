import type { PoolClient } from 'pg';
import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { writeAudit } from '../../../platform/audit.js';
import type { RequestMeta } from '../../persons/use-cases/register-person.js';
import { householdMembers, type HouseholdRow, type MemberRow } from '../households.queries.js';
import { householdAudit, requireHousehold } from './household-access.js';

export interface HouseholdView { household: HouseholdRow; members: MemberRow[]; canWrite: boolean }

export async function viewHousehold(o: { services: Services; actor: Actor | null; id: string; meta?: RequestMeta }): Promise<HouseholdView> {
  authorize(o.actor, 'registry.read');
  const actor = o.actor;
  return o.services.db.tx({ hromadaId: actor.hromadaId!, userId: actor.userId }, (c) => viewHouseholdIn(c, actor, o.id, o.meta));
}

/** One household with its members (present and former); the read is audited. */
export async function viewHouseholdIn(c: PoolClient, actor: Actor, id: string, meta?: RequestMeta): Promise<HouseholdView> {
  const { household, canWrite } = await requireHousehold(c, actor, 'registry.read', id);
  const members = await householdMembers(c, id);
  await writeAudit(c, householdAudit(actor, id, 'household.view', 'read', ['address', 'members'], meta));
  return { household, members, canWrite };
}
