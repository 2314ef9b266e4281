import type { PoolClient } from 'pg';
import type { ReportFigures, ReportKind } from './report.figures.js';
import type { TaskStatus } from './action-plans.queries.js';

export type ReportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ReportRow {
  id: string;
  plan_id: string;
  kind: ReportKind;
  period: string;
  status: ReportStatus;
  progress: number;
  step: string | null;
  frozen: number;
  failure: string | null;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  finished_at: Date | null;
  pdf_size: number | null;
  xlsx_size: number | null;
}

const REPORT_COLUMNS = `r.id, r.plan_id, r.kind, r.period, r.status, r.progress, r.step, r.frozen, r.failure, r.requested_by,
  u.display_name AS requested_by_name, r.requested_at, r.finished_at, octet_length(r.pdf) AS pdf_size,
  octet_length(r.xlsx) AS xlsx_size`;

/** A report asked for and not yet finished, of the same plan and period (asking again joins it). */
export async function pendingReport(c: PoolClient, hromadaId: number, planId: number, period: string) {
  const r = await c.query<{ id: string }>(
    `SELECT id FROM plan_reports WHERE hromada_id = $1 AND plan_id = $2 AND period = $3 AND status IN ('queued', 'running')
     ORDER BY requested_at DESC LIMIT 1`,
    [hromadaId, planId, period],
  );
  return r.rows[0]?.id ?? null;
}

export async function insertReport(
  c: PoolClient,
  hromadaId: number,
  planId: number,
  r: { kind: ReportKind; period: string },
  userId: string,
): Promise<string> {
  return (
    await c.query<{ id: string }>(
      `INSERT INTO plan_reports (hromada_id, plan_id, kind, period, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [hromadaId, planId, r.kind, r.period, userId],
    )
  ).rows[0].id;
}

export async function loadReport(c: PoolClient, hromadaId: number, planId: number | null, id: string) {
  const r = await c.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM plan_reports r JOIN users u ON u.id = r.requested_by
     WHERE r.hromada_id = $1 AND ($2::bigint IS NULL OR r.plan_id = $2) AND r.id = $3`,
    [hromadaId, planId, id],
  );
  return r.rows[0] ?? null;
}

/** The plan's reports, newest first. */
export async function planReports(c: PoolClient, hromadaId: number, planId: number, limit = 20) {
  return (
    await c.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM plan_reports r JOIN users u ON u.id = r.requested_by
       WHERE r.hromada_id = $1 AND r.plan_id = $2 ORDER BY r.requested_at DESC LIMIT $3`,
      [hromadaId, planId, limit],
    )
  ).rows;
}

export async function setReportProgress(
  c: PoolClient,
  hromadaId: number,
  id: string,
  p: { progress: number; step: string },
) {
  await c.query(
    `UPDATE plan_reports SET status = 'running', progress = $3, step = $4
     WHERE hromada_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
    [hromadaId, id, p.progress, p.step],
  );
}

export async function saveReportFigures(
  c: PoolClient,
  hromadaId: number,
  id: string,
  figures: ReportFigures,
  frozen: number,
) {
  await c.query(`UPDATE plan_reports SET figures = $3, frozen = $4 WHERE hromada_id = $1 AND id = $2`, [
    hromadaId,
    id,
    JSON.stringify(figures),
    frozen,
  ]);
}

export async function reportFigures(c: PoolClient, hromadaId: number, id: string): Promise<ReportFigures | null> {
  const r = await c.query<{ figures: ReportFigures | null }>(
    'SELECT figures FROM plan_reports WHERE hromada_id = $1 AND id = $2',
    [hromadaId, id],
  );
  return r.rows[0]?.figures ?? null;
}

export async function finishReport(c: PoolClient, hromadaId: number, id: string, pdf: Buffer, xlsx: Buffer) {
  await c.query(
    `UPDATE plan_reports SET status = 'done', progress = 100, step = 'done', pdf = $3, xlsx = $4, finished_at = now()
     WHERE hromada_id = $1 AND id = $2`,
    [hromadaId, id, pdf, xlsx],
  );
}

export async function failReport(c: PoolClient, hromadaId: number, id: string, failure: string) {
  await c.query(
    `UPDATE plan_reports SET status = 'failed', step = 'failed', failure = $3, finished_at = now()
     WHERE hromada_id = $1 AND id = $2 AND status <> 'done'`,
    [hromadaId, id, failure],
  );
}

export async function reportFile(c: PoolClient, hromadaId: number, id: string, format: 'pdf' | 'xlsx') {
  const r = await c.query<{ body: Buffer | null }>(
    `SELECT ${format === 'pdf' ? 'pdf' : 'xlsx'} AS body FROM plan_reports
     WHERE hromada_id = $1 AND id = $2 AND status = 'done'`,
    [hromadaId, id],
  );
  return r.rows[0]?.body ?? null;
}

export interface PeriodNoteRow {
  task_id: string;
  noted_on: string;
  body: string;
  status: TaskStatus | null;
}

/** The plan's progress notes dated within a period, oldest first (evidence files are not part of a report). */
export async function planNotesIn(c: PoolClient, hromadaId: number, planId: number, from: string, to: string) {
  return (
    await c.query<PeriodNoteRow>(
      `SELECT n.task_id, to_char(n.noted_on, 'YYYY-MM-DD') AS noted_on, n.body, n.status
       FROM plan_task_notes n JOIN plan_tasks t ON t.hromada_id = n.hromada_id AND t.id = n.task_id
       WHERE n.hromada_id = $1 AND t.plan_id = $2 AND n.noted_on BETWEEN $3 AND $4
       ORDER BY n.noted_on, n.created_at`,
      [hromadaId, planId, from, to],
    )
  ).rows;
}
