import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { demoHromadaId, kase, person, signedIn } from '../factories/index.js';

/**
 * Issue 11 item 7: the case statistics suppress a small count (1–4) of a restricted type, and every total it is
 * part of; other counts are exact. Supervisors only.
 */
let t: TestApp;
let hromadaId: number;

beforeAll(async () => {
  t = await startTestApp();
  hromadaId = await demoHromadaId(t);
});
afterAll(() => t.close());

const openOf = async (type: string) =>
  (
    await t.owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE hromada_id = $1 AND type_code = $2 AND status = 'open'",
      [hromadaId, type],
    )
  ).rows[0].n;

/** The cells of the statistics table's row whose header starts with `name`. */
const rowCells = (html: string, name: string) => {
  const row =
    new RegExp(`<th scope="row" class="govuk-table__header"[^>]*>${name}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
  return [...row.matchAll(/<td[^>]*>(?:<strong>)?([^<]*)/g)].map((m) => m[1].trim());
};

describe('case statistics', () => {
  it('shows <5 for a few cases of a restricted type and hides the totals that include it', async () => {
    const add = async (type: string, n: number) => {
      for (let i = 0; i < n; i++)
        await kase(t, { personId: await person(t, { lastName: `Стат${type}${i}` }), typeCode: type });
    };
    await add('violence', 3 - (await openOf('violence')));
    await add('other', 6 - (await openOf('other')));
    const manager = await signedIn(t, 'manager');
    const page = await manager.get('/cases/statistics');
    expect(page.status).toBe(200);
    const violence = rowCells(page.text, 'Домашнє насильство');
    expect(violence[0]).toBe('&lt;5');
    expect(violence.at(-1)).toBe('&lt;5');
    expect(rowCells(page.text, 'Інше')[0]).toBe('6');
    expect(rowCells(page.text, 'Усього')[0]).toBe('&lt;5');
    expect(page.text).toContain('від 1 до 4 випадків обмеженого типу');

    await add('violence', 2);
    const more = await manager.get('/cases/statistics');
    expect(rowCells(more.text, 'Домашнє насильство')[0]).toBe('5');
  });

  it('is for supervisors only', async () => {
    for (const who of ['worker', 'children', 'provider', 'frontdesk', 'admin']) {
      expect((await (await signedIn(t, who)).get('/cases/statistics')).status, who).toBe(403);
    }
  });
});
