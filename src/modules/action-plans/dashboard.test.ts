import { describe, expect, it } from 'vitest';
import { indicatorLight } from './dashboard.presenter.js';
import type { IndicatorRow } from './action-plans.queries.js';

const ind = (values: [string, string | null, string | null][]): IndicatorRow => ({
  id: '1',
  task_id: '1',
  name: 'Отримувачі',
  unit: 'осіб',
  baseline: null,
  source: 'manual',
  metric_key: null,
  responsible: null,
  values: values.map(([period, target, actual]) => ({ period, target, actual, frozen_at: null })),
});

describe('indicatorLight', () => {
  it.each([
    [[['2025', '30', '30']], 'green', 'green'],
    [[['2025', '30', '40']], 'green', 'green'],
    [[['2025', '40', '30']], 'amber', 'amber'],
    [[['2025', '40', '29']], 'red', 'red'],
    [[['2025', '30', null]], 'grey', 'noActual'],
    [[['2025', null, '5']], 'grey', 'noTarget'],
    [[], 'grey', 'noTarget'],
    [[['2025', '0', '0']], 'green', 'green'],
  ] as [[string, string | null, string | null][], string, string][])('%j → %s', (values, light, reason) => {
    const l = indicatorLight(ind(values), '2026-06-01');
    expect(l.light).toBe(light);
    expect(l.reason).toBe(reason);
  });

  it('judges the latest period with a target that has begun, not a future one', () => {
    const l = indicatorLight(
      ind([
        ['2025', '10', '10'],
        ['2026', '20', '5'],
        ['2027', '30', null],
      ]),
      '2026-06-01',
    );
    expect(l).toMatchObject({ period: '2026', light: 'red', target: 20, actual: 5 });
  });
});
