import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';
import { signedIn } from '../factories/index.js';

/**
 * The character NUL in any field, query or path is refused with 400 and a message, never a 500 from PostgreSQL
 * (found by posting every form with junk: the sign-in form and a new case type failed with 500).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const MESSAGE = 'У надісланих даних є недопустимий символ (NUL)';

describe('a NUL character', () => {
  it('in a form is refused with 400 and a Ukrainian message, for the public and for staff', async () => {
    const visitor = t.client();
    await visitor.get('/login');
    const signIn = await visitor.post('/login', { username: 'ad\u0000min', password: 'x' });
    expect(signIn.status).toBe(400);
    expect(signIn.text).toContain(MESSAGE);
    const admin = await signedIn(t, 'admin');
    await admin.get('/admin/case-types');
    const caseType = await admin.post('/admin/case-types', { name: 'Тип\u0000' });
    expect(caseType.status).toBe(400);
    expect(caseType.text).toContain(MESSAGE);
    // In a field's name too.
    expect((await admin.post('/admin/case-types', { 'na\u0000me': 'Тип' })).status).toBe(400);
  });

  it('in a query or a path is refused with 400', async () => {
    const worker = await signedIn(t, 'worker');
    expect((await worker.get('/persons?q=%00')).status).toBe(400);
    expect((await worker.get('/persons/%00')).status).toBe(400);
  });

  it('in a JSON body of the API is refused with 400 as JSON', async () => {
    const token = await apiTokenFor(t, 'worker');
    const res = await t.client().request('POST', '/api/v1/persons/search', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'Іван\u0000' }),
    });
    expect(res.status).toBe(400);
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(MESSAGE);
  });
});
