import { inTenant, type UseCase } from '../../../platform/use-case.js';
import { myOpenTasks, type MyTaskRow } from '../team.queries.js';

export const TASKS_PAGE_SIZE = 25;

/**
 * The actor's open tasks over all the cases whose team they are on (a task ends when it is done or its
 * assignee leaves the team), soonest due first. The read is audited (tasks may name people).
 */
export async function listMyTasks(o: UseCase<{ page: number }>): Promise<{ rows: MyTaskRow[]; total: number }> {
  return inTenant(o, 'cases.read', async ({ c, actor, hromadaId, audit }) => {
    const page = await myOpenTasks(c, hromadaId, actor.userId, TASKS_PAGE_SIZE, (o.page - 1) * TASKS_PAGE_SIZE);
    await audit({
      action: 'case.task.list',
      operation: 'read',
      entityType: 'case',
      fields: ['tasks'],
      reason: `results:${page.rows.length}`,
    });
    return page;
  });
}
