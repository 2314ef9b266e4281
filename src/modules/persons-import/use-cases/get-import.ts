import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { countIssues, listIssues, type ImportRow, type IssueRow } from '../import.queries.js';
import { requireImport } from '../persons-import.policy.js';

export const ISSUES_PER_PAGE = 50;

/** An import with one page of its issues (row, column, problem: no personal data). */
export async function getImport(
  o: UseCase<{ importId: string; page: number }>,
): Promise<{ imp: ImportRow; issues: IssueRow[]; issueTotal: number }> {
  return inTenant(o, 'registry.import', async ({ c, hromadaId }) => {
    const imp = await requireImport(c, hromadaId, o.importId);
    const issueTotal = await countIssues(c, imp.id);
    const issues = await listIssues(c, imp.id, ISSUES_PER_PAGE, (o.page - 1) * ISSUES_PER_PAGE);
    return { imp, issues, issueTotal };
  });
}
