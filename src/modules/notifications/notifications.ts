import type { PoolClient } from 'pg';
import { formatDate, translator } from '../../platform/i18n.js';
import { isUuid } from '../../platform/ids.js';
import {
  deliveringProvider,
  insertNotification,
  linkedResidentOf,
  loadNotifySubject,
  markNotificationsRead,
  notificationsOf,
  verifiedResidentByEmail,
  type NotificationKind,
  type NotificationRow,
  type NotifySubjectRow,
} from './notifications.queries.js';
import { emailPreference } from '../residents/profile/profile.queries.js';

export type { NotificationKind } from './notifications.queries.js';

export interface NotifyOptions {
  hromadaId: number;
  applicationId: string;
  kind: Exclude<NotificationKind, VisitNotice['kind']>;
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
const k = (key: string, o: Record<string, unknown> = {}) => t(`notifications.${key}`, o);

/**
 * The resident account of a person: the account linked to the person in the cabinet (verified at
 * the front office or through ID.GOV.UA), else a verified resident account with the person's e-mail.
 */
export async function residentFor(c: PoolClient, personId: string, email: string | null): Promise<string | null> {
  const linked = await linkedResidentOf(c, personId);
  if (linked) return linked;
  if (!email) return null;
  return verifiedResidentByEmail(c, email);
}

/**
 * Tells the applicant what happened and what to do by when: a notification for the cabinet
 * and, when the person has an e-mail, a message in the outbox (sent after commit). A resident
 * with a profile gets e-mails only when they asked for them, at their contact address. Runs in
 * the caller's transaction; the text names the application and service, never identifiers.
 */
export async function notifyApplicant(c: PoolClient, o: NotifyOptions): Promise<string | null> {
  const a = await loadNotifySubject(c, o.applicationId);
  if (!a || !a.registration_number) return null;
  const base = { number: a.registration_number, service: a.service_name };
  const text = await notificationText(c, o, a, base);
  const personEmail = a.person_email?.trim() || null;
  // The account that filed the application online gets its news; else the person's resident account.
  const userId = a.applicant_user_id ?? (a.person_id ? await residentFor(c, a.person_id, personEmail) : null);
  // A resident's profile decides: no e-mails when they said no, else to their contact address.
  const preference = userId ? await emailPreference(c, userId) : null;
  const email = preference ? (preference.send ? preference.address : null) : personEmail;
  return insertNotification(c, {
    hromadaId: o.hromadaId,
    userId,
    applicationId: o.applicationId,
    kind: o.kind,
    text,
    emailTo: email,
    emailSubject: email ? k(`subject.${o.kind}`, base) : null,
  });
}

async function notificationText(
  c: PoolClient,
  o: NotifyOptions,
  a: NotifySubjectRow,
  base: { number: string; service: string },
): Promise<string> {
  switch (o.kind) {
    case 'message':
      return k('message', { link: o.link ?? '' });
    case 'registered':
      return k('registered', { ...base, date: formatDate(a.registered_on), deadline: formatDate(a.deadline) });
    case 'documents_requested':
      return k('documentsRequested', {
        ...base,
        due: formatDate(o.dueOn ?? null),
        list: (o.documents ?? []).join('; '),
      });
    case 'granted':
      return k('granted', { ...base, decision: o.decisionNumber ?? '' });
    case 'refused':
      return k('refused', { ...base, decision: o.decisionNumber ?? '', reason: a.refusal_reason ?? '' });
    case 'in_delivery': {
      // The provider the service was handed over to, when there is one (assignments).
      const provider = await deliveringProvider(c, o.applicationId);
      return provider ? k('inDeliveryBy', { ...base, provider }) : k('inDelivery', base);
    }
    case 'completed':
      return k('completed', base);
  }
}

/** A notification about a visit (booked, reminded, cancelled): not about an application. */
export interface VisitNotice {
  hromadaId: number;
  kind: 'appointment_booked' | 'appointment_reminder' | 'appointment_cancelled';
  /** The resident account that sees it in the cabinet (it decides about e-mails), when there is one. */
  userId: string | null;
  /** The address and number given with the booking, used when there is no account. */
  email: string | null;
  phone: string | null;
  subject: string;
  text: string;
}

/**
 * Tells a resident about their visit: in the cabinet when they have an account, by e-mail (an account's profile
 * decides whether and where) and by SMS when a number was given. Written in the caller's transaction; the outbox sends
 * it after the commit.
 */
export async function notifyVisit(c: PoolClient, n: VisitNotice): Promise<string> {
  const preference = n.userId ? await emailPreference(c, n.userId) : null;
  const email = preference ? (preference.send ? preference.address : null) : n.email;
  return insertNotification(c, {
    hromadaId: n.hromadaId,
    userId: n.userId,
    applicationId: null,
    kind: n.kind,
    text: n.text,
    emailTo: email,
    emailSubject: email ? n.subject : null,
    smsTo: n.phone,
  });
}

export type NotificationItem = NotificationRow;

/**
 * A resident's notifications, newest first. The transaction may be the resident's own (no
 * hromada: the `own` policy shows the user's rows in every hromada).
 */
export async function listNotifications(c: PoolClient, userId: string, limit = 100): Promise<NotificationItem[]> {
  return notificationsOf(c, userId, limit);
}

/** Marks the user's notification (or all of them, without `id`) read; returns how many changed. */
export async function markRead(c: PoolClient, userId: string, id?: string): Promise<number> {
  if (id !== undefined && !isUuid(id)) return 0;
  return markNotificationsRead(c, userId, id);
}
