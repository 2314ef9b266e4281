import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { buildSecretBox } from '../../src/platform/secret-box.js';
import { rotateSealedValues } from '../../src/platform/key-rotation.js';
import { actorForUser, loadUserRow } from '../../src/platform/actor.js';
import { registerPerson } from '../../src/modules/persons/use-cases/register-person.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('rotating the encryption key of sealed identifiers', () => {
  it('re-seals every value under the new key, keeps them readable and lookups working, and can run twice', async () => {
    const hromadaId = (await t.owner<{ id: number }>('SELECT id FROM hromadas WHERE active LIMIT 1')).rows[0].id;
    const workerId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'worker'")).rows[0].id;
    const actor = await actorForUser(
      t.services.db,
      (await loadUserRow(t.services.db, workerId))!,
      hromadaId,
      'session',
    );
    const r = await registerPerson({
      services: t.services,
      actor,
      input: {
        lastName: 'Ротація',
        firstName: 'Ключ',
        birthDate: '2000-01-01',
        sex: 'male',
        rnokpp: '3652504575',
      },
      confirm: true,
    });
    expect(r.kind).toBe('created');
    const before = await t.owner<{ rnokpp_sealed: string }>(
      "SELECT rnokpp_sealed FROM persons WHERE last_name = 'Ротація'",
    );
    expect(before.rows[0].rnokpp_sealed.startsWith('k1:')).toBe(true);

    // New configuration: k2 first (current), the old derived key still listed as k1.
    const k1 = t.services.box;
    const k2 = crypto.randomBytes(32).toString('base64');
    const oldKey = (k1 as unknown as { keys: Map<string, Buffer> }).keys.get('k1')!.toString('base64');
    const box = buildSecretBox(`k2:${k2},k1:${oldKey}`, Buffer.alloc(0));
    const counts = await rotateSealedValues(t.services.db, box);
    expect(counts['persons.rnokpp_sealed']).toBeGreaterThanOrEqual(1);
    expect(counts['users.totp_secret']).toBeGreaterThanOrEqual(7);
    expect(counts).toHaveProperty(['decision_documents.verification_sealed']);
    const after = await t.owner<{ rnokpp_sealed: string }>(
      "SELECT rnokpp_sealed FROM persons WHERE last_name = 'Ротація'",
    );
    expect(after.rows[0].rnokpp_sealed.startsWith('k2:')).toBe(true);
    expect(box.open(after.rows[0].rnokpp_sealed)).toBe('3652504575');
    const left = await t.owner(
      "SELECT count(*)::int AS n FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'k2:%'",
    );
    expect(left.rows[0].n).toBe(0);
    const again = await rotateSealedValues(t.services.db, box);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    // With only the new key the old values would be unreadable: nothing is left under k1.
    const onlyNew = buildSecretBox(`k2:${k2}`, Buffer.alloc(0));
    expect(onlyNew.open(after.rows[0].rnokpp_sealed)).toBe('3652504575');
  });
});
