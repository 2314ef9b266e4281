import type { PoolClient } from 'pg';
import { prepared } from '../../platform/db.js';
import { parsePeriod, type FundingKind, type PlanDoc, type TaskDoc } from './plan-format.js';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One statement's rows as objects. */
async function rows<T>(c: PoolClient, sql: string, params: unknown[]): Promise<T[]> {
  return (await c.query(sql, params)).rows as T[];
}

/** The ids of the hromada's organisations by name, adding the names not yet in its directory. */
async function organisationIds(c: PoolClient, hromadaId: number, names: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(names)];
  if (!unique.length) return new Map();
  await c.query(
    `INSERT INTO plan_organisations (hromada_id, name) SELECT $1, n FROM unnest($2::text[]) n
     ON CONFLICT (hromada_id, name) DO NOTHING`,
    [hromadaId, unique],
  );
  const found = await rows<{ id: string; name: string }>(
    c,
    'SELECT id, name FROM plan_organisations WHERE hromada_id = $1 AND name = ANY($2::text[])',
    [hromadaId, unique],
  );
  return new Map(found.map((r) => [r.name, Number(r.id)]));
}

/**
 * Stores a checked plan whole: the plan, its goals, tasks (with the parsed dates of their periods), executors,
 * funding with amounts, indicators with targets and actual values. Set-based: one statement per level.
 */
