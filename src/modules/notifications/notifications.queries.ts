/** The notifications of applicants (the cabinet's list and the e-mail outbox) and whom they go to. */
import { prepared, type Queryable } from '../../platform/db.js';

/** What a notification names: the application's number and service, its dates and the person it is for. */
export interface NotifySubjectRow {
  registration_number: string | null;
  service_name: string;
  person_id: string | null;
  /** The resident account that filed the application online without a registry link. */
  applicant_user_id: string | null;
  person_email: string | null;
  registered_on: string | null;
  deadline: string | null;
  refusal_reason: string | null;
}

export async function loadNotifySubject(c: Queryable, applicationId: string): Promise<NotifySubjectRow | null> {
  const { rows } = await c.query<NotifySubjectRow>(
    `SELECT a.registration_number, s.name AS service_name, p.id AS person_id, a.applicant_user_id,
       p.email AS person_email, to_char(a.registered_on, 'YYYY-MM-DD') AS registered_on,
       to_char(a.deadline, 'YYYY-MM-DD') AS deadline, a.refusal_reason
     FROM applications a LEFT JOIN persons p ON p.id = a.person_id JOIN services s ON s.id = a.service_id
     WHERE a.id = $1`,
    [applicationId],
  );
  return rows[0] ?? null;
}

/** The resident account linked to the person in the cabinet (the newest link). */
export async function linkedResidentOf(c: Queryable, personId: string): Promise<string | null> {
  const { rows } = await c.query<{ user_id: string }>(
    'SELECT user_id FROM resident_persons WHERE person_id = $1 ORDER BY verified_at DESC LIMIT 1',
    [personId],
  );
  return rows[0]?.user_id ?? null;
}

/** A verified, active resident account with this e-mail (any case). */
export async function verifiedResidentByEmail(c: Queryable, email: string): Promise<string | null> {
  const { rows } = await c.query<{ id: string }>(
    `SELECT id FROM users WHERE kind = 'resident' AND active AND email_verified_at IS NOT NULL AND lower(email) = lower($1)`,
    [email],
  );
  return rows[0]?.id ?? null;
}

/** A notification for the cabinet (and, with `emailTo`, a message in the outbox); returns its id. */
export async function insertNotification(
  c: Queryable,
  n: {
    hromadaId: number;
    userId: string | null;
    applicationId: string | null;
    kind: string;
    text: string;
    emailTo: string | null;
    emailSubject: string | null;
    smsTo?: string | null;
  },
): Promise<string> {
  // Prepared: every notice of a booking, an application's step or a case writes it (issue 15: its planning cost more
  // than the insert).
  const { rows } = await c.query<{ id: string }>(
    prepared(
      `INSERT INTO notifications (hromada_id, user_id, application_id, kind, text, email_to, email_subject, sms_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [n.hromadaId, n.userId, n.applicationId, n.kind, n.text, n.emailTo, n.emailSubject, n.smsTo ?? null],
    ),
  );
  return rows[0].id;
}

/** The provider the application's service was handed over to (not a declined one), if any. */
export async function deliveringProvider(c: Queryable, applicationId: string): Promise<string | null> {
  const { rows } = await c.query<{ name: string }>(
    `SELECT g.name FROM service_assignments s JOIN agencies g ON g.id = s.agency_id
     WHERE s.application_id = $1 AND s.status <> 'declined'`,
    [applicationId],
  );
  return rows[0]?.name ?? null;
}

export type NotificationKind =
  | 'registered'
  | 'documents_requested'
  | 'granted'
  | 'refused'
  | 'message'
  | 'in_delivery'
  | 'completed'
  | 'appointment_booked'
  | 'appointment_reminder'
  | 'appointment_cancelled';

export interface NotificationRow {
  id: string;
  applicationId: string | null;
  kind: NotificationKind;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}

export async function notificationsOf(c: Queryable, userId: string, limit: number): Promise<NotificationRow[]> {
  const { rows } = await c.query<NotificationRow>(
    `SELECT id, application_id AS "applicationId", kind, text, created_at AS "createdAt", read_at AS "readAt"
     FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`,
    [userId, limit],
  );
  return rows;
}

/** Marks the user's notification (or all of them) read; returns how many changed. */
export async function markNotificationsRead(c: Queryable, userId: string, id?: string): Promise<number> {
  const r = id
    ? await c.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = $2 AND read_at IS NULL', [
        userId,
        id,
      ])
    : await c.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return r.rowCount ?? 0;
}

export interface OutboxRow {
  id: string;
  email_to: string | null;
  email_subject: string | null;
  sms_to: string | null;
  text: string;
}

/** Locks up to `batch` pending e-mails of notifications (SKIP LOCKED: several processes share the work). */
export async function claimOutbox(c: Queryable, batch: number): Promise<OutboxRow[]> {
  const { rows } = await c.query<OutboxRow>(
    'SELECT id, email_to, email_subject, sms_to, text FROM notification_outbox_claim($1)',
    [batch],
  );
  return rows;
}

export async function outboxDone(c: Queryable, ids: string[]): Promise<void> {
  await c.query('SELECT notification_outbox_done($1::uuid[])', [ids]);
}
