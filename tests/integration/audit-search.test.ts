import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signInAs } from '../helpers/session.js';
import type { HttpClient } from '../helpers/http.js';
import { writeAudit } from '../../src/platform/audit.js';
import { csvText, SAMPLE_HEADER, sampleCells, sampleRow } from '../../src/modules/persons-import/import.sample.js';
import { importFile } from '../fixtures/import/flow.js';

let t: TestApp;
let manager: HttpClient;
let managerId: string;
let adminId: string;
let hromadaId: number;
let createdId: string;

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  const admin = t.client();
  adminId = (await signInAs(t, admin, { username: 'admin' })).userId;
  await admin.get('/admin/users/new');
  expect(
    (await admin.post('/admin/users', { username: 'audited.one', displayName: 'Аудитована', passwordMode: 'generate' }))
      .status,
  ).toBe(201);
  createdId = (await t.owner<{ id: string }>("SELECT id FROM users WHERE username = 'audited.one'")).rows[0].id;
  manager = t.client();
  const s = await signInAs(t, manager, { username: 'manager' });
  managerId = s.userId;
  hromadaId = s.hromadaId!;
});
afterAll(async () => {
  await t.close();
});

const rowsOf = (html: string) =>
  (html.match(/<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/)?.[1] ?? '')
    .split('<tr class="govuk-table__row">')
    .slice(1);