export async function insertPlan(c: PoolClient, hromadaId: number, plan: PlanDoc, userId: string): Promise<number> {
  const d = plan.document;
  const planId = Number(
    (
      await c.query<{ id: string }>(
        `INSERT INTO action_plans (hromada_id, hromada_title, title, approved_by, act_number, act_date, period_from,
           period_to, plan_values, monitoring, declared_goals, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          hromadaId,
          plan.hromada,
          d.title,
          d.approvedBy,
          d.number,
          d.date,
          d.period?.from ?? null,
          d.period?.to ?? null,
          JSON.stringify(plan.values),
          plan.monitoring,
          plan.declaredGoals ? JSON.stringify(plan.declaredGoals) : null,
          userId,
        ],
      )
    ).rows[0].id,
  );
  // Strategic goals, then operational goals under them (ids come back in the order given).
  const strategic = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_goals (hromada_id, plan_id, parent_id, position, code, title)
     SELECT $1, $2, NULL, g.n, g.code, g.title FROM unnest($3::text[], $4::text[]) WITH ORDINALITY g(code, title, n)
     ORDER BY g.n RETURNING id`,
    [hromadaId, planId, plan.strategicGoals.map((s) => s.code), plan.strategicGoals.map((s) => s.title)],
  );
  const ops = plan.strategicGoals.flatMap((s, i) =>
    s.operationalGoals.map((o, j) => ({ parent: Number(strategic[i].id), position: j + 1, goal: o })),
  );
  const opIds = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_goals (hromada_id, plan_id, parent_id, position, code, title)
     SELECT $1, $2, g.parent, g.pos, g.code, g.title
     FROM unnest($3::bigint[], $4::int[], $5::text[], $6::text[]) WITH ORDINALITY g(parent, pos, code, title, n)
     ORDER BY g.n RETURNING id`,
    [
      hromadaId,
      planId,
      ops.map((o) => o.parent),
      ops.map((o) => o.position),
      ops.map((o) => o.goal.code),
      ops.map((o) => o.goal.title),
    ],
  );
  const tasks = ops.flatMap((o, i) =>
    o.goal.tasks.map((t, k) => ({ goalId: Number(opIds[i].id), position: k + 1, t })),
  );
  const periods = tasks.map((x) => parsePeriod(x.t.period, d.period?.from ?? null, d.period?.to ?? null));
  const taskIds = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_tasks (hromada_id, plan_id, goal_id, position, code, title, period_text, period_from, period_to,
       continuous, expected_result)
     SELECT $1, $2, t.goal, t.pos, t.code, t.title, t.period, t.pfrom, t.pto, t.cont, t.result
     FROM unnest($3::bigint[], $4::int[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::boolean[],
       $11::text[]) WITH ORDINALITY t(goal, pos, code, title, period, pfrom, pto, cont, result, n)
     ORDER BY t.n RETURNING id`,
    [
      hromadaId,
      planId,
      tasks.map((x) => x.goalId),
      tasks.map((x) => x.position),
      tasks.map((x) => x.t.code),
      tasks.map((x) => x.t.title),
      tasks.map((x) => x.t.period),
      periods.map((p) => p.from),
      periods.map((p) => p.to),
      periods.map((p) => p.continuous),
      tasks.map((x) => x.t.expectedResult),
    ],
  );
  await insertTaskParts(
    c,
    hromadaId,
    tasks.map((x, i) => ({ id: Number(taskIds[i].id), t: x.t })),
    userId,
  );
  return planId;
}

async function insertTaskParts(c: PoolClient, hromadaId: number, tasks: { id: number; t: TaskDoc }[], userId: string) {
  const orgs = await organisationIds(
    c,
    hromadaId,
    tasks.flatMap((x) => x.t.executors),
  );
  const ex = tasks.flatMap((x) => x.t.executors.map((name, i) => ({ task: x.id, pos: i + 1, org: orgs.get(name) })));
  if (ex.length)
    await c.query(
      `INSERT INTO plan_task_executors (hromada_id, task_id, position, organisation_id)
       SELECT $1, e.task, e.pos, e.org FROM unnest($2::bigint[], $3::int[], $4::bigint[]) e(task, pos, org)`,
      [hromadaId, ex.map((e) => e.task), ex.map((e) => e.pos), ex.map((e) => e.org)],
    );
  const funding = tasks.flatMap((x) => x.t.funding.map((f, i) => ({ task: x.id, pos: i + 1, f })));
  if (funding.length) {
    const ids = await rows<{ id: string }>(
      c,
      `INSERT INTO plan_task_funding (hromada_id, task_id, position, kind, source_text)
       SELECT $1, f.task, f.pos, f.kind, f.src FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[])
         WITH ORDINALITY f(task, pos, kind, src, n) ORDER BY f.n RETURNING id`,
      [
        hromadaId,
        funding.map((f) => f.task),
        funding.map((f) => f.pos),
        funding.map((f) => f.f.kind),
        funding.map((f) => f.f.source),
      ],
    );
    const amounts = funding.flatMap((f, i) => f.f.amounts.map((a) => ({ id: Number(ids[i].id), ...a })));
    if (amounts.length)
      await c.query(
        `INSERT INTO plan_funding_amounts (hromada_id, funding_id, year, planned, actual)
         SELECT $1, a.id, a.year, a.planned, a.actual FROM unnest($2::bigint[], $3::int[], $4::numeric[], $5::numeric[])
           a(id, year, planned, actual)`,
        [
          hromadaId,
          amounts.map((a) => a.id),
          amounts.map((a) => a.year),
          amounts.map((a) => a.planned),
          amounts.map((a) => a.actual),
        ],
      );
  }
  const inds = tasks.flatMap((x) => x.t.indicators.map((ind, i) => ({ task: x.id, pos: i + 1, ind })));
  if (!inds.length) return;
  const indIds = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_indicators (hromada_id, task_id, position, name, unit, baseline, responsible, source, metric_key)
     SELECT $1, i.task, i.pos, i.name, i.unit, i.baseline, i.resp,
       CASE WHEN i.metric IS NULL THEN 'manual' ELSE 'computed' END, i.metric
     FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[])
       WITH ORDINALITY i(task, pos, name, unit, baseline, resp, metric, n) ORDER BY i.n RETURNING id`,
    [
      hromadaId,
      inds.map((x) => x.task),
      inds.map((x) => x.pos),
      inds.map((x) => x.ind.name),
      inds.map((x) => x.ind.unit),
      inds.map((x) => x.ind.baseline),
      inds.map((x) => x.ind.responsible),
      inds.map((x) => x.ind.metric),
    ],
  );
  const values = inds.flatMap((x, i) => {
    const periods = new Set([...Object.keys(x.ind.targets), ...Object.keys(x.ind.actuals)]);
    return [...periods].map((p) => ({
      id: Number(indIds[i].id),
      period: p,
      target: x.ind.targets[p] ?? null,
      actual: x.ind.actuals[p] ?? null,
    }));
  });
  if (values.length)
    await c.query(
      `INSERT INTO plan_indicator_values (hromada_id, indicator_id, period, target, actual, updated_by)
       SELECT $1, v.id, v.period, v.target, v.actual, $6 FROM unnest($2::bigint[], $3::text[], $4::numeric[], $5::numeric[])
         v(id, period, target, actual)`,
      [
        hromadaId,
        values.map((v) => v.id),
        values.map((v) => v.period),
        values.map((v) => v.target),
        values.map((v) => v.actual),
        userId,
      ],
    );
}

export interface PlanRow {
  id: string;
  hromada_title: string;
  title: string;
  approved_by: string | null;
  act_number: string | null;
  act_date: string | null;
  period_from: number | null;
  period_to: number | null;
  plan_values: string[];
  monitoring: string | null;
  declared_goals: unknown[] | null;
  status: 'draft' | 'published';
  created_at: Date;
}

const PLAN_COLUMNS = `p.id, p.hromada_title, p.title, p.approved_by, p.act_number, to_char(p.act_date, 'YYYY-MM-DD') AS act_date,
  p.period_from, p.period_to, p.plan_values, p.monitoring, p.declared_goals, p.status, p.created_at`;

export async function loadPlan(c: PoolClient, hromadaId: number, id: number): Promise<PlanRow | null> {
  const r = await rows<PlanRow>(c, `SELECT ${PLAN_COLUMNS} FROM action_plans p WHERE p.hromada_id = $1 AND p.id = $2`, [
    hromadaId,
    id,
  ]);
  return r[0] ?? null;
}

export interface PlanListRow extends PlanRow {
  tasks: number;
  done: number;
  overdue: number;
}

/** The hromada's plans, newest approval first, with their tasks counted by effective status. */
export async function listPlans(
  c: PoolClient,
  hromadaId: number,
  limit: number,
  offset: number,
  publishedOnly = false,
): Promise<{ rows: PlanListRow[]; total: number }> {
  const list = await rows<PlanListRow & { total: string }>(
    c,
    `SELECT ${PLAN_COLUMNS}, count(*) OVER () AS total,
       (SELECT count(*) FROM plan_tasks t WHERE t.hromada_id = p.hromada_id AND t.plan_id = p.id)::int AS tasks,
       (SELECT count(*) FROM plan_tasks t WHERE t.hromada_id = p.hromada_id AND t.plan_id = p.id AND t.status = 'done')::int AS done,
       (SELECT count(*) FROM plan_tasks t WHERE t.hromada_id = p.hromada_id AND t.plan_id = p.id AND ${OVERDUE_SQL})::int
         AS overdue
     FROM action_plans p WHERE hromada_id = $1 AND (NOT $4::boolean OR p.status = 'published')
     ORDER BY p.act_date DESC NULLS LAST, p.id DESC LIMIT $2 OFFSET $3`,
    [hromadaId, limit, offset, publishedOnly],
  );
  return { rows: list, total: list.length ? Number(list[0].total) : 0 };
}

/** A task is overdue when so marked, or when its period ended and it is neither done nor cancelled. */
const OVERDUE_SQL = `(t.status = 'overdue' OR (t.status IN ('not_started', 'in_progress') AND NOT t.continuous
  AND t.period_to < (now() AT TIME ZONE 'Europe/Kyiv')::date))`;
const EFFECTIVE_STATUS = `CASE WHEN ${OVERDUE_SQL} THEN 'overdue' ELSE t.status END`;

export interface GoalRow {
  id: string;
  parent_id: string | null;
  code: string;
  title: string;
}

export interface TaskRow {
  id: string;
  plan_id: string;
  goal_id: string;
  code: string;
  title: string;
  period_text: string | null;
  period_from: string | null;
  period_to: string | null;
  continuous: boolean;
  expected_result: string | null;
  status: TaskStatus;
  effective_status: TaskStatus;
  executors: string[];
}

const TASK_COLUMNS = `t.id, t.plan_id, t.goal_id, t.code, t.title, t.period_text, to_char(t.period_from, 'YYYY-MM-DD') AS period_from,
  to_char(t.period_to, 'YYYY-MM-DD') AS period_to, t.continuous, t.expected_result, t.status, ${EFFECTIVE_STATUS} AS effective_status,
  coalesce((SELECT array_agg(o.name ORDER BY e.position) FROM plan_task_executors e
    JOIN plan_organisations o ON o.hromada_id = e.hromada_id AND o.id = e.organisation_id
    WHERE e.hromada_id = t.hromada_id AND e.task_id = t.id), '{}') AS executors`;

export async function planGoals(c: PoolClient, hromadaId: number, planId: number): Promise<GoalRow[]> {
  return rows<GoalRow>(
    c,
    `SELECT id, parent_id, code, title FROM plan_goals WHERE hromada_id = $1 AND plan_id = $2
     ORDER BY parent_id NULLS FIRST, position`,
    [hromadaId, planId],
  );
}

export async function planTasks(c: PoolClient, hromadaId: number, planId: number): Promise<TaskRow[]> {
  return rows<TaskRow>(
    c,
    `SELECT ${TASK_COLUMNS} FROM plan_tasks t WHERE t.hromada_id = $1 AND t.plan_id = $2 ORDER BY t.goal_id, t.position`,
    [hromadaId, planId],
  );
}

export async function loadTask(
  c: PoolClient,
  hromadaId: number,
  planId: number,
  taskId: number,
): Promise<TaskRow | null> {
  const r = await rows<TaskRow>(
    c,
    `SELECT ${TASK_COLUMNS} FROM plan_tasks t WHERE t.hromada_id = $1 AND t.plan_id = $2 AND t.id = $3`,
    [hromadaId, planId, taskId],
  );
  return r[0] ?? null;
}

export interface IndicatorRow {
  id: string;
  task_id: string;
  name: string;
  unit: string | null;
  baseline: string | null;
  source: 'manual' | 'computed';
  metric_key: string | null;
  responsible: string | null;
  values: { period: string; target: string | null; actual: string | null; frozen_at: string | null }[];
}

export async function planIndicators(
  c: PoolClient,
  hromadaId: number,
  planId: number,
  taskId: number | null = null,
): Promise<IndicatorRow[]> {
  return rows<IndicatorRow>(
    c,
    `SELECT i.id, i.task_id, i.name, i.unit, i.baseline::text, i.source, i.metric_key, i.responsible,
       coalesce((SELECT json_agg(json_build_object('period', v.period, 'target', v.target::text, 'actual', v.actual::text,
         'frozen_at', v.frozen_at) ORDER BY v.period) FROM plan_indicator_values v
         WHERE v.hromada_id = i.hromada_id AND v.indicator_id = i.id), '[]') AS values
     FROM plan_indicators i JOIN plan_tasks t ON t.hromada_id = i.hromada_id AND t.id = i.task_id
     WHERE i.hromada_id = $1 AND t.plan_id = $2 AND ($3::bigint IS NULL OR i.task_id = $3)
     ORDER BY t.goal_id, t.position, i.position`,
    [hromadaId, planId, taskId],
  );
}

export interface FundingRow {
  id: string;
  task_id: string;
  kind: FundingKind;
  source_text: string;
  amounts: { year: number; planned: string | null; actual: string | null }[];
}

export async function planFunding(
  c: PoolClient,
  hromadaId: number,
  planId: number,
  taskId: number | null = null,
): Promise<FundingRow[]> {
  return rows<FundingRow>(
    c,
    `SELECT f.id, f.task_id, f.kind, f.source_text,
       coalesce((SELECT json_agg(json_build_object('year', a.year, 'planned', a.planned::text, 'actual', a.actual::text)
         ORDER BY a.year) FROM plan_funding_amounts a WHERE a.hromada_id = f.hromada_id AND a.funding_id = f.id), '[]')
         AS amounts
     FROM plan_task_funding f JOIN plan_tasks t ON t.hromada_id = f.hromada_id AND t.id = f.task_id
     WHERE f.hromada_id = $1 AND t.plan_id = $2 AND ($3::bigint IS NULL OR f.task_id = $3)
     ORDER BY t.goal_id, t.position, f.position`,
    [hromadaId, planId, taskId],
  );
}

const num = (s: string | null) => (s === null ? null : Number(s));

/** A stored plan in the exchange format's shape (what `insertPlan` was given, with values entered since). */
export async function planDocOf(c: PoolClient, hromadaId: number, plan: PlanRow): Promise<PlanDoc> {
  const id = Number(plan.id);
  const goals = await planGoals(c, hromadaId, id);
  const tasks = await planTasks(c, hromadaId, id);
  const indicators = await planIndicators(c, hromadaId, id);
  const funding = await planFunding(c, hromadaId, id);
  const byTask = <T extends { task_id: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.task_id, [...(m.get(x.task_id) ?? []), x]);
    return m;
  };
  const indOf = byTask(indicators);
  const fundOf = byTask(funding);
  const taskDoc = (t: TaskRow): TaskDoc => ({
    code: t.code,
    title: t.title,
    executors: t.executors,
    period: t.period_text,
    expectedResult: t.expected_result,
    indicators: (indOf.get(t.id) ?? []).map((i) => ({
      name: i.name,
      unit: i.unit,
      baseline: num(i.baseline),
      targets: Object.fromEntries(i.values.filter((v) => v.target !== null).map((v) => [v.period, Number(v.target)])),
      actuals: Object.fromEntries(i.values.filter((v) => v.actual !== null).map((v) => [v.period, Number(v.actual)])),
      responsible: i.responsible,
      metric: i.metric_key,
    })),
    funding: (fundOf.get(t.id) ?? []).map((f) => ({
      source: f.source_text,
      kind: f.kind,
      amounts: f.amounts.map((a) => ({ year: a.year, planned: num(a.planned), actual: num(a.actual) })),
    })),
  });
  const strategic = goals.filter((g) => g.parent_id === null);
  return {
    hromada: plan.hromada_title,
    document: {
      title: plan.title,
      approvedBy: plan.approved_by,
      number: plan.act_number,
      date: plan.act_date,
      period:
        plan.period_from !== null && plan.period_to !== null ? { from: plan.period_from, to: plan.period_to } : null,
    },
    values: plan.plan_values,
    strategicGoals: strategic.map((s) => ({
      code: s.code,
      title: s.title,
      operationalGoals: goals
        .filter((g) => g.parent_id === s.id)
        .map((o) => ({ code: o.code, title: o.title, tasks: tasks.filter((t) => t.goal_id === o.id).map(taskDoc) })),
    })),
    declaredGoals: plan.declared_goals,
    monitoring: plan.monitoring,
  };
}

/** Changes a task's wording, period (with its parsed dates) and expected result, and replaces its executors. */
export async function updateTask(
  c: PoolClient,
  hromadaId: number,
  plan: PlanRow,
  taskId: number,
  t: { title: string; period: string | null; expectedResult: string | null; executors: string[] },
) {
  const p = parsePeriod(t.period, plan.period_from, plan.period_to);
  await c.query(
    `UPDATE plan_tasks SET title = $3, period_text = $4, period_from = $5, period_to = $6, continuous = $7,
       expected_result = $8 WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, taskId, t.title, t.period, p.from, p.to, p.continuous, t.expectedResult],
  );
  await c.query('DELETE FROM plan_task_executors WHERE hromada_id = $1 AND task_id = $2', [hromadaId, taskId]);
  await addTaskExecutors(c, hromadaId, taskId, t.executors);
}

