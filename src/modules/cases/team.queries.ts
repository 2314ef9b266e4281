import type { Queryable } from '../../platform/db.js';
import type { Who } from '../../platform/policy.js';
import type { AgencyKind, TeamRole } from './cases.queries.js';

/** Staff of the hromada who may work on cases (the accounts a team can take in). */
export async function teamCandidates(c: Queryable, hromadaId: number): Promise<{ id: string; name: string }[]> {
  const { rows } = await c.query<{ id: string; name: string }>(
    `SELECT u.id, u.display_name AS name FROM users u
     WHERE u.active AND u.kind = 'staff' AND EXISTS (SELECT 1 FROM grants g
       WHERE g.user_id = u.id AND g.hromada_id = $1 AND g.role IN ('manager', 'worker', 'children'))
     ORDER BY u.display_name COLLATE "uk-UA-x-icu"`,
    [hromadaId],
  );
  return rows;
}

/** Whether the account may work on cases in the hromada (a manager for a supervisor). */
export async function isCaseStaff(
  c: Queryable,
  hromadaId: number,
  userId: string,
  roles: readonly string[],
): Promise<boolean> {
  const { rows } = await c.query(
    `SELECT 1 FROM users u JOIN grants g ON g.user_id = u.id
     WHERE g.hromada_id = $1 AND u.id = $2 AND g.role = ANY($3::text[]) AND u.active AND u.kind = 'staff'`,
    [hromadaId, userId, roles],
  );
  return rows.length > 0;
}

export interface NewMember {
  hromadaId: number;
  caseId: string;
  userId: string | null;
  role: TeamRole;
  agencyKind: AgencyKind;
  caseRole: string;
  contactName: string | null;
  contactOrg: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  addedBy: string;
}

