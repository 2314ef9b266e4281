import crypto from 'node:crypto';
import { authenticator } from 'otplib';
import type { TestApp } from '../helpers/app.js';
import type { HttpClient } from '../helpers/http.js';
import { TEST_CREDS } from '../helpers/env.js';
import { signInAs } from '../helpers/session.js';
import { passwordHash } from './password.js';
import { actorForUser, loadUserRow } from '../../src/platform/actor.js';
import type { Actor, Role, TenantActor } from '../../src/platform/policy.js';
import { demoHromada, demoHromadaId } from './hromada.js';

export interface StaffOptions {
  /** Unique; generated when not given. */
  username?: string;
  displayName?: string;
  /** The hromada of the grant and the user's home hromada (the demo hromada by default). */
  hromadaId?: number;
  role?: Role;
  /** A starosta's district (default: the hromada's first district) — `null` for no district. */
  districtId?: number | null;
  /** A provider's agency (default: the hromada's first provider agency) — `null` for no agency. */
  agencyId?: number | null;
  /** TOTP switched on with a secret of its own (returned), so `loginStaff` can sign in through the pages. */
  enrolled?: boolean;
  /** The password was changed after the first sign-in (otherwise it is a temporary one, as an admin-made user's). */
  passwordChanged?: boolean;
  /** Without a grant (a user with no role anywhere). */
  noGrant?: boolean;
}

export interface StaffUser {
  userId: string;
  username: string;
  hromadaId: number;
  grantId: number | null;
  /** The test password (TEST_CREDS.password). */
  password: string;
  /** The TOTP secret (in use when `enrolled`). */
  totpSecret: string;
}

let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}.${crypto.randomBytes(3).toString('hex')}`;

/**
 * A staff member with the test password and one grant (`worker` in the demo hromada by default; a starosta
 * gets a district and a provider an agency, as the database requires). Sign them in with `signedIn`
 * (a session) or `loginStaff` (the pages; needs `enrolled`).
 */
export async function staffUser(t: TestApp, o: StaffOptions = {}): Promise<StaffUser> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  const username = o.username ?? unique('staff.');
  const totpSecret = authenticator.generateSecret(20);
  const userId = (
    await t.owner<{ id: string }>(
      `INSERT INTO users (kind, username, display_name, password_hash, totp_secret, totp_enabled_at, home_hromada_id,
       password_changed_at)
     VALUES ('staff', $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        username,
        o.displayName ?? `Тест ${username}`,
        await passwordHash(TEST_CREDS.password),
        o.enrolled ? t.services.box.seal(totpSecret) : null,
        o.enrolled ? new Date() : null,
        hromadaId,
        o.passwordChanged ? new Date() : null,
      ],
    )
  ).rows[0].id;
  const grantId = o.noGrant ? null : await grant(t, userId, o.role ?? 'worker', o);
  return { userId, username, hromadaId, grantId, password: TEST_CREDS.password, totpSecret };
}

/** A further grant of a user (in another hromada, or another role); returns its id. */
export async function grant(
  t: TestApp,
  userId: string,
  role: Role,
  o: { hromadaId?: number; districtId?: number | null; agencyId?: number | null } = {},
): Promise<number> {
  const hromadaId = o.hromadaId ?? (await demoHromadaId(t));
  const districtId =
    o.districtId !== undefined
      ? o.districtId
      : role === 'starosta'
        ? await firstId(t, 'SELECT id FROM districts WHERE hromada_id = $1 ORDER BY id LIMIT 1', hromadaId)
        : null;
  const agencyId =
    o.agencyId !== undefined
      ? o.agencyId
      : role === 'provider'
        ? await firstId(
            t,
            "SELECT id FROM agencies WHERE hromada_id = $1 AND kind = 'provider' ORDER BY id LIMIT 1",
            hromadaId,
          )
        : null;
  return (
    await t.owner<{ id: number }>(
      'INSERT INTO grants (hromada_id, user_id, role, district_id, agency_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [hromadaId, userId, role, districtId, agencyId],
    )
  ).rows[0].id;
}

async function firstId(t: TestApp, sql: string, hromadaId: number): Promise<number | null> {
  return (await t.owner<{ id: number }>(sql, [hromadaId])).rows[0]?.id ?? null;
}

/** A user's id by username (the demo staff: admin, manager, worker, frontdesk, starosta, provider, children). */
export async function userId(t: TestApp, username: string): Promise<string> {
  const { rows } = await t.owner<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  if (!rows[0]) throw new Error(`no user ${username}`);
  return rows[0].id;
}

/**
 * A user as the app sees them when they act in a hromada (their real grants there), for calling use-cases
 * directly. The demo worker in the demo hromada by default.
 */
export async function staffActor(
  t: TestApp,
  o: { username?: string; userId?: string; hromadaId?: number } = {},
): Promise<TenantActor> {
  const id = o.userId ?? (await userId(t, o.username ?? 'worker'));
  const user = await loadUserRow(t.services.db, id);
  if (!user) throw new Error(`no user ${id}`);
  const actor: Actor = await actorForUser(t.services.db, user, o.hromadaId ?? (await demoHromada(t)).id, 'session');
  if (actor.kind !== 'staff' || actor.hromadaId === null) throw new Error('not a staff actor');
  return { ...actor, kind: 'staff', hromadaId: actor.hromadaId };
}

/**
 * A client signed in (a real session, second factor passed) as a user: a demo username, a factory's user,
 * or a resident by e-mail; in the demo hromada unless `hromadaCode` says otherwise.
 */
export async function signedIn(
  t: TestApp,
  who: string | { username?: string; email?: string },
  o: { client?: HttpClient; hromadaCode?: string } = {},
): Promise<HttpClient> {
  const client = o.client ?? t.client();
  const w = typeof who === 'string' ? { username: who } : who;
  if (o.hromadaCode) await signInAs(t, client, w, o.hromadaCode);
  else await signInAs(t, client, w);
  return client;
}
