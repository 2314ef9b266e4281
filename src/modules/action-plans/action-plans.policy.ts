import type { PoolClient } from 'pg';
import { AppError } from '../../platform/errors.js';
import { loadIndicator, loadPlan, loadTask, type PlanRow, type TaskRow } from './action-plans.queries.js';

/** A plan id from a path: a positive integer, else «not found». */
const idOf = (v: string | number): number => {
  const n = typeof v === 'number' ? v : /^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('not_found');
  return n;
};

/** The hromada's plan (RLS and the hromada's id both hold it to the tenant); another hromada's plan is «not found». */
export async function requirePlan(c: PoolClient, hromadaId: number, id: string | number): Promise<PlanRow> {
  const plan = await loadPlan(c, hromadaId, idOf(id));
  if (!plan) throw new AppError('not_found');
  return plan;
}

/** A task of the plan (a task of another plan is «not found»). */
export async function requireTask(
  c: PoolClient,
  hromadaId: number,
  planId: string | number,
  taskId: string | number,
): Promise<{ plan: PlanRow; task: TaskRow }> {
  const plan = await requirePlan(c, hromadaId, planId);
  const task = await loadTask(c, hromadaId, Number(plan.id), idOf(taskId));
  if (!task) throw new AppError('not_found');
  return { plan, task };
}

/** An indicator of a task of the plan, locked for the change that follows (another task's indicator is «not found»). */
export async function requireIndicator(
  c: PoolClient,
  hromadaId: number,
  planId: string,
  taskId: string,
  indicatorId: string,
) {
  const { plan, task } = await requireTask(c, hromadaId, planId, taskId);
  const indicator = await loadIndicator(c, hromadaId, Number(task.id), idOf(indicatorId));
  if (!indicator) throw new AppError('not_found');
  return { plan, task, indicator };
}
