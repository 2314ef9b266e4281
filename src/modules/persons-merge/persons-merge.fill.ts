import { transliterate } from '../persons/identity/index.js';

/** A person row as JSON (`to_jsonb(p)`): dates are 'YYYY-MM-DD' strings, ids numbers or strings. */
export type PersonJson = Record<string, string | number | boolean | null | string[]>;
export type JsonValue = string | number | boolean | null;

/** One survivor column changed by a merge: its value before and the value the merge set. */
export interface FilledField {
  before: JsonValue;
  after: JsonValue;
}

/**
 * Groups of columns copied from the merged record into the survivor when all of the group's
 * columns are empty in the survivor (an address or an identifier moves as a whole). `clear`:
 * survivor columns that must be emptied with the fill (a reason for a missing РНОКПП);
 * `unlessSet`: the group is skipped when any of these is set in the survivor.
 */
const FILL_GROUPS: { columns: string[]; clear?: string[]; unlessSet?: string[] }[] = [
  { columns: ['patronymic'] },
  { columns: ['birth_date'] },
  { columns: ['sex'] },
  { columns: ['rnokpp_sealed', 'rnokpp_hash', 'rnokpp_mask'], clear: ['rnokpp_absence'] },
  { columns: ['rnokpp_absence'], unlessSet: ['rnokpp_hash'] },
  { columns: ['unzr_sealed', 'unzr_hash', 'unzr_mask'] },
  { columns: ['phone'] },
  { columns: ['email'] },
  { columns: ['reg_settlement_code', 'reg_street', 'reg_house', 'reg_apartment', 'district_id'] },
  { columns: ['act_settlement_code', 'act_street', 'act_house', 'act_apartment'] },
  { columns: ['death_date'] },
];

/** Every column a merge may change (besides name tokens and bookkeeping). */
export const FILLABLE_COLUMNS = [
  ...new Set([...FILL_GROUPS.flatMap((g) => [...g.columns, ...(g.clear ?? [])]), 'latin_name']),
];

const empty = (v: unknown) => v === null || v === undefined || v === '';

/** The survivor's empty fields filled from the merged record: column → { before, after }. */
export function fillFromMerged(survivor: PersonJson, merged: PersonJson): Record<string, FilledField> {
  const current: PersonJson = { ...survivor };
  const filled: Record<string, FilledField> = {};
  const set = (column: string, value: JsonValue) => {
    const before = (survivor[column] ?? null) as JsonValue;
    if (before === value) return;
    filled[column] = { before, after: value };
    current[column] = value;
  };
  for (const g of FILL_GROUPS) {
    if (!g.columns.every((c) => empty(current[c]))) continue;
    if ((g.unlessSet ?? []).some((c) => !empty(current[c]))) continue;
    if (g.columns.every((c) => empty(merged[c]))) continue;
    for (const c of g.columns) set(c, (merged[c] ?? null) as JsonValue);
    for (const c of g.clear ?? []) if (!empty(current[c])) set(c, null);
  }
  if (filled.patronymic) {
    const full = [current.last_name, current.first_name, current.patronymic]
      .filter((x) => typeof x === 'string' && x)
      .join(' ');
    set('latin_name', transliterate(full));
  }
  return filled;
}

/** Names of the identifier groups both records hold with different values (a merge is refused then). */
export function conflictingIdentifiers(a: PersonJson, b: PersonJson): ('rnokpp' | 'unzr')[] {
  const out: ('rnokpp' | 'unzr')[] = [];
  if (a.rnokpp_hash && b.rnokpp_hash && a.rnokpp_hash !== b.rnokpp_hash) out.push('rnokpp');
  if (a.unzr_hash && b.unzr_hash && a.unzr_hash !== b.unzr_hash) out.push('unzr');
  return out;
}
