import type { PoolClient } from 'pg';
import { isUuid } from '../../platform/ids.js';
import type { RecordScope } from '../../platform/policy.js';
import { hiddenCheck, unlessHidden } from '../../platform/hidden-contacts.js';

/** How a member is related to the head of the household. */
export const MEMBER_RELATIONS = [
  'spouse',
  'child',
  'parent',
  'guardian',
  'ward',
  'sibling',
  'grandparent',
  'grandchild',
  'other',
] as const;
/** Every relation a household row may hold: the head, or a member's relation to the head. */
export const RELATIONS = ['head', ...MEMBER_RELATIONS] as const;
export type Relation = (typeof RELATIONS)[number];

export interface HouseholdRow {
  id: string;
  head_person_id: string | null;
  /** A present member is protected from the reader (decision 0023): the address columns are empty. */
  address_hidden: boolean;
  settlement_code: string | null;
  settlement_name: string | null;
  street: string | null;
  house: string | null;
  apartment: string | null;
  district_id: number | null;
  district_name: string | null;
  created_at: Date;
}
export interface MemberRow {
  person_id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string | null;
  relation: Relation;
  joined_on: string;
  left_on: string | null;
}
export interface PersonHouseholdRow {
  household_id: string;
  relation: Relation;
  joined_on: string;
  left_on: string | null;
  head_last_name: string | null;
  head_first_name: string | null;
  head_patronymic: string | null;
  members: number;
}

/**
 * A household as the reader of the transaction may see it: where a present member is a restricted case's subject
 * and the reader is not on that case's team, the household's address is empty (`address_hidden`, decision 0023).
 */
export async function loadHousehold(c: PoolClient, hromadaId: number, id: string): Promise<HouseholdRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await c.query<HouseholdRow>(
    `SELECT h.id, h.head_person_id, x.hidden AS address_hidden, ${unlessHidden('h.settlement_code')} AS settlement_code,
       s.name AS settlement_name, ${unlessHidden('h.street')} AS street, ${unlessHidden('h.house')} AS house,
       ${unlessHidden('h.apartment')} AS apartment, h.district_id, d.name AS district_name, h.created_at
     FROM households h
       ${hiddenCheck(`EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id
         AND m.left_on IS NULL AND contacts_hidden_for_me(m.person_id))`)}
       LEFT JOIN settlements s ON s.code = ${unlessHidden('h.settlement_code')} LEFT JOIN districts d ON d.id = h.district_id
     WHERE h.id = $1 AND h.hromada_id = $2`,
    [id, hromadaId],
  );
  return rows[0] ?? null;
}

/** Members, present ones first (the head first), then those who left. */
export async function householdMembers(c: PoolClient, householdId: string): Promise<MemberRow[]> {
  const { rows } = await c.query<MemberRow>(
    `SELECT m.person_id, p.last_name, p.first_name, p.patronymic, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, m.relation,
       to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(m.left_on, 'YYYY-MM-DD') AS left_on
     FROM household_members m JOIN persons p ON p.id = m.person_id
     WHERE m.household_id = $1
     ORDER BY m.left_on NULLS FIRST, (m.relation = 'head') DESC, p.birth_date NULLS LAST, p.last_name COLLATE "uk-UA-x-icu"`,
    [householdId],
  );
  return rows;
}

/** Where a household sits for access checks: its district and the agencies serving its present members. */
export async function householdScope(c: PoolClient, hromadaId: number, h: HouseholdRow): Promise<RecordScope> {
  const { rows } = await c.query<{ agencies: number[] }>(
    `SELECT coalesce(array_agg(DISTINCT pa.agency_id), '{}') AS agencies FROM household_members m
     JOIN person_agencies pa ON pa.person_id = m.person_id WHERE m.household_id = $1 AND m.left_on IS NULL`,
    [h.id],
  );
  return { hromadaId, districtId: h.district_id, agencyIds: rows[0]?.agencies ?? [] };
}

/** The households a person belongs or belonged to. */
export async function personHouseholds(c: PoolClient, personId: string): Promise<PersonHouseholdRow[]> {
  const { rows } = await c.query<PersonHouseholdRow>(
    `SELECT m.household_id, m.relation, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(m.left_on, 'YYYY-MM-DD') AS left_on,
       hp.last_name AS head_last_name, hp.first_name AS head_first_name, hp.patronymic AS head_patronymic,
       (SELECT count(*)::int FROM household_members x WHERE x.household_id = m.household_id AND x.left_on IS NULL) AS members
     FROM household_members m JOIN households h ON h.id = m.household_id LEFT JOIN persons hp ON hp.id = h.head_person_id
     WHERE m.person_id = $1 ORDER BY m.left_on NULLS FIRST, m.joined_on DESC`,
    [personId],
  );
  return rows;
}

