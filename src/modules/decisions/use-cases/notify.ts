import type { PoolClient } from 'pg';
import { formatDate, translator } from '../../../platform/i18n.js';
import { UUID } from '../../persons-web/form.js';
import { loadDecisionSubject } from '../decisions.queries.js';
import { emailPreference } from '../../residents/profile/profile.queries.js';

export type NotificationKind = 'registered' | 'documents_requested' | 'granted' | 'refused' | 'message' | 'in_delivery' | 'completed';

export interface NotifyOptions {
  hromadaId: number;
  applicationId: string;
  kind: NotificationKind;
  /** documents_requested: what to bring and by when (ISO date). */
  documents?: string[];
  dueOn?: string;
  /** granted / refused: the decision's number. */
  decisionNumber?: string;
  /** message: where the resident reads it (the text says only that there is a new message, never what it says). */
  link?: string;
}

/** Notifications are official messages of the hromada: always in Ukrainian. */
const t = translator('uk');
const k = (key: string, o: Record<string, unknown> = {}) => t(`decisions.notify.${key}`, o);

/**
 * The resident account of a person: the account linked to the person in the cabinet (verified at
 * the front office or through ID.GOV.UA), else a verified resident account with the person's e-mail.
 */
export async function residentFor(c: PoolClient, personId: string, email: string | null): Promise<string | null> {
  const linked = await c.query<{ user_id: string }>(
    'SELECT user_id FROM resident_persons WHERE person_id = $1 ORDER BY verified_at DESC LIMIT 1', [personId]);
  if (linked.rows[0]) return linked.rows[0].user_id;
  if (!email) return null;
  const { rows } = await c.query<{ id: string }>(
    `SELECT id FROM users WHERE kind = 'resident' AND active AND email_verified_at IS NOT NULL AND lower(email) = lower($1)`, [email]);
  return rows[0]?.id ?? null;
}

/**
 * Tells the applicant what happened and what to do by when: a notification for the cabinet
 * and, when the person has an e-mail, a message in the outbox (sent after commit). A resident
 * with a profile gets e-mails only when they asked for them, at their contact address. Runs in
 * the caller's transaction; the text names the application and service, never identifiers.
 */
export async function notifyApplicant(c: PoolClient, o: NotifyOptions): Promise<string | null> {
  const a = await loadDecisionSubject(c, o.applicationId);
  if (!a || !a.registration_number) return null;
  const base = { number: a.registration_number, service: a.service_name };
  const text = await notificationText(c, o, a, base);
  const personEmail = a.person_email?.trim() || null;
  // The account that filed the application online gets its news; else the person's resident account.
  const userId = a.applicant_user_id ?? (a.person_id ? await residentFor(c, a.person_id, personEmail) : null);
  // A resident's profile decides: no e-mails when they said no, else to their contact address.
  const preference = userId ? await emailPreference(c, userId) : null;
  const email = preference ? (preference.send ? preference.address : null) : personEmail;
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO notifications (hromada_id, user_id, application_id, kind, text, email_to, email_subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [o.hromadaId, userId, o.applicationId, o.kind, text, email, email ? k(`subject.${o.kind}`, base) : null]);
  return rows[0].id;
}

async function notificationText(c: PoolClient, o: NotifyOptions, a: NonNullable<Awaited<ReturnType<typeof loadDecisionSubject>>>,
  base: { number: string; service: string }): Promise<string> {
  switch (o.kind) {
    case 'message': return k('message', { link: o.link ?? '' });
    case 'registered': return k('registered', { ...base, date: formatDate(a.registered_on), deadline: formatDate(a.deadline) });
    case 'documents_requested':
      return k('documentsRequested', { ...base, due: formatDate(o.dueOn ?? null), list: (o.documents ?? []).join('; ') });
    case 'granted': return k('granted', { ...base, decision: o.decisionNumber ?? '' });
    case 'refused': return k('refused', { ...base, decision: o.decisionNumber ?? '', reason: a.refusal_reason ?? '' });
    case 'in_delivery': {
      // The provider the service was handed over to, when there is one (assignments).
      const { rows } = await c.query<{ name: string }>(
        `SELECT g.name FROM service_assignments s JOIN agencies g ON g.id = s.agency_id
         WHERE s.application_id = $1 AND s.status <> 'declined'`, [o.applicationId]);
      return rows[0] ? k('inDeliveryBy', { ...base, provider: rows[0].name }) : k('inDelivery', base);
    }
    case 'completed': return k('completed', base);
  }
}

export interface NotificationItem {
  id: string; applicationId: string | null; kind: NotificationKind; text: string; createdAt: Date; readAt: Date | null;
}

/**
 * A resident's notifications, newest first. The transaction may be the resident's own (no
 * hromada: the `own` policy shows the user's rows in every hromada).
 */
export async function listNotifications(c: PoolClient, userId: string, limit = 100): Promise<NotificationItem[]> {
  const { rows } = await c.query<NotificationItem>(
    `SELECT id, application_id AS "applicationId", kind, text, created_at AS "createdAt", read_at AS "readAt"
     FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`, [userId, limit]);
  return rows;
}

/** Marks the user's notification (or all of them, without `id`) read; returns how many changed. */
export async function markRead(c: PoolClient, userId: string, id?: string): Promise<number> {
  if (id !== undefined && !UUID.test(id)) return 0;
  const r = id
    ? await c.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = $2 AND read_at IS NULL', [userId, id])
    : await c.query('UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return r.rowCount ?? 0;
}