/** Adds a member; null when the account is on the team already. */
export async function insertMember(c: Queryable, m: NewMember): Promise<string | null> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO case_team (hromada_id, case_id, user_id, role, agency_kind, case_role, contact_name, contact_org,
       contact_phone, contact_email, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (hromada_id, case_id, user_id) WHERE user_id IS NOT NULL AND removed_at IS NULL DO NOTHING
     RETURNING id`,
    [
      m.hromadaId,
      m.caseId,
      m.userId,
      m.role,
      m.agencyKind,
      m.caseRole,
      m.contactName,
      m.contactOrg,
      m.contactPhone,
      m.contactEmail,
      m.addedBy,
    ],
  );
  return rows[0]?.id ?? null;
}

export interface MemberRow {
  id: string;
  user_id: string | null;
  name: string;
  role: TeamRole;
  case_role: string | null;
}

/** A current member of the case's team. */
export async function loadMember(
  c: Queryable,
  hromadaId: number,
  caseId: string,
  memberId: string,
): Promise<MemberRow | null> {
  const { rows } = await c.query<MemberRow>(
    `SELECT t.id, t.user_id, coalesce(u.display_name, t.contact_name) AS name, t.role, t.case_role
     FROM case_team t LEFT JOIN users u ON u.id = t.user_id
     WHERE t.hromada_id = $1 AND t.case_id = $2 AND t.id = $3 AND t.removed_at IS NULL`,
    [hromadaId, caseId, memberId],
  );
  return rows[0] ?? null;
}

/** Takes a member off the team (the row stays for the meetings and tasks that name them). */
export async function removeMember(c: Queryable, hromadaId: number, memberId: string, by: string): Promise<void> {
  await c.query(
    'UPDATE case_team SET removed_at = now(), removed_by = $3 WHERE hromada_id = $1 AND id = $2 AND removed_at IS NULL',
    [hromadaId, memberId, by],
  );
}

/** The case's open tasks of a member (they must be done or reassigned before the member leaves). */
export async function openTasksOf(c: Queryable, hromadaId: number, memberId: string): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM case_tasks WHERE hromada_id = $1 AND assignee_id = $2 AND done_on IS NULL',
    [hromadaId, memberId],
  );
  return rows[0].n;
}

export async function insertMeeting(
  c: Queryable,
  m: { hromadaId: number; caseId: string; heldOn: string; decisions: string; participants: string[]; by: Who },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO case_meetings (hromada_id, case_id, held_on, decisions, created_by, created_label)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [m.hromadaId, m.caseId, m.heldOn, m.decisions, m.by.userId, m.by.displayName],
  );
  const id = rows[0].id;
  await c.query(
    `INSERT INTO case_meeting_participants (hromada_id, case_id, meeting_id, member_id)
     SELECT $1, $2, $3, unnest($4::uuid[])`,
    [m.hromadaId, m.caseId, id, m.participants],
  );
  return id;
}

export async function insertTask(
  c: Queryable,
  t: {
    hromadaId: number;
    caseId: string;
    meetingId: string | null;
    title: string;
    assigneeId: string;
    dueOn: string;
    by: string;
  },
): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO case_tasks (hromada_id, case_id, meeting_id, title, assignee_id, due_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [t.hromadaId, t.caseId, t.meetingId, t.title, t.assigneeId, t.dueOn, t.by],
  );
  return rows[0].id;
}

export interface MeetingRow {
  id: string;
  held_on: string;
  decisions: string;
  created_label: string;
  participants: string[];
}

/** The case's team meetings, the latest first, with the names of those who took part. */
export async function caseMeetings(c: Queryable, hromadaId: number, caseId: string): Promise<MeetingRow[]> {
  const { rows } = await c.query<MeetingRow>(
    `SELECT m.id, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.decisions, m.created_label,
       coalesce((SELECT array_agg(coalesce(u.display_name, t.contact_name) ORDER BY coalesce(u.display_name, t.contact_name))
         FROM case_meeting_participants p JOIN case_team t ON t.hromada_id = p.hromada_id AND t.id = p.member_id
         LEFT JOIN users u ON u.id = t.user_id
         WHERE p.hromada_id = m.hromada_id AND p.meeting_id = m.id), '{}') AS participants
     FROM case_meetings m WHERE m.hromada_id = $1 AND m.case_id = $2 ORDER BY m.held_on DESC, m.created_at DESC`,
    [hromadaId, caseId],
  );
  return rows;
}

export interface TaskRow {
  id: string;
  case_id: string;
  meeting_id: string | null;
  title: string;
  assignee_id: string;
  assignee_user_id: string | null;
  assignee_name: string;
  due_on: string;
  done_on: string | null;
  done_note: string | null;
}

const SELECT_TASK = `SELECT k.id, k.case_id, k.meeting_id, k.title, k.assignee_id, t.user_id AS assignee_user_id,
    coalesce(u.display_name, t.contact_name) AS assignee_name, to_char(k.due_on, 'YYYY-MM-DD') AS due_on,
    to_char(k.done_on, 'YYYY-MM-DD') AS done_on, k.done_note
  FROM case_tasks k JOIN case_team t ON t.hromada_id = k.hromada_id AND t.id = k.assignee_id
  LEFT JOIN users u ON u.id = t.user_id`;

/** The case's tasks: open ones by due date, then the done ones. */
export async function caseTasks(c: Queryable, hromadaId: number, caseId: string): Promise<TaskRow[]> {
  const { rows } = await c.query<TaskRow>(
    `${SELECT_TASK} WHERE k.hromada_id = $1 AND k.case_id = $2
     ORDER BY k.done_on IS NOT NULL, k.due_on, k.created_at`,
    [hromadaId, caseId],
  );
  return rows;
}

export async function loadTask(c: Queryable, hromadaId: number, caseId: string, id: string): Promise<TaskRow | null> {
  const { rows } = await c.query<TaskRow>(`${SELECT_TASK} WHERE k.hromada_id = $1 AND k.case_id = $2 AND k.id = $3`, [
    hromadaId,
    caseId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function completeTask(
  c: Queryable,
  hromadaId: number,
  id: string,
  d: { doneOn: string; by: string; note: string | null },
): Promise<void> {
  await c.query(
    `UPDATE case_tasks SET done_on = $3, done_by = $4, done_note = $5
     WHERE hromada_id = $1 AND id = $2 AND done_on IS NULL`,
    [hromadaId, id, d.doneOn, d.by, d.note],
  );
}

export interface MyTaskRow extends TaskRow {
  case_number: string;
  restricted: boolean;
}

/** A page of the open tasks assigned to the account, soonest due first, with the total. */
export async function myOpenTasks(
  c: Queryable,
  hromadaId: number,
  userId: string,
  limit: number,
  offset: number,
): Promise<{ rows: MyTaskRow[]; total: number }> {
  const where = `k.hromada_id = $1 AND k.done_on IS NULL AND t.user_id = $2 AND t.removed_at IS NULL`;
  const total = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM case_tasks k JOIN case_team t ON t.hromada_id = k.hromada_id AND t.id = k.assignee_id
     WHERE ${where}`,
    [hromadaId, userId],
  );
  const { rows } = await c.query<MyTaskRow>(
    `SELECT x.*, cs.number AS case_number, cs.restricted FROM (${SELECT_TASK} WHERE ${where}) x
     JOIN cases cs ON cs.hromada_id = $1 AND cs.id = x.case_id
     ORDER BY x.due_on, x.title LIMIT $3 OFFSET $4`,
    [hromadaId, userId, limit, offset],
  );
  return { rows, total: total.rows[0].n };
}

/** How many open tasks the account has (the staff home's counter). */
export async function countMyOpenTasks(c: Queryable, hromadaId: number, userId: string): Promise<number> {
  const { rows } = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM case_tasks k JOIN case_team t ON t.hromada_id = k.hromada_id AND t.id = k.assignee_id
     WHERE k.hromada_id = $1 AND k.done_on IS NULL AND t.user_id = $2 AND t.removed_at IS NULL`,
    [hromadaId, userId],
  );
  return rows[0].n;
}