describe('audit search', () => {
  it('shows who, when (дд.мм.рррр гг:хх), action, entity, fields, IP and request id; the view itself is audited', async () => {
    const res = await manager.get('/audit');
    expect(res.status).toBe(200);
    const rows = rowsOf(res.text);
    const created = rows.find((r) => r.includes('Користувач · створення'));
    expect(created).toBeDefined();
    expect(created).toContain('admin');
    expect(created).toContain(`користувач ${createdId}`);
    expect(created).not.toContain('user.create');
    expect(created).toContain('username, display_name');
    expect(created).toContain('127.0.0.1');
    expect(created).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(created).toMatch(/<code>[0-9a-f-]{36}<\/code>/);
    const views = await t.owner<{ operation: string; entity_type: string; fields: string[] }>(
      "SELECT operation, entity_type, fields FROM audit_log WHERE action = 'audit.search' AND actor_id = $1",
      [managerId],
    );
    expect(views.rows).toEqual([{ operation: 'read', entity_type: 'audit_log', fields: [] }]);
  });

  it('filters by operation, entity, actor and period', async () => {
    const reads = rowsOf((await manager.get('/audit?operation=read')).text);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.includes('(перегляд)'))).toBe(true);
    const entity = rowsOf((await manager.get(`/audit?entityType=user&entityId=${createdId}`)).text);
    expect(entity).toHaveLength(1);
    expect(entity[0]).toContain('Користувач · створення');
    const byAdmin = rowsOf((await manager.get(`/audit?actor=${adminId}`)).text);
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((r) => /<td class="govuk-table__cell" data-label="Хто">admin<\/td>/.test(r))).toBe(true);
    const old = await manager.get('/audit?from=01.01.2001&to=31.12.2001');
    expect(old.status).toBe(200);
    expect(old.text).toContain('Записів за цими умовами немає');
    const today = new Intl.DateTimeFormat('uk-UA', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Europe/Kyiv',
    }).format(new Date());
    const now = rowsOf((await manager.get(`/audit?from=${today}&to=${today}&entityType=user`)).text);
    expect(now.some((r) => r.includes('Користувач · створення'))).toBe(true);
    const filters = await t.owner<{ fields: string[] }>(
      "SELECT fields FROM audit_log WHERE action = 'audit.search' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
      [managerId],
    );
    expect(filters.rows[0].fields).toEqual(['from', 'to', 'entityType']);
  });

  it('says every filter hint and record type in Ukrainian', async () => {
    const res = await manager.get('/audit?entityType=person');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Наприклад: user, grant, person');
    expect(res.text).toMatch(/<option value="person" selected>особа<\/option>/);
    expect(res.text).toContain('<option value="user">користувач</option>');
    expect(res.text).toContain('Оберіть, записи якого типу показати');
  });

  it('refuses impossible dates and a reversed period with 400 and a Ukrainian message', async () => {
    const bad = await manager.get('/audit?from=31.02.2026');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#from"');
    expect(bad.text).toContain('дд.мм.рррр');
    const reversed = await manager.get('/audit?from=02.03.2026&to=01.03.2026');
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain('не раніше початкової');
    expect((await manager.get('/audit?actor=not-an-id')).status).toBe(400);
  });

  it('pages newest first with stable links to older and newer entries', async () => {
    await t.services.db.tx({ hromadaId }, async (c) => {
      for (let i = 1; i <= 60; i++) {
        await writeAudit(c, {
          hromadaId,
          action: 'test.page',
          operation: 'write',
          entityType: 'page',
          entityId: String(i),
        });
      }
    });
    const first = await manager.get('/audit?entityType=page');
    const firstRows = rowsOf(first.text);
    expect(firstRows).toHaveLength(50);
    expect(firstRows[0]).toContain('page 60');
    // The pagination speaks Ukrainian (govuk-frontend's default is «Next» / «Previous»).
    expect(first.text).toContain('Давніші');
    expect(first.text).not.toMatch(/>\s*(Next|Previous)\s*</);
    const older = first.text.match(/href="(\/audit\?[^"]*before=\d+)"/)?.[1].replace(/&amp;/g, '&');
    expect(older).toBeDefined();
    const second = await manager.get(older!);
    const secondRows = rowsOf(second.text);
    expect(secondRows).toHaveLength(10);
    expect(secondRows[0]).toContain('page 10');
    expect(secondRows[9]).toContain('page 1<');
    const newer = second.text.match(/href="(\/audit\?[^"]*after=\d+)"/)?.[1].replace(/&amp;/g, '&');
    const back = rowsOf((await manager.get(newer!)).text);
    expect(back).toHaveLength(50);
    expect(back[0]).toContain('page 60');
  });

  it('finds an imported person’s creation by the person’s id in the batch entry that names it, by exact id only', async () => {
    const imported = await importFile(
      t,
      manager,
      csvText([SAMPLE_HEADER, sampleCells(sampleRow(8000)), sampleCells(sampleRow(8001))]),
      'a.csv',
    );
    expect(imported.status).toBe('done');
    const { rows: ids } = await t.owner<{ id: string }>(
      'SELECT id FROM persons WHERE created_by = $1 AND birth_date IN ($2, $3) ORDER BY birth_date',
      [managerId, sampleRow(8000).birthDate, sampleRow(8001).birthDate],
    );
    expect(ids).toHaveLength(2);
    for (const url of [`/audit?entityType=person&entityId=${ids[1].id}`, `/audit?entityId=${ids[1].id}`]) {
      const found = rowsOf((await manager.get(url)).text);
      expect(found, url).toHaveLength(1);
      expect(found[0]).toContain('Особа · створення');
      expect(found[0]).toContain(`особа · пакет імпорту ${imported.id}`);
      expect(found[0]).toContain('записів: 2');
      expect(found[0]).not.toContain(ids[0].id);
    }
    expect(rowsOf((await manager.get(`/audit?entityId=${ids[1].id.slice(0, 8)}`)).text)).toHaveLength(0);
    expect(rowsOf((await manager.get(`/audit?entityType=user&entityId=${ids[1].id}`)).text)).toHaveLength(0);
  });

  it('is open to managers and administrators only', async () => {
    for (const username of ['worker', 'frontdesk', 'starosta', 'provider']) {
      const c = t.client();
      await signInAs(t, c, { username });
      expect((await c.get('/audit')).status).toBe(403);
      await c.get('/');
      expect((await c.post('/audit/verify', {})).status).toBe(403);
    }
  });
});
