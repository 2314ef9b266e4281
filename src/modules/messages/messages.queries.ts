import type { PoolClient } from 'pg';
import type { Status } from '../applications/status-machine.js';
import { isUuid } from '../../platform/ids.js';
import type { FileType } from '../cabinet/cabinet.files.js';

export type AuthorKind = 'resident' | 'staff';

export interface MessageRow {
  id: string;
  author_kind: AuthorKind;
  author_id: string;
  author_name: string;
  body: string;
  created_at: Date;
  read_by_resident_at: Date | null;
  read_by_staff_at: Date | null;
}

/** The conversation of an application, oldest first. */
export async function loadMessages(c: PoolClient, applicationId: string): Promise<MessageRow[]> {
  const { rows } = await c.query<MessageRow>(
    `SELECT m.id, m.author_kind, m.author_id, u.display_name AS author_name, m.body, m.created_at,
       m.read_by_resident_at, m.read_by_staff_at
     FROM application_messages m JOIN users u ON u.id = m.author_id
     WHERE m.application_id = $1 ORDER BY m.created_at, m.id`,
    [applicationId],
  );
  return rows;
}

export interface MessageFileRow {
  id: string;
  message_id: string;
  file_name: string;
  content_type: FileType;
  size: number;
}

/** The files sent with the application's messages (documents of the application that name their message). */
export async function loadMessageFiles(c: PoolClient, applicationId: string): Promise<MessageFileRow[]> {
  const { rows } = await c.query<MessageFileRow>(
    `SELECT id, message_id, file_name, content_type, size FROM application_documents
     WHERE application_id = $1 AND message_id IS NOT NULL ORDER BY uploaded_at, file_name, id`,
    [applicationId],
  );
  return rows;
}

/** One file sent with a message of the application (documents given otherwise are not the conversation's). */
export async function messageFile(
  c: PoolClient,
  applicationId: string,
  id: string,
): Promise<(MessageFileRow & { storage_key: string }) | null> {
  if (!isUuid(id)) return null;
  const { rows } = await c.query<MessageFileRow & { storage_key: string }>(
    `SELECT id, message_id, file_name, content_type, size, storage_key FROM application_documents
     WHERE application_id = $1 AND id = $2 AND message_id IS NOT NULL`,
    [applicationId, id],
  );
  return rows[0] ?? null;
}

/**
 * Adds a message unless this form (its key) already added one to the application; the author's
 * own side starts read. Returns the new id, or null for a repeated post.
 */
export async function insertMessage(
  c: PoolClient,
  m: {
    hromadaId: number;
    applicationId: string;
    authorKind: AuthorKind;
    authorId: string;
    body: string;
    key: string;
  },
): Promise<string | null> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO application_messages (hromada_id, application_id, author_kind, author_id, body, idempotency_key,
       read_by_resident_at, read_by_staff_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $3 = 'resident' THEN clock_timestamp() END, CASE WHEN $3 = 'staff' THEN clock_timestamp() END)
     ON CONFLICT (application_id, idempotency_key) DO NOTHING RETURNING id`,
    [m.hromadaId, m.applicationId, m.authorKind, m.authorId, m.body, m.key],
  );
  return rows[0]?.id ?? null;
}

/** Marks the other side's messages read by `reader`; returns how many were new to them. */
export async function markRead(c: PoolClient, applicationId: string, reader: AuthorKind): Promise<number> {
  const column = reader === 'resident' ? 'read_by_resident_at' : 'read_by_staff_at';
  const r = await c.query(
    `UPDATE application_messages SET ${column} = now() WHERE application_id = $1 AND ${column} IS NULL`,
    [applicationId],
  );
  return r.rowCount ?? 0;
}

export interface ConversationRow {
  application_id: string;
  registration_number: string | null;
  service_name: string;
  person_name: string;
  status: Status;
  unread: number;
  last_at: Date;
}

/** The resident's conversations: applications of these persons that have messages, latest first. */
export async function residentConversations(
  c: PoolClient,
  hromadaId: number,
  personIds: string[],
  userId: string,
): Promise<ConversationRow[]> {
  // Also the applications the account filed itself before its identity was confirmed (the name it typed, not the registry's).
  const { rows } = await c.query<ConversationRow>(
    `SELECT a.id AS application_id, a.registration_number, s.name AS service_name, a.status,
       CASE WHEN a.person_id = ANY($2::uuid[]) THEN concat_ws(' ', p.last_name, p.first_name, p.patronymic)
         ELSE concat_ws(' ', aa.last_name, aa.first_name, aa.patronymic) END AS person_name,
       count(*) FILTER (WHERE m.read_by_resident_at IS NULL)::int AS unread, max(m.created_at) AS last_at
     FROM application_messages m
     JOIN applications a ON a.id = m.application_id
     JOIN services s ON s.id = a.service_id
     LEFT JOIN persons p ON p.id = a.person_id
     LEFT JOIN application_applicants aa ON aa.hromada_id = a.hromada_id AND aa.application_id = a.id
     WHERE a.hromada_id = $1 AND (a.person_id = ANY($2::uuid[]) OR a.applicant_user_id = $3)
     GROUP BY a.id, s.name, p.last_name, p.first_name, p.patronymic, aa.last_name, aa.first_name, aa.patronymic
     ORDER BY max(m.created_at) DESC, a.id`,
    [hromadaId, personIds, userId],
  );
  return rows;
}

/** Applications (within a district, when given) with residents' messages nobody in the office has read; longest waiting first. */
export async function staffUnread(
  c: PoolClient,
  o: { hromadaId: number; districtId?: number; limit: number; offset: number },
): Promise<{ rows: ConversationRow[]; total: number }> {
  const values: unknown[] = [o.hromadaId];
  let district = '';
  if (o.districtId !== undefined) {
    values.push(o.districtId);
    district = 'AND a.district_id = $2';
  }
  const from = `FROM (SELECT application_id, count(*)::int AS unread, min(created_at) AS first_unread, max(created_at) AS last_at
       FROM application_messages WHERE hromada_id = $1 AND read_by_staff_at IS NULL GROUP BY application_id) u
     JOIN applications a ON a.id = u.application_id
     JOIN services s ON s.id = a.service_id
     LEFT JOIN persons p ON p.id = a.person_id
     LEFT JOIN application_applicants aa ON aa.hromada_id = a.hromada_id AND aa.application_id = a.id AND a.person_id IS NULL
     WHERE a.hromada_id = $1 ${district}`;
  const total = await c.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, values);
  const { rows } = await c.query<ConversationRow>(
    `SELECT a.id AS application_id, a.registration_number, s.name AS service_name, a.status,
       CASE WHEN p.id IS NULL THEN concat_ws(' ', aa.last_name, aa.first_name, aa.patronymic)
         ELSE concat_ws(' ', p.last_name, p.first_name, p.patronymic) END AS person_name, u.unread, u.last_at
     ${from}
     ORDER BY u.first_unread, a.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, o.limit, o.offset],
  );
  return { rows, total: total.rows[0].n };
}
