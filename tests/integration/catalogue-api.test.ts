import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { apiTokenFor } from '../helpers/api.js';

let t: TestApp;
const tokens: Record<string, string> = {};

const tokenFor = (username: string) => apiTokenFor(t, username);

const api = (path: string, who?: string) =>
  t.client().get(`/api/v1${path}`, who ? { authorization: `Bearer ${tokens[who]}` } : {});

interface ServiceJson {
  id: string;
  code: string | null;
  name: string;
  maxProcessingDays: number;
  crisis: boolean;
  paid: string;
  channels: string[];
  requiredDocuments: { name: string; obtainedByOffice: boolean; required: boolean; kind: string }[];
  providers: { id: number; name: string }[];
  steps: { position: number; title: string }[];
}

beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['worker', 'provider', 'starosta']) tokens[u] = await tokenFor(u);
});
afterAll(async () => {
  await t.close();
});

describe('catalogue API', () => {
  it('refuses a call without a token with 401', async () => {
    const res = await api('/services');
    expect(res.status).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
  });

  it('lists active services for any staff token, with the documented fields', async () => {
    for (const who of ['worker', 'provider', 'starosta']) {
      const res = await api('/services', who);
      expect(res.status).toBe(200);
      expect(res.json<{ items: ServiceJson[] }>().items).toHaveLength(23);
    }
    const items = (await api('/services', 'worker')).json<{ items: ServiceJson[] }>().items;
    const home = items.find((i) => i.code === '015.1');
    expect(home).toMatchObject({ name: 'Догляд вдома', maxProcessingDays: 10, paid: 'differentiated', crisis: false });
    const crisis = items.find((i) => i.code === '012.0');
    expect(crisis).toMatchObject({ crisis: true, maxProcessingDays: 1, paid: 'free' });
    for (const i of items) {
      expect(Object.keys(i)).toEqual(
        expect.arrayContaining(['id', 'code', 'name', 'maxProcessingDays', 'requiredDocuments', 'paid']),
      );
    }
  });

  it('filters by q, category and situation', async () => {
    const q = (await api(`/services?q=${encodeURIComponent('таксі')}`, 'worker')).json<{ items: ServiceJson[] }>()
      .items;
    expect(q.map((i) => i.name)).toEqual(['Соціальне таксі (транспортні послуги)']);
    const idp = (await api('/services?category=idp', 'worker'))
      .json<{ items: ServiceJson[] }>()
      .items.map((i) => i.name);
    expect(idp).toContain('Соціальна адаптація');
    expect(idp).toContain('Інформування');
    expect(idp).not.toContain('Стаціонарний догляд');
    const sit = (await api('/services?situation=invalidnist', 'worker')).json<{ items: ServiceJson[] }>().items;
    expect(sit).toHaveLength(7);
    expect((await api('/services?situation=BAD%20SLUG', 'worker')).status).toBe(400);
  });

  it('gives one service with documents, providers and the technological card', async () => {
    const id = (await t.owner<{ id: string }>("SELECT id FROM services WHERE code = '015.1'")).rows[0].id;
    const res = await api(`/services/${id}`, 'worker');
    expect(res.status).toBe(200);
    const s = res.json<ServiceJson>();
    expect(s.id).toBe(id);
    expect(s.requiredDocuments).toContainEqual({
      name: 'Відомості про зареєстрованих у житловому приміщенні осіб',
      obtainedByOffice: true,
      required: true,
      kind: 'required',
    });
    expect(s.requiredDocuments).toContainEqual({
      name: 'Заява про надання соціальних послуг (заповнюємо разом із вами)',
      obtainedByOffice: false,
      required: false,
      kind: 'office_fills',
    });
    expect(s.requiredDocuments.find((d) => d.name.startsWith('Паспорт'))?.obtainedByOffice).toBe(false);
    expect(s.providers.map((p) => p.name)).toEqual(['Територіальний центр соціального обслуговування']);
    expect(s.steps.map((st) => st.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.channels).toEqual(['online', 'front_office', 'starosta']);
    const audit = await t.owner("SELECT 1 FROM audit_log WHERE action = 'api.services.get' AND entity_id = $1", [id]);
    expect(audit.rowCount).toBe(1);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await api('/services/00000000-0000-4000-8000-000000000000', 'worker')).status).toBe(404);
    expect((await api('/services/nope', 'worker')).status).toBe(400);
  });

  it('describes both routes in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/v1/openapi.json')).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<
              string,
              { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }
            >;
          }
        >
      >;
    }>();
    const list = doc.paths['/services']?.get;
    const one = doc.paths['/services/{id}']?.get;
    expect(list).toBeDefined();
    expect(one).toBeDefined();
    const props = one.responses['200'].content?.['application/json'].schema.properties ?? {};
    expect(Object.keys(props)).toEqual(
      expect.arrayContaining(['id', 'code', 'name', 'maxProcessingDays', 'requiredDocuments', 'paid']),
    );
    expect(one.responses['401']).toBeDefined();
  });
});
