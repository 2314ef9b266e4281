import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { CASE_STATUSES } from '../case-machine.js';
import { suppressSmallCells, type CountTable } from '../statistics.js';
import { casesByTypeAndStatus } from '../workload.queries.js';

/**
 * The hromada's cases by type and status for a supervisor (`cases.supervise`): numbers only, no case named; a count
 * of 1–4 of a restricted type, and any total it is part of, is suppressed (decision 0023).
 */
export async function viewCaseStatistics(
  o: UseCase,
): Promise<{ table: CountTable; names: Record<string, { uk: string; en: string }> }> {
  return inTenant(o, 'cases.supervise', async ({ c, hromadaId }) => {
    const counts = await casesByTypeAndStatus(c, hromadaId);
    const types = new Map<string, { restricted: boolean; counts: number[] }>();
    const names: Record<string, { uk: string; en: string }> = {};
    for (const r of counts) {
      let row = types.get(r.type_code);
      if (!row) {
        row = { restricted: r.restricted, counts: CASE_STATUSES.map(() => 0) };
        types.set(r.type_code, row);
        names[r.type_code] = { uk: r.name_uk, en: r.name_en };
      }
      row.counts[CASE_STATUSES.indexOf(r.status)] = r.n;
    }
    const table = suppressSmallCells(
      [...types].map(([key, r]) => ({ key, ...r })),
      CASE_STATUSES.length,
    );
    return { table, names };
  });
}
