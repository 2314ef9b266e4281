import { ValidationError, type Problem } from '../../platform/errors.js';
import { REQUIRED_FIELDS, TARGET_FIELDS, type Mapping } from './import.fields.js';
import type { ImportRow } from './import.queries.js';

/** Checks a mapping against the file's header: required fields mapped, each column used once, household columns together. */
export function mappingProblems(mapping: Mapping, header: string[]): Problem[] {
  const problems: Problem[] = [];
  const used = new Map<number, string>();
  for (const f of TARGET_FIELDS) {
    const col = mapping[f];
    if (col === undefined) {
      if (REQUIRED_FIELDS.includes(f)) problems.push({ field: `map_${f}`, key: `personsImport.mapping.required.${f}` });
      continue;
    }
    if (!Number.isInteger(col) || col < 0 || col >= header.length) {
      problems.push({ field: `map_${f}`, key: 'personsImport.mapping.noColumn' });
    } else if (used.has(col)) problems.push({ field: `map_${f}`, key: 'personsImport.mapping.twice' });
    else used.set(col, f);
  }
  if (mapping.householdKey !== undefined && mapping.relation === undefined) {
    problems.push({ field: 'map_relation', key: 'personsImport.mapping.householdRelation' });
  }
  if (mapping.relation !== undefined && mapping.householdKey === undefined) {
    problems.push({ field: 'map_householdKey', key: 'personsImport.mapping.householdKey' });
  }
  return problems;
}

/** A mapping refused for the import it was chosen for: the mapping page is shown again for `imp`. */
export class MappingRefused extends ValidationError {
  constructor(
    problems: Problem[],
    readonly imp: ImportRow,
  ) {
    super(problems);
  }
}
