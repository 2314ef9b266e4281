import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import { DEMO_HROMADA, demoHromadaId, linkPerson, residentId, service as serviceOf } from '../factories/index.js';

let t: TestApp;
let token = '';
beforeAll(async () => {
  t = await startTestApp();
  token = `tb_frontdesk_${crypto.randomBytes(12).toString('hex')}`;
  await t.owner(
    `INSERT INTO api_tokens (hromada_id, user_id, name, token_hash, prefix)
     SELECT g.hromada_id, u.id, 'test', $2, $3 FROM users u JOIN grants g ON g.user_id = u.id WHERE u.username = $1 LIMIT 1`,
    ['frontdesk', crypto.createHash('sha256').update(token).digest('hex'), token.slice(0, 7)],
  );
});
afterAll(async () => {
  await t.close();
});

const api = (path: string, body: unknown) =>
  t.client().request('POST', `/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('notifications in the resident cabinet', () => {
  it('shows the linked resident the registration of an application taken at the front office, and marks it read', async () => {
    const hromadaId = await demoHromadaId(t);
    const settlement = (
      await t.owner<{ code: string }>('SELECT code FROM settlements WHERE hromada_code = $1 ORDER BY code LIMIT 1', [
        DEMO_HROMADA,
      ])
    ).rows[0].code;
    const created = await api('/persons', {
      lastName: 'Сповіщенко',
      firstName: 'Ганна',
      birthDate: '1950-05-05',
      sex: 'female',
      settlementCode: settlement,
      confirm: true,
    });
    expect(created.status, created.text).toBe(201);
    const personId = created.json<{ id: string }>().id;
    await linkPerson(t, await residentId(t, 'resident@example.com'), personId);
    const service = (await serviceOf(t, { hromadaId, name: 'Догляд вдома (тест)', channels: ['front_office'] })).id;
    const app = await api('/applications', { personId, serviceId: service, channel: 'front_office' });
    expect(app.status, app.text).toBe(201);
    const number = app.json<{ registrationNumber: string }>().registrationNumber;

    const resident = t.client();
    await signInAs(t, resident, { email: 'resident@example.com' });
    const page = await resident.get('/cabinet/notifications');
    expect(page.status).toBe(200);
    expect(page.text).toContain(number);
    expect(page.text).toContain('Догляд вдома (тест)');
    expect(page.text).toContain('1 непрочитане сповіщення');
    const read = await resident.post('/cabinet/notifications/read', {});
    expect(read.status).toBe(303);
    expect((await resident.get('/cabinet/notifications')).text).not.toContain('непрочитане');

    const staff = t.client();
    await signInAs(t, staff, { username: 'worker' });
    const forbidden = await staff.get('/cabinet/notifications');
    expect([302, 401]).toContain(forbidden.status);
    expect((await t.client().get('/cabinet/notifications')).status).toBe(302);
  });
});
