import type { Queryable } from '../../platform/db.js';
import type { Who } from '../../platform/policy.js';

export const REFERRAL_KINDS = ['case', 'service', 'transfer'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const REFERRAL_SECTIONS = ['identity', 'contacts', 'address', 'caseInfo'] as const;
export type ReferralSection = (typeof REFERRAL_SECTIONS)[number];
export const LAW_GROUNDS = ['threat_to_life', 'violence', 'child_at_risk'] as const;
export type LawGround = (typeof LAW_GROUNDS)[number];
export type ReferralBasis = 'consent' | 'law' | 'override';
export type ReferralStatus = 'sent' | 'accepted' | 'declined';

/** What a referral shares: the chosen sections only, as they were when it was sent. */
export interface SharedData {
  identity?: { name: string; birthDate: string | null };
  contacts?: { phone: string | null; email: string | null };
  address?: string | null;
  caseInfo?: { number: string; type: string; priority: string; opened: string };
}

/** The person whose data a case is about: the person, or the head of the household. */
export interface Subject {
  id: string;
  name: string;
  birth_date: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export async function caseSubject(c: Queryable, hromadaId: number, caseId: string): Promise<Subject | null> {
  const { rows } = await c.query<Subject>(
    `SELECT p.id, concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS name,
       to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.phone, p.email,
       nullif(concat_ws(', ', s.name, p.reg_street, nullif(concat_ws(', кв. ', p.reg_house, p.reg_apartment), '')), '') AS address
     FROM cases k LEFT JOIN households h ON h.hromada_id = k.hromada_id AND h.id = k.household_id
     JOIN persons p ON p.hromada_id = k.hromada_id AND p.id = coalesce(k.person_id, h.head_person_id)
     LEFT JOIN settlements s ON s.code = p.reg_settlement_code
     WHERE k.hromada_id = $1 AND k.id = $2`,
    [hromadaId, caseId],
  );
  return rows[0] ?? null;
}

/** The person's consents in force (given, not withdrawn) on the legal basis of consent. */
export async function activeConsents(
  c: Queryable,
  hromadaId: number,
  personId: string,
): Promise<{ id: string; purpose: string; scope: string; given_on: string }[]> {
  const { rows } = await c.query<{ id: string; purpose: string; scope: string; given_on: string }>(
    `SELECT id, purpose, scope, to_char(given_on, 'YYYY-MM-DD') AS given_on FROM consents
     WHERE hromada_id = $1 AND person_id = $2 AND withdrawn_on IS NULL AND legal_basis = 'consent'
     ORDER BY given_on DESC, recorded_at DESC`,
    [hromadaId, personId],
  );
  return rows;
}

/** The hromada's agencies (providers and others) a referral may go to. */
export async function referralAgencies(c: Queryable, hromadaId: number): Promise<{ id: number; name: string }[]> {
  const { rows } = await c.query<{ id: number; name: string }>(
    'SELECT id, name FROM agencies WHERE hromada_id = $1 ORDER BY name COLLATE "uk-UA-x-icu"',
    [hromadaId],
  );
  return rows;
}

export interface NewReferral {
  hromadaId: number;
  caseId: string;
  kind: ReferralKind;
  toAgencyId: number | null;
  toUserId: string | null;
  purpose: string;
  sections: ReferralSection[];
  shared: SharedData;
  basis: ReferralBasis;
  consentId: string | null;
  lawGround: LawGround | null;
  basisReason: string | null;
  by: Who;
}

export async function insertReferral(c: Queryable, r: NewReferral): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO case_referrals (hromada_id, case_id, kind, to_agency_id, to_user_id, purpose, sections, shared, basis,
       consent_id, law_ground, basis_reason, sent_by, sent_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      r.hromadaId,
      r.caseId,
      r.kind,
      r.toAgencyId,
      r.toUserId,
      r.purpose,
      r.sections,
      JSON.stringify(r.shared),
      r.basis,
      r.consentId,
      r.lawGround,
      r.basisReason,
      r.by.userId,
      r.by.displayName,
    ],
  );
  return rows[0].id;
}

export interface ReferralRow {
  id: string;
  case_id: string;
  case_number: string;
  case_restricted: boolean;
  kind: ReferralKind;
  to_agency_id: number | null;
  to_user_id: string | null;
  recipient: string;
  purpose: string;
  sections: ReferralSection[];
  shared: SharedData;
  basis: ReferralBasis;
  law_ground: LawGround | null;
  basis_reason: string | null;
  consent_purpose: string | null;
  status: ReferralStatus;
  decided_at: Date | null;
  decided_label: string | null;
  decision_reason: string | null;
  result_case_id: string | null;
  sent_label: string;
  sent_at: Date;
}

