import crypto from 'node:crypto';
import type { TestApp } from '../helpers/app.js';
import { RESIDENT_PASSWORD } from '../helpers/residents.js';
import { passwordHash } from './password.js';

export interface ResidentOptions {
  /** Unique; generated when not given. */
  email?: string;
  name?: string;
  /** E-mail confirmed (default true): the account can use the cabinet. */
  verified?: boolean;
  /** Sets a password (RESIDENT_PASSWORD with `true`), so the resident can sign in through the login page. */
  password?: string | true;
  /** Links the account to registry persons (as an ID.GOV.UA sign-in would): the cabinet shows their applications. */
  persons?: string[];
}

export interface Resident {
  userId: string;
  email: string;
  password: string | null;
}

let seq = 0;

/** A registered resident account (e-mail verified unless `verified: false`). */
export async function resident(t: TestApp, o: ResidentOptions = {}): Promise<Resident> {
  const email = o.email ?? `resident.${++seq}.${crypto.randomBytes(3).toString('hex')}@example.com`;
  const password = o.password === true ? RESIDENT_PASSWORD : (o.password ?? null);
  const userId = (
    await t.owner<{ id: string }>(
      `INSERT INTO users (kind, email, display_name, email_verified_at, password_hash, password_changed_at)
     VALUES ('resident', $1, $2, $3, $4, $5) RETURNING id`,
      [
        email,
        o.name ?? 'Мешканець Тестовий',
        o.verified === false ? null : new Date(),
        password ? await passwordHash(password) : null,
        password ? new Date() : null,
      ],
    )
  ).rows[0].id;
  for (const personId of o.persons ?? []) await linkPerson(t, userId, personId);
  return { userId, email, password };
}

/** Links a resident account to a registry person of any hromada (verified through ID.GOV.UA). */
export async function linkPerson(t: TestApp, userId: string, personId: string): Promise<void> {
  await t.owner(
    `INSERT INTO resident_persons (user_id, person_id, hromada_id, verified_by)
     SELECT $1, id, hromada_id, 'oidc' FROM persons WHERE id = $2`,
    [userId, personId],
  );
}

/** The id of an existing resident account by e-mail (the demo resident is resident@example.com). */
export async function residentId(t: TestApp, email = 'resident@example.com'): Promise<string> {
  const { rows } = await t.owner<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
  if (!rows[0]) throw new Error(`no resident ${email}`);
  return rows[0].id;
}