/** A task's executors in order (the directory of organisations grows by new names). */
async function addTaskExecutors(c: PoolClient, hromadaId: number, taskId: number, executors: string[]) {
  if (!executors.length) return;
  const orgs = await organisationIds(c, hromadaId, executors);
  await c.query(
    `INSERT INTO plan_task_executors (hromada_id, task_id, position, organisation_id)
     SELECT $1, $2, e.pos, e.org FROM unnest($3::int[], $4::bigint[]) e(pos, org)`,
    [hromadaId, taskId, executors.map((_, i) => i + 1), executors.map((n) => orgs.get(n))],
  );
}

/** A new task of an operational goal, after its others; null when the plan already has a task with that code. */
export async function insertTask(
  c: PoolClient,
  hromadaId: number,
  plan: PlanRow,
  goalId: number,
  t: { code: string; title: string; period: string | null; expectedResult: string | null; executors: string[] },
): Promise<number | null> {
  const p = parsePeriod(t.period, plan.period_from, plan.period_to);
  const r = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_tasks (hromada_id, plan_id, goal_id, position, code, title, period_text, period_from, period_to,
       continuous, expected_result)
     SELECT $1, $2, $3, coalesce(max(position), -1) + 1, $4, $5, $6, $7, $8, $9, $10
     FROM plan_tasks WHERE hromada_id = $1 AND goal_id = $3
     ON CONFLICT (hromada_id, plan_id, code) DO NOTHING RETURNING id`,
    [hromadaId, Number(plan.id), goalId, t.code, t.title, t.period, p.from, p.to, p.continuous, t.expectedResult],
  );
  if (!r[0]) return null;
  const taskId = Number(r[0].id);
  await addTaskExecutors(c, hromadaId, taskId, t.executors);
  return taskId;
}

export interface PlanDocumentFields {
  title: string;
  approvedBy: string | null;
  actNumber: string | null;
  actDate: string | null;
  periodFrom: number | null;
  periodTo: number | null;
}

export async function updatePlanDocument(c: PoolClient, hromadaId: number, planId: number, f: PlanDocumentFields) {
  await c.query(
    `UPDATE action_plans SET title = $3, approved_by = $4, act_number = $5, act_date = $6, period_from = $7,
       period_to = $8 WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, planId, f.title, f.approvedBy, f.actNumber, f.actDate, f.periodFrom, f.periodTo],
  );
}

