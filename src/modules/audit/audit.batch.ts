/**
 * Audit entries that name many records at once (decision 0009): the persons created by one batch
 * of an import are one entry of type `person.batch` (entity id: the import) whose reason ends with
 * the ids of every person it created — covered by the entry's hash like any other field. Readers
 * that look for a record's history (audit search by id, the data-subject report) include the
 * batch entries that name it, and show such a reason without the other records' ids.
 */
export const BATCH_TYPE_SUFFIX = '.batch';
const IDS = ';ids:';

/** `count:3;ids:a,b,c`. */
export function batchReason(ids: string[]): string {
  return `count:${ids.length}${IDS}${ids.join(',')}`;
}

/** A reason as shown to people: a batch entry's count without the ids of the records it names. */
export function shownReason(reason: string | null): string | null {
  if (reason === null) return null;
  const at = reason.indexOf(IDS);
  return at < 0 ? reason : reason.slice(0, at);
}

/** The number of records a batch entry names (from its reason), or null for an ordinary entry. */
export function batchCount(reason: string | null): number | null {
  const m = /^count:(\d+);ids:/.exec(reason ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * SQL condition: the audit row `a` is a batch entry of records of `type` (a constant such as
 * 'person') naming the id in parameter `param` — or, with `many`, one of the ids of the text[]
 * parameter — by exact match of one of its ids, never a substring.
 */
export function batchNames(a: string, type: 'person', param: string, many = false): string {
  const ids = `string_to_array(split_part(${a}.reason, '${IDS}', 2), ',')`;
  return `(${a}.entity_type = '${type}${BATCH_TYPE_SUFFIX}' AND ${many ? `${ids} && ${param}` : `${param} = ANY(${ids})`})`;
}
