import type { TestApp } from '../helpers/app.js';

export type Relation =
  'head' | 'spouse' | 'child' | 'parent' | 'guardian' | 'ward' | 'sibling' | 'grandparent' | 'grandchild' | 'other';

export interface HouseholdOptions {
  /** The head (a member with relation `head`); the household takes the head's address and district, as the app does. */
  headPersonId?: string | null;
  /** The other members and their relation to the head (the head listed here keeps the relation given). */
  members?: [personId: string, relation: Relation][];
  /** The hromada (default: the head's, else the first member's). */
  hromadaId?: number;
  /** Instead of the head's address and district (`null`: none). */
  settlementCode?: string | null;
  street?: string | null;
  house?: string | null;
  apartment?: string | null;
  districtId?: number | null;
}

const pick = <T>(given: T | null | undefined, fromHead: T | null | undefined): T | null =>
  given !== undefined ? given : (fromHead ?? null);

/** A household with its members, written as the create-household use-case writes it (no audit entry). */
export async function household(t: TestApp, o: HouseholdOptions = {}): Promise<string> {
  const members = o.members ?? [];
  const first = o.headPersonId ?? members[0]?.[0];
  const from = first
    ? (
        await t.owner<{
          hromada_id: number;
          reg_settlement_code: string | null;
          reg_street: string | null;
          reg_house: string | null;
          reg_apartment: string | null;
          district_id: number | null;
        }>(
          `SELECT hromada_id, reg_settlement_code, reg_street, reg_house, reg_apartment, district_id
       FROM persons WHERE id = $1`,
          [first],
        )
      ).rows[0]
    : undefined;
  const hromadaId = o.hromadaId ?? from?.hromada_id;
  if (hromadaId === undefined) throw new Error('household: give a member or hromadaId');
  const head = o.headPersonId ? from : undefined;
  const id = (
    await t.owner<{ id: string }>(
      `INSERT INTO households (hromada_id, head_person_id, settlement_code, street, house, apartment, district_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        hromadaId,
        o.headPersonId ?? null,
        pick(o.settlementCode, head?.reg_settlement_code),
        pick(o.street, head?.reg_street),
        pick(o.house, head?.reg_house),
        pick(o.apartment, head?.reg_apartment),
        pick(o.districtId, head?.district_id),
      ],
    )
  ).rows[0].id;
  const headListed = members.some(([personId]) => personId === o.headPersonId);
  const all: [string, Relation][] = o.headPersonId && !headListed ? [[o.headPersonId, 'head'], ...members] : members;
  for (const [personId, relation] of all) {
    await t.owner(
      'INSERT INTO household_members (hromada_id, household_id, person_id, relation) VALUES ($1, $2, $3, $4)',
      [hromadaId, id, personId, relation],
    );
  }
  return id;
}