export async function updateGoalTitle(c: PoolClient, hromadaId: number, goalId: number, title: string) {
  await c.query('UPDATE plan_goals SET title = $3 WHERE hromada_id = $1 AND id = $2', [hromadaId, goalId, title]);
}

/**
 * Removes an indicator with its values; returns the values it had, each as «period: target / actual» for the history.
 */
export async function deleteIndicator(c: PoolClient, hromadaId: number, indicatorId: number): Promise<string[]> {
  const r = await rows<{ line: string }>(
    c,
    `DELETE FROM plan_indicator_values WHERE hromada_id = $1 AND indicator_id = $2
     RETURNING period || ': ' || coalesce(replace(trim_scale(target)::text, '.', ','), '—') || ' / ' || coalesce(replace(trim_scale(actual)::text, '.', ','), '—') AS line`,
    [hromadaId, indicatorId],
  );
  await c.query('DELETE FROM plan_indicators WHERE hromada_id = $1 AND id = $2', [hromadaId, indicatorId]);
  return r.map((x) => x.line).sort();
}

/** Removes a funding source with its amounts; returns them, each as «year: planned / spent» for the history. */
export async function deleteFundingSource(c: PoolClient, hromadaId: number, fundingId: number): Promise<string[]> {
  const r = await rows<{ year: number; line: string }>(
    c,
    `SELECT year, year || ': ' || coalesce(replace(trim_scale(planned)::text, '.', ','), '—') || ' / ' || coalesce(replace(trim_scale(actual)::text, '.', ','), '—') AS line
     FROM plan_funding_amounts WHERE hromada_id = $1 AND funding_id = $2 ORDER BY year`,
    [hromadaId, fundingId],
  );
  // The amounts go with the source (ON DELETE CASCADE).
  await c.query('DELETE FROM plan_task_funding WHERE hromada_id = $1 AND id = $2', [hromadaId, fundingId]);
  return r.map((x) => x.line);
}

