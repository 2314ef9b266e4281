import type { PoolClient } from 'pg';
import type { Services } from '../src/services.js';
import { makeRnokpp, transliterate } from '../src/modules/persons/identity/index.js';
import { sealIdentifier } from '../src/modules/persons/persons.identifiers.js';
import { nameTokens } from '../src/modules/persons/persons.tokens.js';
import {
  FEMALE_NAMES,
  MALE_NAMES,
  feminineSurname,
  harmonicIndex,
  patronymic,
  seededRandom,
  surnameVocabulary,
} from './data/names.js';

export interface GeneratedPerson {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: 'female' | 'male';
  rnokpp: string | null;
  settlementCode: string;
}

const CATEGORY_SHARE: [string, number][] = [
  ['idp', 0.06],
  ['disability_2', 0.03],
  ['disability_3', 0.03],
  ['disability_1', 0.01],
  ['veteran', 0.04],
  ['elderly_alone', 0.02],
  ['large_family', 0.02],
  ['difficult_circumstances', 0.01],
];

/**
 * Realistic persons: surnames with a long tail (the most common ≈ 0.5 %), given names and
 * patronymics by frequency, ages 0–95, 85 % with a РНОКПП (children and refusals without),
 * addresses over the hromada's real settlements (the town holding most people).
 */
export function* generatePersons(n: number, settlements: string[], seed = 1): Generator<GeneratedPerson> {
  const rnd = seededRandom(seed);
  const surnames = surnameVocabulary();
  const town = settlements[0];
  const serials = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const sex = rnd() < 0.54 ? 'female' : 'male';
    const base = surnames[harmonicIndex(surnames.length, rnd)];
    const age = Math.floor(rnd() * 96);
    const year = 2026 - age;
    const birthDate = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const key = `${birthDate}:${sex}`;
    const serial = serials.get(key) ?? Math.floor(rnd() * 100);
    serials.set(key, serial + 1);
    yield {
      lastName: sex === 'female' ? feminineSurname(base) : base,
      firstName: (sex === 'male' ? MALE_NAMES : FEMALE_NAMES)[harmonicIndex(MALE_NAMES.length, rnd, 6)],
      patronymic: patronymic(MALE_NAMES[harmonicIndex(MALE_NAMES.length, rnd, 6)], sex),
      birthDate,
      sex,
      rnokpp: age >= 14 && rnd() < 0.85 && serial < 5000 ? makeRnokpp(birthDate, sex, serial) : null,
      settlementCode: rnd() < 0.6 ? town : settlements[1 + Math.floor(rnd() * (settlements.length - 1))],
    };
  }
}

/**
 * Bulk insert through the registry's own encodings (sealed identifiers, keyed hashes, name
 * tokens, vocabulary) in one statement per batch. Returns the ids in input order.
 */
export async function insertPersonsBatch(
  c: PoolClient,
  services: Services,
  hromadaId: number,
  districtOf: Map<string, number | null>,
  batch: GeneratedPerson[],
  rnd: () => number,
): Promise<string[]> {
  const cols: unknown[][] = Array.from({ length: 12 }, () => []);
  const vocab = new Set<string>();
  for (const p of batch) {
    const r = p.rnokpp ? sealIdentifier(services, 'rnokpp', p.rnokpp) : null;
    const tokens = nameTokens(p.lastName, p.firstName, p.patronymic);
    tokens.forEach((tk) => vocab.add(tk));
    [
      p.lastName,
      p.firstName,
      p.patronymic,
      transliterate(`${p.lastName} ${p.firstName} ${p.patronymic}`),
      p.birthDate,
      p.sex,
      r?.sealed ?? null,
      r?.hash ?? null,
      r?.mask ?? null,
      p.settlementCode,
      districtOf.get(p.settlementCode) ?? null,
      `{${tokens.join(',')}}`,
    ].forEach((v, i) => cols[i].push(v));
  }
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO persons (hromada_id, last_name, first_name, patronymic, latin_name, birth_date, sex, rnokpp_sealed, rnokpp_hash,
       rnokpp_mask, rnokpp_absence, reg_settlement_code, act_settlement_code, district_id, name_tokens)
     SELECT $1, a, b, c, d, e::date, f, g, h, i, CASE WHEN h IS NULL THEN 'none' END, l, l, m::int, n::text[]
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::text[]) AS x(a, b, c, d, e, f, g, h, i, l, m, n)
     RETURNING id`,
    [hromadaId, ...cols],
  );
  await c.query('INSERT INTO name_tokens (hromada_id, token) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [
    hromadaId,
    [...vocab],
  ]);
  const cats: [string, string][] = [];
  for (const { id } of rows) for (const [code, share] of CATEGORY_SHARE) if (rnd() < share) cats.push([id, code]);
  if (cats.length) {
    await c.query(
      `INSERT INTO person_categories (hromada_id, person_id, code, valid_from) SELECT $1, unnest($2::uuid[]), unnest($3::text[]), current_date - 365`,
      [hromadaId, cats.map((x) => x[0]), cats.map((x) => x[1])],
    );
  }
  return rows.map((r) => r.id);
}

/** A typo: one letter replaced by a similar one, or dropped, or two swapped. */
export function typo(word: string, rnd: () => number): string {
  const i = 1 + Math.floor(rnd() * Math.max(1, word.length - 2));
  const swaps: Record<string, string> = { е: 'и', и: 'е', о: 'а', а: 'о', і: 'и', ч: 'ш', к: 'г', н: 'м', р: 'л' };
  const kind = rnd();
  if (kind < 0.5) return word.slice(0, i) + (swaps[word[i]] ?? 'а') + word.slice(i + 1);
  if (kind < 0.8) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

/**
 * The registry benchmark's name searches over sampled persons, `n` of them: a typo in the surname or the
 * given name, Latin input, reordered words with the patronymic. `id` is the person meant.
 */
export function nameSearchQueries(
  samples: Pick<GeneratedPerson & { id: string }, 'id' | 'lastName' | 'firstName' | 'patronymic'>[],
  n: number,
  rnd: () => number,
): { q: string; id: string }[] {
  return Array.from({ length: n }, (_, k) => {
    const p = samples[k % samples.length];
    switch (k % 4) {
      case 0:
        return { q: `${typo(p.lastName, rnd)} ${p.firstName}`, id: p.id };
      case 1:
        return { q: transliterate(`${p.lastName} ${p.firstName}`), id: p.id };
      case 2:
        return { q: `${p.firstName} ${typo(p.lastName, rnd)} ${p.patronymic}`, id: p.id };
      default:
        return { q: `${p.lastName} ${typo(p.firstName, rnd)}`, id: p.id };
    }
  });
}
