import type { Queryable } from '../residents.queries.js';
import type { Channel, ContactsInput, Need } from './profile.schema.js';

/** Reads and writes of resident_profiles (an account table: always by user_id). */

export interface ProfileRow {
  phone: string | null;
  contact_email: string | null;
  contact_channel: Channel;
  email_notifications: boolean;
  text_size: 'normal' | 'large' | 'larger';
  contrast: 'normal' | 'high';
  needs: Need[];
  other_needs: string | null;
  updated_at: Date;
}
const COLUMNS =
  'phone, contact_email, contact_channel, email_notifications, text_size, contrast, needs, other_needs, updated_at';

export async function findProfile(q: Queryable, userId: string, forUpdate = false): Promise<ProfileRow | null> {
  const { rows } = await q.query<ProfileRow>(
    `SELECT ${COLUMNS} FROM resident_profiles WHERE user_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [userId],
  );
  return rows[0] ?? null;
}

/** Column of each field (the audit names the changed columns, never their values). */
const FIELDS: [keyof ContactsInput, keyof ProfileRow][] = [
  ['phone', 'phone'],
  ['contactEmail', 'contact_email'],
  ['contactChannel', 'contact_channel'],
  ['emailNotifications', 'email_notifications'],
  ['textSize', 'text_size'],
  ['contrast', 'contrast'],
  ['needs', 'needs'],
  ['otherNeeds', 'other_needs'],
];

/** Creates or updates the profile; returns the changed columns (all set ones for a new profile). */
export async function saveProfile(q: Queryable, userId: string, p: ContactsInput): Promise<string[]> {
  const before = await findProfile(q, userId, true);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changed = FIELDS.filter(([f, col]) => !before || !same(before[col], p[f])).map(([, col]) => col);
  if (!changed.length) return [];
  await q.query(
    `INSERT INTO resident_profiles (user_id, phone, contact_email, contact_channel, email_notifications, text_size, contrast,
       needs, other_needs)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (user_id) DO UPDATE SET phone = $2, contact_email = $3, contact_channel = $4, email_notifications = $5,
       text_size = $6, contrast = $7, needs = $8, other_needs = $9, updated_at = now()`,
    [
      userId,
      p.phone,
      p.contactEmail,
      p.contactChannel,
      p.emailNotifications,
      p.textSize,
      p.contrast,
      p.needs,
      p.otherNeeds,
    ],
  );
  return changed;
}

/**
 * The default profile (e-mail notifications on, to the sign-in address) for a new account, so that
 * notifications are e-mailed from the first day; an existing profile is left as it is.
 */
export async function ensureProfile(q: Queryable, userId: string): Promise<void> {
  await q.query('INSERT INTO resident_profiles (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [userId]);
}

/**
 * What notifications need: whether to e-mail and where (the contact address, else the sign-in
 * address). An account without a saved profile has the profile's defaults (e-mails on).
 */
export async function emailPreference(
  q: Queryable,
  userId: string,
): Promise<{ send: boolean; address: string | null } | null> {
  const { rows } = await q.query<{ send: boolean; address: string | null }>(
    `SELECT coalesce(p.email_notifications, true) AS send, coalesce(p.contact_email, u.email) AS address
     FROM users u LEFT JOIN resident_profiles p ON p.user_id = u.id WHERE u.id = $1 AND u.kind = 'resident'`,
    [userId],
  );
  return rows[0] ?? null;
}