/**
 * Locks a task for its removal and counts its progress notes (a note added at the same moment waits for the lock and
 * is counted).
 */
export async function lockTaskNotes(c: PoolClient, hromadaId: number, taskId: number): Promise<number> {
  const r = await rows<{ notes: number }>(
    c,
    `SELECT (SELECT count(*)::int FROM plan_task_notes n WHERE n.hromada_id = t.hromada_id AND n.task_id = t.id) AS notes
     FROM plan_tasks t WHERE t.hromada_id = $1 AND t.id = $2 FOR UPDATE`,
    [hromadaId, taskId],
  );
  return r[0]?.notes ?? 0;
}

/** Removes a task (its executors, indicators with values and funding go with it). */
export async function deleteTask(c: PoolClient, hromadaId: number, taskId: number) {
  await c.query('DELETE FROM plan_tasks WHERE hromada_id = $1 AND id = $2', [hromadaId, taskId]);
}

/** A new goal of the plan, after the others of its level (a strategic one when parentId is null). */
export async function insertGoal(
  c: PoolClient,
  hromadaId: number,
  planId: number,
  g: { parentId: number | null; code: string; title: string },
): Promise<string> {
  const r = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_goals (hromada_id, plan_id, parent_id, position, code, title)
     SELECT $1, $2, $3, coalesce(max(position), -1) + 1, $4, $5 FROM plan_goals
     WHERE hromada_id = $1 AND plan_id = $2 AND parent_id IS NOT DISTINCT FROM $3
     RETURNING id`,
    [hromadaId, planId, g.parentId, g.code, g.title],
  );
  return r[0].id;
}

/**
 * A goal of the plan locked for its removal, with what is under it: operational goals and tasks (a task added to it
 * at the same moment waits for the lock and is counted).
 */
export async function lockGoal(c: PoolClient, hromadaId: number, planId: number, goalId: number) {
  const r = await rows<GoalRow & { goals: number; tasks: number }>(
    c,
    `SELECT g.id, g.parent_id, g.code, g.title,
       (SELECT count(*)::int FROM plan_goals s WHERE s.hromada_id = g.hromada_id AND s.parent_id = g.id) AS goals,
       (SELECT count(*)::int FROM plan_tasks t WHERE t.hromada_id = g.hromada_id AND t.goal_id = g.id) AS tasks
     FROM plan_goals g WHERE g.hromada_id = $1 AND g.plan_id = $2 AND g.id = $3 FOR UPDATE`,
    [hromadaId, planId, goalId],
  );
  return r[0] ?? null;
}

/** Removes a goal that holds nothing (lockGoal said so). */
export async function deleteGoal(c: PoolClient, hromadaId: number, goalId: number) {
  await c.query('DELETE FROM plan_goals WHERE hromada_id = $1 AND id = $2', [hromadaId, goalId]);
}

export async function setTaskStatus(c: PoolClient, hromadaId: number, taskId: number, status: TaskStatus) {
  await c.query('UPDATE plan_tasks SET status = $3 WHERE hromada_id = $1 AND id = $2', [hromadaId, taskId, status]);
}

export interface NoteRow {
  id: string;
  noted_on: string;
  body: string;
  status: TaskStatus | null;
  file_name: string | null;
  content_type: string | null;
  size: number | null;
  storage_key: string | null;
  author: string;
  created_at: Date;
}

export interface NoteFile {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

export async function insertNote(
  c: PoolClient,
  hromadaId: number,
  taskId: number,
  note: { notedOn: string; body: string; status: TaskStatus | null; file: NoteFile | null },
  userId: string,
): Promise<string> {
  const f = note.file;
  return (
    await c.query<{ id: string }>(
      `INSERT INTO plan_task_notes (hromada_id, task_id, noted_on, body, status, file_name, content_type, size, sha256,
         storage_key, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        hromadaId,
        taskId,
        note.notedOn,
        note.body,
        note.status,
        f?.fileName ?? null,
        f?.contentType ?? null,
        f?.size ?? null,
        f?.sha256 ?? null,
        f?.storageKey ?? null,
        userId,
      ],
    )
  ).rows[0].id;
}

