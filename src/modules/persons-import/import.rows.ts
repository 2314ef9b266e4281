import { personInputSchema, type PersonInput } from '../persons/persons.schema.js';
import { normaliseIdentifier } from '../persons/persons.identifiers.js';
import type { Mapping, TargetField } from './import.fields.js';
import { householdCell, type HouseholdCell } from './import.households.js';
import type { NameEncoder } from './import.names.js';
import { settlementKey, text, toIsoDate, toRnokpp, toSex, type Cell } from './import.values.js';

/** One problem of a row: which column (index in the file), and an i18n key with parameters. */
export interface RowIssue {
  rowNo: number;
  column: number | null;
  kind: 'invalid' | 'duplicate' | 'warning' | 'household';
  message: string;
  params?: Record<string, unknown>;
}

/** The hromada's settlements for lookup by name: key → codes (several when a name repeats). */
export type SettlementIndex = {
  codes: Set<string>;
  byName: Map<string, string[]>;
  district: Map<string, number | null>;
};

/**
 * A row mapped to a person: its registry encodings (name tokens, Latin name, the surname's token)
 * and the key of its duplicate checks; or the row's problems. Either way its household cells.
 */
export type ConvertedRow =
  | {
      ok: true;
      rowNo: number;
      input: PersonInput;
      rnokppKey: string | null;
      nameKey: string;
      tokens: string[];
      latin: string;
      surname: string;
      household: HouseholdCell | null;
    }
  | { ok: false; rowNo: number; issues: RowIssue[]; household: HouseholdCell | null };

/** Schema field (path) → the mapped target field whose column is blamed. */
const FIELD_OF: Record<string, TargetField> = {
  lastName: 'lastName',
  firstName: 'firstName',
  patronymic: 'patronymic',
  birthDate: 'birthDate',
  sex: 'sex',
  rnokpp: 'rnokpp',
  rnokppAbsence: 'rnokpp',
  unzr: 'unzr',
  phone: 'phone',
  email: 'email',
  settlementCode: 'settlement',
  street: 'street',
  house: 'house',
  apartment: 'apartment',
  deathDate: 'birthDate',
};

function resolveSettlement(value: string | undefined, index: SettlementIndex): { code?: string; problem?: string } {
  if (!value) return {};
  const code = value.toUpperCase();
  if (/^UA\d{17}$/.test(code))
    return index.codes.has(code) ? { code } : { problem: 'personsImport.issue.settlementOutside' };
  const found = index.byName.get(settlementKey(value)) ?? [];
  if (found.length === 1) return { code: found[0] };
  return {
    problem: found.length > 1 ? 'personsImport.issue.settlementAmbiguous' : 'personsImport.issue.settlementUnknown',
  };
}

/** Maps the cells of one row to a person and validates it with the registry's own schema. */
export function convertRow(
  rowNo: number,
  cells: Cell[],
  mapping: Mapping,
  settlements: SettlementIndex,
  names: NameEncoder,
): ConvertedRow {
  const cell = (f: TargetField): Cell => {
    const at = mapping[f];
    return at === undefined ? undefined : cells[at];
  };
  const issues: RowIssue[] = [];
  const col = (f: TargetField) => mapping[f] ?? null;
  const sex = toSex(cell('sex'));
  if (sex === 'unknown')
    issues.push({ rowNo, column: col('sex'), kind: 'invalid', message: 'personsImport.issue.sex' });
  const place = resolveSettlement(text(cell('settlement')), settlements);
  if (place.problem) issues.push({ rowNo, column: col('settlement'), kind: 'invalid', message: place.problem });
  const raw = {
    lastName: text(cell('lastName')) ?? '',
    firstName: text(cell('firstName')) ?? '',
    patronymic: text(cell('patronymic')),
    birthDate: toIsoDate(cell('birthDate')),
    sex: sex === 'unknown' ? undefined : sex,
    rnokpp: toRnokpp(cell('rnokpp')),
    unzr: text(cell('unzr')),
    phone: text(cell('phone')),
    email: text(cell('email')),
    settlementCode: place.code,
    street: text(cell('street')),
    house: text(cell('house')),
    apartment: text(cell('apartment')),
  };
  const parsed = personInputSchema.safeParse(raw);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const i of parsed.error.issues) {
      const field = FIELD_OF[String(i.path[0] ?? '')] ?? 'lastName';
      if (seen.has(field)) continue;
      seen.add(field);
      issues.push({
        rowNo,
        column: col(field),
        kind: 'invalid',
        message: /^(persons|identity|personsImport)\./.test(i.message) ? i.message : 'personsImport.issue.invalid',
      });
    }
  } else if (!parsed.data.birthDate) {
    issues.push({ rowNo, column: col('birthDate'), kind: 'invalid', message: 'personsImport.issue.birthDateRequired' });
  }
  const household = householdCell(cell('householdKey'), cell('relation'));
  if (issues.length || !parsed.success) return { ok: false, rowNo, issues, household };
  const input = parsed.data;
  // Identity of a person without РНОКПП for duplicate checks: normalised name tokens and birth date.
  const tokens = names.tokens(input.lastName, input.firstName, input.patronymic);
  return {
    ok: true,
    rowNo,
    input,
    rnokppKey: input.rnokpp ? normaliseIdentifier(input.rnokpp) : null,
    nameKey: `${tokens.join(' ')}|${input.birthDate ?? ''}`,
    tokens,
    latin: names.latinName(input.lastName, input.firstName, input.patronymic),
    surname: names.tokens(input.lastName)[0] ?? '',
    household,
  };
}
