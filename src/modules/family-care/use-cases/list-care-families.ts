import { kyivToday } from '../../../platform/dates.js';
import { inTenant, type UseCase } from '../../../platform/use-case.js';
import type { CareIntervals } from '../care-rules.js';
import {
  careCounts,
  careFamiliesPage,
  careIntervals,
  type CareCounts,
  type CareListFilter,
  type CareListRow,
} from '../family-care.queries.js';

export const CARE_PAGE_SIZE = 25;

export interface CareList {
  rows: CareListRow[];
  total: number;
  counts: CareCounts;
  intervals: CareIntervals;
  year: number;
}

/**
 * The hromada's family forms of care and candidates (those with an overdue visit or review first), with the
 * counts the action plans report for a year (as of its end, or today for the current year). The list names the
 * carers: the read is audited.
 */
export async function listCareFamilies(
  o: UseCase<{ filter: CareListFilter; year?: number; page: number }>,
): Promise<CareList> {
  return inTenant(o, 'care.read', async ({ c, hromadaId, audit }) => {
    const today = kyivToday();
    const thisYear = Number(today.slice(0, 4));
    const year = o.year && o.year <= thisYear ? o.year : thisYear;
    const intervals = await careIntervals(c, hromadaId);
    const page = await careFamiliesPage(
      c,
      hromadaId,
      o.filter,
      intervals,
      today,
      CARE_PAGE_SIZE,
      (o.page - 1) * CARE_PAGE_SIZE,
    );
    const f = o.filter;
    const filters = [f.form, f.stage, f.overdueOnly ? 'overdue' : null].filter(Boolean).join(',');
    await audit({
      action: 'care.list',
      operation: 'read',
      entityType: 'household',
      fields: ['form', 'stage', 'carer'],
      reason: `${filters ? `${filters};` : ''}results:${page.rows.length}`,
    });
    const asOf = year === thisYear ? today : `${year}-12-31`;
    return { ...page, counts: await careCounts(c, hromadaId, year, asOf), intervals, year };
  });
}
