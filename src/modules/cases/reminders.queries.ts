import type { Queryable } from '../../platform/db.js';

/** A reminder due to one member of staff: a plan review of a case they manage, or a task of theirs on a case team. */
export interface ReminderRow {
  kind: 'review' | 'task';
  item_id: string;
  due_on: string;
  stage: 'soon' | 'overdue';
  user_id: string;
  email: string;
  display_name: string;
  locale: string;
  case_number: string;
}

/**
 * Claims the reminders of the hromada not sent yet, as of `today`: plan reviews of open cases and open tasks of
 * present team members with an account, due by `until` (soon) or before `today` (overdue), for active staff with an
 * e-mail address. Each is recorded in `case_reminders` in the same statement, so it is claimed once — by this run, and
 * never again for that due day and stage.
 */
export async function claimReminders(
  c: Queryable,
  hromadaId: number,
  today: string,
  until: string,
): Promise<ReminderRow[]> {
  const { rows } = await c.query<ReminderRow>(
    `WITH due AS (
       SELECT 'review' AS kind, k.id AS item_id, pl.review_on AS due_on, k.manager_id AS user_id, k.number AS case_number
       FROM case_plans pl JOIN cases k ON k.hromada_id = pl.hromada_id AND k.id = pl.case_id
       WHERE pl.hromada_id = $1 AND pl.review_on <= $3::date AND k.status <> 'closed'
       UNION ALL
       SELECT 'task', t.id, t.due_on, m.user_id, k.number
       FROM case_tasks t
         JOIN case_team m ON m.hromada_id = t.hromada_id AND m.id = t.assignee_id
         JOIN cases k ON k.hromada_id = t.hromada_id AND k.id = t.case_id
       WHERE t.hromada_id = $1 AND t.done_on IS NULL AND t.due_on <= $3::date AND m.user_id IS NOT NULL
         AND m.removed_at IS NULL AND k.status <> 'closed'
     ), staged AS (
       SELECT d.*, CASE WHEN d.due_on < $2::date THEN 'overdue' ELSE 'soon' END AS stage, u.email, u.display_name, u.locale
       FROM due d JOIN users u ON u.id = d.user_id
       WHERE u.active AND u.email IS NOT NULL AND u.email <> ''
     ), claimed AS (
       INSERT INTO case_reminders (hromada_id, kind, item_id, due_on, stage, user_id)
       SELECT $1, kind, item_id, due_on, stage, user_id FROM staged
       ON CONFLICT DO NOTHING
       RETURNING kind, item_id, due_on, stage
     )
     SELECT s.kind, s.item_id, to_char(s.due_on, 'YYYY-MM-DD') AS due_on, s.stage, s.user_id, s.email, s.display_name,
       s.locale, s.case_number
     FROM staged s JOIN claimed x ON x.kind = s.kind AND x.item_id = s.item_id AND x.due_on = s.due_on AND x.stage = s.stage
     ORDER BY s.user_id, s.due_on, s.case_number`,
    [hromadaId, today, until],
  );
  return rows;
}

/** The active hromadas (the reminders run over each, in its own tenant transaction). */
export async function activeHromadaIds(c: Queryable): Promise<number[]> {
  const { rows } = await c.query<{ id: number }>('SELECT id FROM hromadas WHERE active ORDER BY id');
  return rows.map((r) => r.id);
}
