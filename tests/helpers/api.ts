import crypto from 'node:crypto';
import type { TestApp } from './app.js';
import { application, newHromada, person, service } from '../factories/index.js';

/** A new API token of a demo user in the hromada of the user's grant (stored hashed, as the app does). */
export async function apiTokenFor(t: TestApp, username: string): Promise<string> {
  const token = `tb_${username}_${crypto.randomBytes(12).toString('hex')}`;
  await t.owner(
    `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
     SELECT g.hromada_id, u.id, 'test', $2, $3 FROM users u JOIN grants g ON g.user_id = u.id WHERE u.username = $1 LIMIT 1`,
    [username, crypto.createHash('sha256').update(token).digest('hex'), token.slice(0, 7)],
  );
  return token;
}

/**
 * Another hromada (the first inactive one, activated) with a person, a service and a registered
 * application of its own: what the demo hromada's staff must never reach.
 */
export async function foreignApplication(t: TestApp): Promise<string> {
  const b = (await newHromada(t)).id;
  const bp = await person(t, { hromadaId: b, lastName: 'Чужий', firstName: 'Іван' });
  const bs = (await service(t, { hromadaId: b, name: 'Послуга Б', channels: ['front_office'] })).id;
  return application(t, { personId: bp, serviceId: bs, registrationNumber: 'СП-2026-000001' });
}