export async function taskNotes(c: PoolClient, hromadaId: number, taskId: number): Promise<NoteRow[]> {
  return rows<NoteRow>(
    c,
    `SELECT n.id, to_char(n.noted_on, 'YYYY-MM-DD') AS noted_on, n.body, n.status, n.file_name, n.content_type, n.size,
       n.storage_key, u.display_name AS author, n.created_at
     FROM plan_task_notes n JOIN users u ON u.id = n.created_by
     WHERE n.hromada_id = $1 AND n.task_id = $2 ORDER BY n.noted_on DESC, n.created_at DESC`,
    [hromadaId, taskId],
  );
}

export async function loadNote(c: PoolClient, hromadaId: number, taskId: number, noteId: string) {
  return (await taskNotes(c, hromadaId, taskId)).find((n) => n.id === noteId) ?? null;
}

export interface IndicatorFields {
  name: string;
  unit: string | null;
  baseline: number | null;
  responsible: string | null;
}

export async function loadIndicator(c: PoolClient, hromadaId: number, taskId: number, indicatorId: number) {
  const r = await rows<{
    id: string;
    name: string;
    unit: string | null;
    baseline: string | null;
    responsible: string | null;
    source: 'manual' | 'computed';
    metric_key: string | null;
  }>(
    c,
    `SELECT id, name, unit, baseline::text, responsible, source, metric_key FROM plan_indicators
     WHERE hromada_id = $1 AND task_id = $2 AND id = $3 FOR UPDATE`,
    [hromadaId, taskId, indicatorId],
  );
  return r[0] ?? null;
}