const SELECT_REFERRAL = `SELECT r.id, r.case_id, k.number AS case_number, k.restricted AS case_restricted, r.kind,
    r.to_agency_id, r.to_user_id, coalesce(g.name, u.display_name) AS recipient, r.purpose, r.sections, r.shared,
    r.basis, r.law_ground, r.basis_reason, cn.purpose AS consent_purpose, r.status, r.decided_at, r.decided_label,
    r.decision_reason, r.result_case_id, r.sent_label, r.sent_at
  FROM case_referrals r
  JOIN cases k ON k.hromada_id = r.hromada_id AND k.id = r.case_id
  LEFT JOIN agencies g ON g.hromada_id = r.hromada_id AND g.id = r.to_agency_id
  LEFT JOIN users u ON u.id = r.to_user_id
  LEFT JOIN consents cn ON cn.hromada_id = r.hromada_id AND cn.id = r.consent_id`;

export async function loadReferral(
  c: Queryable,
  hromadaId: number,
  id: string,
  lock = false,
): Promise<ReferralRow | null> {
  if (lock) await c.query('SELECT 1 FROM case_referrals WHERE hromada_id = $1 AND id = $2 FOR UPDATE', [hromadaId, id]);
  const { rows } = await c.query<ReferralRow>(`${SELECT_REFERRAL} WHERE r.hromada_id = $1 AND r.id = $2`, [
    hromadaId,
    id,
  ]);
  return rows[0] ?? null;
}

/** The referrals sent from a case, the latest first. */
export async function caseReferrals(c: Queryable, hromadaId: number, caseId: string): Promise<ReferralRow[]> {
  const { rows } = await c.query<ReferralRow>(
    `${SELECT_REFERRAL} WHERE r.hromada_id = $1 AND r.case_id = $2 ORDER BY r.sent_at DESC`,
    [hromadaId, caseId],
  );
  return rows;
}

/** A page of the referrals addressed to the account or to its agencies, waiting ones first, with the total. */
export async function incomingReferrals(
  c: Queryable,
  hromadaId: number,
  to: { userId: string; agencyIds: number[] },
  status: ReferralStatus | null,
  limit: number,
  offset: number,
): Promise<{ rows: ReferralRow[]; total: number }> {
  const where = `r.hromada_id = $1 AND (r.to_user_id = $2 OR r.to_agency_id = ANY($3::int[]))
    AND ($4::text IS NULL OR r.status = $4)`;
  const params = [hromadaId, to.userId, to.agencyIds, status];
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_referrals r WHERE ${where}`, params);
  const { rows } = await c.query<ReferralRow>(
    `${SELECT_REFERRAL} WHERE ${where} ORDER BY r.status <> 'sent', r.sent_at DESC LIMIT $5 OFFSET $6`,
    [...params, limit, offset],
  );
  return { rows, total: total.rows[0].n };
}

/** How many referrals wait for the account's or its agencies' answer (the staff home's counter). */
export async function countIncomingReferrals(
  c: Queryable,
  hromadaId: number,
  to: { userId: string; agencyIds: number[] },
): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM case_referrals r WHERE r.hromada_id = $1 AND r.status = 'sent'
       AND (r.to_user_id = $2 OR r.to_agency_id = ANY($3::int[]))`,
    [hromadaId, to.userId, to.agencyIds],
  );
  return rows[0].n;
}

export async function decideReferral(
  c: Queryable,
  hromadaId: number,
  id: string,
  d: { status: 'accepted' | 'declined'; by: Who; reason: string | null; resultCaseId: string | null },
): Promise<void> {
  await c.query(
    `UPDATE case_referrals SET status = $3, decided_at = now(), decided_by = $4, decided_label = $5,
       decision_reason = $6, result_case_id = $7
     WHERE hromada_id = $1 AND id = $2 AND status = 'sent'`,
    [hromadaId, id, d.status, d.by.userId, d.by.displayName, d.reason, d.resultCaseId],
  );
}

/** Hands the management of a case to another member of staff; the former manager stays on the team as a member. */
export async function transferManagement(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  from: string,
  to: string,
): Promise<void> {
  await c.query(
    'UPDATE cases SET manager_id = $3, version = version + 1, updated_at = now() WHERE hromada_id = $1 AND id = $2',
    [hromadaId, caseId, to],
  );
  await c.query(
    "UPDATE case_team SET role = 'member' WHERE hromada_id = $1 AND case_id = $2 AND user_id = $3 AND removed_at IS NULL",
    [hromadaId, caseId, from],
  );
  // The new manager joins the team (or, on it already, becomes its manager).
  await c.query(
    `UPDATE case_team SET role = 'manager' WHERE hromada_id = $1 AND case_id = $2 AND user_id = $3 AND removed_at IS NULL`,
    [hromadaId, caseId, to],
  );
  await c.query(
    `INSERT INTO case_team (hromada_id, case_id, user_id, role, agency_kind, case_role, added_by)
     SELECT $1, $2, $3, 'manager', 'social_service', NULL, $3
     WHERE NOT EXISTS (SELECT 1 FROM case_team WHERE hromada_id = $1 AND case_id = $2 AND user_id = $3 AND removed_at IS NULL)`,
    [hromadaId, caseId, to],
  );
}

/** Marks a case as opened from an accepted referral. */
export async function linkCaseToReferral(c: Queryable, hromadaId: number, caseId: string, referralId: string) {
  await c.query('UPDATE cases SET referral_id = $3 WHERE hromada_id = $1 AND id = $2', [hromadaId, caseId, referralId]);
}
