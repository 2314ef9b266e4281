import type { Services } from '../../../services.js';
import { authorize, type Actor } from '../../../platform/policy.js';
import { AppError } from '../../../platform/errors.js';
import { countIssues, findImport, listIssues, type ImportRow, type IssueRow } from '../import.queries.js';

export const ISSUES_PER_PAGE = 50;

/** An import with one page of its issues (row, column, problem: no personal data). */
export async function getImport(o: { services: Services; actor: Actor | null; importId: string; page: number })
  : Promise<{ imp: ImportRow; issues: IssueRow[]; issueTotal: number }> {
  authorize(o.actor, 'registry.import');
  const hromadaId = o.actor.hromadaId!;
  return o.services.db.tx({ hromadaId, userId: o.actor.userId }, async (c) => {
    const imp = await findImport(c, hromadaId, o.importId);
    if (!imp) throw new AppError('not_found');
    const issueTotal = await countIssues(c, imp.id);
    const issues = await listIssues(c, imp.id, ISSUES_PER_PAGE, (o.page - 1) * ISSUES_PER_PAGE);
    return { imp, issues, issueTotal };
  });
}