export async function updateIndicator(c: PoolClient, hromadaId: number, indicatorId: number, f: IndicatorFields) {
  await c.query(
    `UPDATE plan_indicators SET name = $3, unit = $4, baseline = $5, responsible = $6 WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, indicatorId, f.name, f.unit, f.baseline, f.responsible],
  );
}

/** A new manual indicator of a task, after its others. */
export async function insertIndicator(c: PoolClient, hromadaId: number, taskId: number, f: IndicatorFields) {
  const r = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_indicators (hromada_id, task_id, position, name, unit, baseline, responsible)
     SELECT $1, $2, coalesce(max(position), -1) + 1, $3, $4, $5, $6 FROM plan_indicators WHERE hromada_id = $1 AND task_id = $2
     RETURNING id`,
    [hromadaId, taskId, f.name, f.unit, f.baseline, f.responsible],
  );
  return r[0].id;
}

/** A new funding source of a task, after its others. */
export async function insertFundingSource(
  c: PoolClient,
  hromadaId: number,
  taskId: number,
  f: { kind: string; source: string },
) {
  const r = await rows<{ id: string }>(
    c,
    `INSERT INTO plan_task_funding (hromada_id, task_id, position, kind, source_text)
     SELECT $1, $2, coalesce(max(position), -1) + 1, $3, $4 FROM plan_task_funding WHERE hromada_id = $1 AND task_id = $2
     RETURNING id`,
    [hromadaId, taskId, f.kind, f.source],
  );
  return r[0].id;
}

/** A funding source of a task, locked for a change of its amounts. */
export async function loadFunding(c: PoolClient, hromadaId: number, taskId: number, fundingId: number) {
  const r = await rows<{ id: string; source_text: string; kind: FundingKind }>(
    c,
    `SELECT id, source_text, kind FROM plan_task_funding WHERE hromada_id = $1 AND task_id = $2 AND id = $3 FOR UPDATE`,
    [hromadaId, taskId, fundingId],
  );
  return r[0] ?? null;
}

export async function loadFundingAmount(c: PoolClient, hromadaId: number, fundingId: number, year: number) {
  const r = await rows<{ planned: string | null; actual: string | null }>(
    c,
    `SELECT planned::text, actual::text FROM plan_funding_amounts WHERE hromada_id = $1 AND funding_id = $2 AND year = $3`,
    [hromadaId, fundingId, year],
  );
  return r[0] ?? null;
}

export async function upsertFundingAmount(
  c: PoolClient,
  hromadaId: number,
  fundingId: number,
  a: { year: number; planned: number | null; actual: number | null },
) {
  await c.query(
    `INSERT INTO plan_funding_amounts (hromada_id, funding_id, year, planned, actual) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (hromada_id, funding_id, year) DO UPDATE SET planned = EXCLUDED.planned, actual = EXCLUDED.actual`,
    [hromadaId, fundingId, a.year, a.planned, a.actual],
  );
}

export interface ValueRow {
  target: string | null;
  actual: string | null;
  frozen_at: Date | null;
}

export async function loadValue(c: PoolClient, hromadaId: number, indicatorId: number, period: string) {
  const r = await rows<ValueRow>(
    c,
    `SELECT target::text, actual::text, frozen_at FROM plan_indicator_values
     WHERE hromada_id = $1 AND indicator_id = $2 AND period = $3 FOR UPDATE`,
    [hromadaId, indicatorId, period],
  );
  return r[0] ?? null;
}

