import crypto from 'node:crypto';
import type { TestApp } from './app.js';

/** A new API token of a demo user in the hromada of the user's grant (stored hashed, as the app does). */
export async function apiTokenFor(t: TestApp, username: string): Promise<string> {
  const token = `tb_${username}_${crypto.randomBytes(12).toString('hex')}`;
  await t.owner(
    `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
     SELECT g.hromada_id, u.id, 'test', $2, $3 FROM users u JOIN grants g ON g.user_id = u.id WHERE u.username = $1 LIMIT 1`,
    [username, crypto.createHash('sha256').update(token).digest('hex'), token.slice(0, 7)]);
  return token;
}

/**
 * Another hromada (the first inactive one, activated) with a person, a service and a registered
 * application of its own: what the demo hromada's staff must never reach.
 */
export async function foreignApplication(t: TestApp): Promise<string> {
  const b = (await t.owner<{ id: number }>(
    "UPDATE hromadas SET active = true WHERE id = (SELECT id FROM hromadas WHERE NOT active ORDER BY code LIMIT 1) RETURNING id")).rows[0].id;
  const bp = (await t.owner<{ id: string }>(
    "INSERT INTO persons (hromada_id, last_name, first_name, latin_name) VALUES ($1, 'Чужий', 'Іван', 'Chuzhyi Ivan') RETURNING id", [b])).rows[0].id;
  const bs = (await t.owner<{ id: string }>(
    "INSERT INTO services (hromada_id, name, cost, max_processing_days, channels) VALUES ($1, 'Послуга Б', 'free', 10, '{front_office}') RETURNING id", [b])).rows[0].id;
  return (await t.owner<{ id: string }>(
    `INSERT INTO applications (hromada_id, registration_number, person_id, service_id, channel, status, registered_on, deadline)
     VALUES ($1, 'СП-2026-000001', $2, $3, 'front_office', 'registered', current_date, current_date + 14) RETURNING id`, [b, bp, bs])).rows[0].id;
}
