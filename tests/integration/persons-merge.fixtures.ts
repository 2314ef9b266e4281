import type { TestApp } from '../helpers/app.js';
import type { Actor, Role } from '../../src/platform/policy.js';
import { DEMO_HROMADA, demoHromadaId, household, newHromada, staffActor, type Relation } from '../factories/index.js';
import { sealIdentifier } from '../../src/modules/persons/persons.identifiers.js';
import { nameTokens } from '../../src/modules/persons/persons.tokens.js';
import { transliterate } from '../../src/modules/persons/identity/index.js';

/** Test data for the merge and subject-report tests, written as the database owner. */

export { DEMO_HROMADA };

export async function hromadaId(t: TestApp): Promise<number> {
  return demoHromadaId(t);
}

/** A second active hromada (another tenant). */
export async function otherHromada(t: TestApp): Promise<number> {
  return (await newHromada(t)).id;
}

export interface PersonSpec {
  lastName: string;
  firstName: string;
  patronymic?: string | null;
  birthDate?: string | null;
  sex?: 'female' | 'male';
  rnokpp?: string;
  unzr?: string;
  phone?: string;
  email?: string;
  settlementCode?: string;
  street?: string;
  house?: string;
}

export async function buildPerson(t: TestApp, hromada: number, p: PersonSpec): Promise<string> {
  const rnokpp = p.rnokpp ? sealIdentifier(t.services, 'rnokpp', p.rnokpp) : null;
  const unzr = p.unzr ? sealIdentifier(t.services, 'unzr', p.unzr) : null;
  const tokens = nameTokens(p.lastName, p.firstName, p.patronymic);
  const { rows } = await t.owner<{ id: string }>(
    `INSERT INTO persons (hromada_id, last_name, first_name, patronymic, latin_name, birth_date, sex, rnokpp_sealed, rnokpp_hash,
       rnokpp_mask, unzr_sealed, unzr_hash, unzr_mask, phone, email, reg_settlement_code, reg_street, reg_house,
       act_settlement_code, act_street, act_house, name_tokens)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $16, $17, $18, $19) RETURNING id`,
    [
      hromada,
      p.lastName,
      p.firstName,
      p.patronymic ?? null,
      transliterate([p.lastName, p.firstName, p.patronymic].filter(Boolean).join(' ')),
      p.birthDate ?? null,
      p.sex ?? null,
      rnokpp?.sealed ?? null,
      rnokpp?.hash ?? null,
      rnokpp?.mask ?? null,
      unzr?.sealed ?? null,
      unzr?.hash ?? null,
      unzr?.mask ?? null,
      p.phone ?? null,
      p.email ?? null,
      p.settlementCode ?? null,
      p.street ?? null,
      p.house ?? null,
      tokens,
    ],
  );
  await t.owner('INSERT INTO name_tokens (hromada_id, token) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [
    hromada,
    tokens,
  ]);
  return rows[0].id;
}

export async function addDocument(t: TestApp, hromada: number, personId: string, number: string, kind = 'id_card') {
  const s = sealIdentifier(t.services, 'document', number);
  await t.owner(
    `INSERT INTO person_documents (hromada_id, person_id, kind, number_sealed, number_hash, number_mask, issuer, issued_on)
     VALUES ($1, $2, $3, $4, $5, $6, '1234', '2020-02-03')`,
    [hromada, personId, kind, s.sealed, s.hash, s.mask],
  );
}

export async function addCategory(t: TestApp, hromada: number, personId: string, code: string, ended = false) {
  await t.owner(
    `INSERT INTO person_categories (hromada_id, person_id, code, valid_from, evidence, ended_at)
     VALUES ($1, $2, $3, '2023-01-01', 'довідка', $4)`,
    [hromada, personId, code, ended ? new Date() : null],
  );
}

export async function addConsent(t: TestApp, hromada: number, personId: string, withdrawn = false) {
  await t.owner(
    `INSERT INTO consents (hromada_id, person_id, purpose, legal_basis, scope, text_version, given_on, withdrawn_on)
     VALUES ($1, $2, 'Соціальний захист', 'Згода особи', 'Реєстр', 'v1', '2024-01-10', $3)`,
    [hromada, personId, withdrawn ? '2024-06-01' : null],
  );
}

export async function addHousehold(
  t: TestApp,
  hromada: number,
  members: [string, Relation][],
  head?: string,
): Promise<string> {
  return household(t, {
    hromadaId: hromada,
    headPersonId: head ?? null,
    members,
    settlementCode: null,
    street: 'вул. Миру',
    house: '7',
    apartment: null,
    districtId: null,
  });
}

export async function addAgency(t: TestApp, hromada: number, personId: string, name: string) {
  const a = (
    await t.owner<{ id: number }>(
      `INSERT INTO agencies (hromada_id, name) VALUES ($1, $2) ON CONFLICT (hromada_id, name) DO UPDATE SET name = EXCLUDED.name
     RETURNING id`,
      [hromada, name],
    )
  ).rows[0].id;
  await t.owner('INSERT INTO person_agencies (hromada_id, person_id, agency_id) VALUES ($1, $2, $3)', [
    hromada,
    personId,
    a,
  ]);
}

/** An actor as the app builds it (the demo user's real grant, which has the role), for calling use-cases directly. */
export async function actorFor(t: TestApp, username: string, role: Role): Promise<Actor> {
  const actor = await staffActor(t, { username });
  if (!actor.grants.some((g) => g.role === role)) throw new Error(`${username} is not ${role}`);
  return actor;
}