export async function upsertValue(
  c: PoolClient,
  hromadaId: number,
  indicatorId: number,
  v: { period: string; target: number | null; actual: number | null },
  userId: string,
) {
  await c.query(
    `INSERT INTO plan_indicator_values (hromada_id, indicator_id, period, target, actual, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (hromada_id, indicator_id, period) DO UPDATE SET target = EXCLUDED.target, actual = EXCLUDED.actual,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [hromadaId, indicatorId, v.period, v.target, v.actual, userId],
  );
}

export interface HistoryEntry {
  planId: number;
  taskId: number | null;
  entity: 'plan' | 'task' | 'indicator' | 'value' | 'funding' | 'note' | 'goal';
  entityId: string;
  change: 'import' | 'update' | 'add' | 'freeze' | 'remove';
  before: unknown;
  after: unknown;
}

export async function addHistory(c: PoolClient, hromadaId: number, e: HistoryEntry, userId: string) {
  await c.query(
    `INSERT INTO plan_history (hromada_id, plan_id, task_id, entity, entity_id, change, before, after, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      hromadaId,
      e.planId,
      e.taskId,
      e.entity,
      e.entityId,
      e.change,
      e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      userId,
    ],
  );
}

export interface HistoryRow {
  entity: HistoryEntry['entity'];
  entity_id: string;
  change: HistoryEntry['change'];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  who: string;
  changed_at: Date;
}

export async function history(
  c: PoolClient,
  hromadaId: number,
  planId: number,
  taskId: number | null,
  limit = 100,
): Promise<HistoryRow[]> {
  return rows<HistoryRow>(
    c,
    `SELECT h.entity, h.entity_id, h.change, h.before, h.after, u.display_name AS who, h.changed_at
     FROM plan_history h JOIN users u ON u.id = h.changed_by
     WHERE h.hromada_id = $1 AND h.plan_id = $2 AND ($3::bigint IS NULL OR h.task_id = $3)
     ORDER BY h.changed_at DESC, h.id DESC LIMIT $4`,
    [hromadaId, planId, taskId, limit],
  );
}

export async function setIndicatorMetric(c: PoolClient, hromadaId: number, indicatorId: number, metric: string | null) {
  await c.query(
    `UPDATE plan_indicators SET metric_key = $3, source = CASE WHEN $3::text IS NULL THEN 'manual' ELSE 'computed' END
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, indicatorId, metric],
  );
}

export async function freezeValue(
  c: PoolClient,
  hromadaId: number,
  indicatorId: number,
  period: string,
  actual: number,
  userId: string,
) {
  await c.query(
    `INSERT INTO plan_indicator_values (hromada_id, indicator_id, period, actual, frozen_at, frozen_by, updated_by)
     VALUES ($1, $2, $3, $4, now(), $5, $5)
     ON CONFLICT (hromada_id, indicator_id, period) DO UPDATE SET actual = EXCLUDED.actual, frozen_at = now(),
       frozen_by = EXCLUDED.frozen_by, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [hromadaId, indicatorId, period, actual, userId],
  );
}

export async function setPlanStatus(c: PoolClient, hromadaId: number, planId: number, status: 'draft' | 'published') {
  await c.query('UPDATE action_plans SET status = $3 WHERE hromada_id = $1 AND id = $2', [hromadaId, planId, status]);
}

export async function hromadaCode(c: PoolClient, hromadaId: number): Promise<string> {
  return (await c.query<{ code: string }>('SELECT code FROM hromadas WHERE id = $1', [hromadaId])).rows[0].code;
}

/** The opening statement of a public page's transaction: the active hromada of a КАТОТТГ code (checked by the caller). */
export const publicHromadaOpening = (code: string) =>
  prepared(
    `SELECT set_config('app.hromada_id', h.id::text, true), set_config('app.user_id', '', true), h.id, h.name
     FROM hromadas h WHERE h.code = $1 AND h.active`,
    [code],
  );

/** The hromada's services (ids), for metrics narrowed to one of them. */
export async function hromadaServiceIds(c: PoolClient, hromadaId: number): Promise<string[]> {
  return (await rows<{ id: string }>(c, 'SELECT id FROM services WHERE hromada_id = $1', [hromadaId])).map((r) => r.id);
}

/** The hromada's active services by name, for narrowing a computed indicator to one of them. */
export async function hromadaServices(c: PoolClient, hromadaId: number): Promise<{ id: string; name: string }[]> {
  return rows<{ id: string; name: string }>(
    c,
    `SELECT id, name FROM services WHERE hromada_id = $1 AND active ORDER BY name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
}