export interface MembershipRow {
  relation: Relation;
  left_on: string | null;
}
export async function membership(c: PoolClient, householdId: string, personId: string): Promise<MembershipRow | null> {
  const { rows } = await c.query<MembershipRow>(
    `SELECT relation, to_char(left_on, 'YYYY-MM-DD') AS left_on FROM household_members WHERE household_id = $1 AND person_id = $2`,
    [householdId, personId],
  );
  return rows[0] ?? null;
}

/** Relations in which the member belongs to a younger generation than the head, or to an older one. */
const YOUNGER: readonly Relation[] = ['child', 'grandchild', 'ward'];
const OLDER: readonly Relation[] = ['parent', 'grandparent'];

export type RelationWarning = 'memberOlder' | 'memberYounger';

/**
 * A relation that the birth dates contradict: a child (grandchild, ward) born before the head, or a
 * parent (grandparent) born after the head. Unknown dates give no warning; the user may confirm.
 */
export function relationWarning(
  relation: Relation,
  headBirth: string | null,
  memberBirth: string | null,
): RelationWarning | null {
  if (!headBirth || !memberBirth) return null;
  if (YOUNGER.includes(relation) && memberBirth <= headBirth) return 'memberOlder';
  if (OLDER.includes(relation) && memberBirth >= headBirth) return 'memberYounger';
  return null;
}

/** Birth dates (YYYY-MM-DD) of the given persons. */
export async function birthDates(c: PoolClient, ids: string[]): Promise<Map<string, string | null>> {
  const { rows } = await c.query<{ id: string; birth_date: string | null }>(
    `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM persons WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.birth_date]));
}

/** The head of a household (null: none now). */
export async function householdHead(c: PoolClient, householdId: string): Promise<string | null> {
  const { rows } = await c.query<{ head_person_id: string | null }>(
    'SELECT head_person_id FROM households WHERE id = $1',
    [householdId],
  );
  return rows[0]?.head_person_id ?? null;
}

/** Adds a member (again, if they had left: joined today with the new relation). */
export async function joinHousehold(
  c: PoolClient,
  hromadaId: number,
  householdId: string,
  personId: string,
  relation: Relation,
): Promise<void> {
  await c.query(
    `INSERT INTO household_members (hromada_id, household_id, person_id, relation) VALUES ($1, $2, $3, $4)
     ON CONFLICT (household_id, person_id) DO UPDATE SET relation = EXCLUDED.relation, joined_on = current_date, left_on = NULL`,
    [hromadaId, householdId, personId, relation],
  );
}

/** The member leaves today; a leaving head leaves the household without a head. False when not a present member. */
export async function leaveHousehold(c: PoolClient, householdId: string, personId: string): Promise<boolean> {
  const { rowCount } = await c.query(
    `UPDATE household_members SET left_on = current_date WHERE household_id = $1 AND person_id = $2 AND left_on IS NULL`,
    [householdId, personId],
  );
  if (rowCount !== 1) return false;
  await c.query(`UPDATE households SET head_person_id = NULL WHERE id = $1 AND head_person_id = $2`, [
    householdId,
    personId,
  ]);
  return true;
}

/** A new household with the head's registration address and district, and its members (the head first); its id. */
export async function insertHousehold(
  c: PoolClient,
  hromadaId: number,
  userId: string,
  headPersonId: string,
  members: { personId: string; relation: Relation }[],
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO households (hromada_id, head_person_id, settlement_code, street, house, apartment, district_id, created_by)
     SELECT hromada_id, id, reg_settlement_code, reg_street, reg_house, reg_apartment, district_id, $3
     FROM persons WHERE id = $1 AND hromada_id = $2 RETURNING id`,
    [headPersonId, hromadaId, userId],
  );
  const id = rows[0].id;
  await c.query(
    `INSERT INTO household_members (hromada_id, household_id, person_id, relation)
     SELECT $1, $2, unnest($3::uuid[]), unnest($4::text[])`,
    [hromadaId, id, [headPersonId, ...members.map((m) => m.personId)], ['head', ...members.map((m) => m.relation)]],
  );
  return id;
}

/** The ids of the households a person belongs or belonged to (present ones first, latest first). */
export async function personHouseholdIds(c: PoolClient, personId: string): Promise<string[]> {
  const { rows } = await c.query<{ household_id: string }>(
    `SELECT household_id FROM household_members WHERE person_id = $1 ORDER BY left_on NULLS FIRST, joined_on DESC`,
    [personId],
  );
  return rows.map((r) => r.household_id);
}
