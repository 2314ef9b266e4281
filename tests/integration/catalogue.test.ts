import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_HROMADA, demoHromadaId, service } from '../factories/index.js';

let t: TestApp;
const ids: Record<string, string> = {};

const serviceId = async (name: string) =>
  (await t.owner<{ id: string }>('SELECT id FROM services WHERE name = $1', [name])).rows[0].id;

/** The HTML between an element with `id` and the next closing tag of the list/paragraph. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('</', html.indexOf('>', start) + 1);
  const close = html.slice(start).search(/<\/(ul|p|dd|ol)>/);
  return html.slice(start, close < 0 ? end : start + close);
}

beforeAll(async () => {
  t = await startTestApp();
  for (const n of [
    'Догляд вдома',
    'Соціальне таксі (транспортні послуги)',
    'Переклад жестовою мовою',
    'Кризове та екстрене втручання',
    'Раннє втручання',
  ])
    ids[n] = await serviceId(n);
});
afterAll(async () => {
  await t.close();
});

describe('public catalogue (no login)', () => {
  it('lists the seeded services: the 16 basic ones and the plans’ ones', async () => {
    const n = await t.owner<{ n: number }>('SELECT count(*)::int AS n FROM services');
    expect(n.rows[0].n).toBe(23);
    const res = await t.client().get('/services');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Знайдено 23 послуги');
    for (const name of [
      'Догляд вдома',
      'Інформування',
      'Посередництво (медіація)',
      'Стаціонарний догляд',
      'Прокат технічних засобів реабілітації',
    ]) {
      expect(res.text).toContain(name);
    }
    expect(res.text).toContain('method="get" action="/services"');
  });

  it('searches names and descriptions case-insensitively', async () => {
    const taxi = await t.client().get(`/services?q=${encodeURIComponent('таксі')}`);
    expect(taxi.text).toContain('Соціальне таксі');
    expect(taxi.text).not.toContain('Стаціонарний догляд');
    const upper = await t.client().get(`/services?q=${encodeURIComponent('ДОГЛЯД ВДОМА')}`);
    expect(upper.text).toContain('Знайдено 1 послугу');
    const inDescription = await t.client().get(`/services?q=${encodeURIComponent('логопед')}`);
    expect(inDescription.text).toContain('Раннє втручання');
  });

  it('filters by who I am, by what happened and by free only', async () => {
    const child = await t.client().get('/services?who=disabled_child');
    expect(child.text).toContain('Раннє втручання');
    expect(child.text).toContain('Інформування'); // open to everyone
    expect(child.text).not.toContain('Стаціонарний догляд');
    const birth = await t.client().get('/services?situation=narodzhennia-dytyny');
    expect(birth.text).toContain('Раннє втручання');
    expect(birth.text).not.toContain('Догляд вдома');
    expect(birth.text).toContain('Знайдено 5 послуг');
    const free = await t.client().get('/services?free=1');
    expect(free.text).toContain('Інформування');
    expect(free.text).not.toContain('Догляд вдома');
    const ignored = await t.client().get('/services?who=nobody&situation=%3Cx%3E');
    expect(ignored.status).toBe(200);
    expect(ignored.text).toContain('Знайдено 23 послуги');
  });

  it('shows an empty state when nothing matches', async () => {
    const res = await t.client().get(`/services?q=${encodeURIComponent('абракадабра')}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('За вашим запитом послуг не знайдено');
    expect(res.text).toContain('Знайдено 0 послуг');
  });

  it('shows the information card with documents split and the deadline in Ukrainian plurals', async () => {
    const res = await t.client().get(`/services/${ids['Догляд вдома']}`);
    expect(res.status).toBe(200);
    const bring = section(res.text, 'docs-bring');
    const office = section(res.text, 'docs-office');
    expect(bring).toContain('Паспорт громадянина України');
    expect(bring).toContain('Заява про надання соціальних послуг');
    expect(bring).not.toContain('зареєстрованих');
    expect(office).toContain('Відомості про зареєстрованих у житловому приміщенні осіб');
    expect(office).not.toContain('Паспорт');
    expect(section(res.text, 'deadline')).toContain('10 робочих днів');
    expect(res.text).toContain('015.1');
    expect(res.text).toContain('З диференційованою платою');
    expect(res.text).toContain('Територіальний центр соціального обслуговування');
    expect(res.text).toContain('Закон України «Про соціальні послуги» №2671-VIII');
    expect(res.text).toContain('Оцінити потреби особи');
    expect(res.text).toContain('1 робочий день');
    expect(res.text).toContain('У старости вашого села');
    expect(
      section((await t.client().get(`/services/${ids['Соціальне таксі (транспортні послуги)']}`)).text, 'deadline'),
    ).toContain('2 робочі дні');
    expect(section((await t.client().get(`/services/${ids['Переклад жестовою мовою']}`)).text, 'deadline')).toContain(
      '3 робочі дні',
    );
    expect(
      section((await t.client().get(`/services/${ids['Кризове та екстрене втручання']}`)).text, 'deadline'),
    ).toContain('не пізніше ніж через 1 день');
  });

  it('answers 404 for an unknown or malformed service id', async () => {
    expect((await t.client().get('/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.client().get('/services/not-a-uuid')).status).toBe(404);
  });

  it('shows life situations with a step-by-step instruction and linked services', async () => {
    const list = await t.client().get('/life-situations');
    expect(list.status).toBe(200);
    for (const n of [
      'Народження дитини',
      'Втрата близької людини',
      'Переїзд на нове місце проживання',
      'Вихід на пенсію',
      'Інвалідність',
    ]) {
      expect(list.text).toContain(n);
    }
    const res = await t.client().get('/life-situations/narodzhennia-dytyny');
    expect(res.status).toBe(200);
    const steps = res.text.slice(
      res.text.indexOf('id="instruction"'),
      res.text.indexOf('</ol>', res.text.indexOf('id="instruction"')),
    );
    expect(steps.match(/<li>/g)?.length).toBe(4);
    expect(steps.indexOf('Зареєструйте народження')).toBeLessThan(steps.indexOf('раннє втручання'));
    expect(res.text).toContain(`href="/services/${ids['Раннє втручання']}"`);
    expect((await t.client().get('/life-situations/nemaie-takoi')).status).toBe(404);
  });

  it('is linked from the public home page', async () => {
    const home = await t.client().get('/');
    expect(home.text).toContain('href="/services"');
    expect(home.text).toContain('href="/life-situations"');
  });
});

describe('tenancy', () => {
  it('never shows a service of another hromada', async () => {
    const other = await t.owner<{ id: number }>('SELECT id FROM hromadas WHERE code <> $1 ORDER BY id LIMIT 1', [
      DEMO_HROMADA,
    ]);
    const foreignId = (
      await service(t, {
        hromadaId: other.rows[0].id,
        name: 'Чужа послуга Тест',
        description: 'Послуга іншої громади для перевірки',
        channels: ['online'],
      })
    ).id;
    expect((await t.client().get('/services')).text).not.toContain('Чужа послуга Тест');
    expect((await t.client().get(`/services?q=${encodeURIComponent('Чужа')}`)).text).toContain('Знайдено 0 послуг');
    expect((await t.client().get(`/services/${foreignId}`)).status).toBe(404);
    const demo = await demoHromadaId(t);
    const seen = await t.services.db.tx({ hromadaId: demo }, (c) =>
      c.query('SELECT id FROM services WHERE id = $1', [foreignId]),
    );
    expect(seen.rowCount).toBe(0);
    await expect(
      t.services.db.tx({ hromadaId: demo }, (c) =>
        c.query(
          `INSERT INTO services (hromada_id, name, cost, max_processing_days, channels) VALUES ($1, 'x', 'free', 1, '{online}')`,
          [other.rows[0].id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
