/**
 * What an edit changes, for the plan's history: the fields whose value differs, each before and after; null when
 * nothing differs (an unchanged form changes nothing and writes no history).
 */
export function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const changed = Object.keys(after).filter((k) => before[k] !== after[k]);
  if (!changed.length) return null;
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  };
}
