import { describe, expect, it } from 'vitest';
import { checkPlanDocument, fundingKindOf, parsePeriod, planToJson } from './plan-format.js';

describe('parsePeriod', () => {
  it.each([
    ['2021-2026 роки', '2021-01-01', '2026-12-31', false],
    ['Протягом 2021-2022 років', '2021-01-01', '2022-12-31', false],
    ['2021 рік', '2021-01-01', '2021-12-31', false],
    ['2021', '2021-01-01', '2021-12-31', false],
    ['Протягом 2021 року', '2021-01-01', '2021-12-31', false],
    ['ІІ півріччя 2021', '2021-07-01', '2021-12-31', false],
    ['Друге півріччя 2021', '2021-07-01', '2021-12-31', false],
    ['ІV квартал 2025 року', '2025-10-01', '2025-12-31', false],
    ['ІІ-ІІІ квартал 2025 року', '2025-04-01', '2025-09-30', false],
    ['травень-липень 2025', '2025-05-01', '2025-07-31', false],
    ['Постійно', '2021-01-01', '2026-12-31', true],
  ])('%s → %s…%s', (text, from, to, continuous) => {
    expect(parsePeriod(text, 2021, 2026)).toEqual({ from, to, continuous });
  });

  it('keeps what it cannot read undated, never guessed', () => {
    expect(parsePeriod('за потреби')).toEqual({ from: null, to: null, continuous: false });
    expect(parsePeriod('ІІІ-І квартал 2025')).toEqual({ from: null, to: null, continuous: false });
    expect(parsePeriod(null)).toEqual({ from: null, to: null, continuous: false });
    expect(parsePeriod('Постійно')).toEqual({ from: null, to: null, continuous: true });
  });
});

describe('fundingKindOf', () => {
  it.each([
    ['Місцевий бюджет', 'local'],
    ['Бюджет Старобільської міської територіальної громади', 'local'],
    ['Кошти бюджету громади', 'local'],
    ['Державний бюджет', 'state'],
    ['Обласний бюджет', 'oblast'],
    ['Кошти міжнародної технічної допомоги', 'international'],
    ['Інші джерела, не заборонені законодавством', 'other'],
    ['Не потребує фінансування', 'other'],
    ['Кошти з невідомого джерела', null],
  ])('%s → %s', (text, kind) => {
    expect(fundingKindOf(text)).toBe(kind);
  });
});

describe('checkPlanDocument', () => {
  const minimal = {
    hromada: 'Громада',
    document: { title: 'План' },
    strategic_goals: [{ code: '1', title: 'Ціль', operational_goals: [{ code: '1.1', title: 'Оп', tasks: [] }] }],
  };

  it('reads a minimal plan and writes every key back', () => {
    const r = checkPlanDocument(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(planToJson(r.plan)).toEqual({
      hromada: 'Громада',
      document: { title: 'План', approved_by: null, number: null, date: null, period: null },
      values: [],
      strategic_goals: [{ code: '1', title: 'Ціль', operational_goals: [{ code: '1.1', title: 'Оп', tasks: [] }] }],
      monitoring: null,
    });
  });

  it('lists every problem, not the first only', () => {
    const r = checkPlanDocument({ document: { title: '', period: { from: 2027, to: 2021 } }, strategic_goals: 'ні' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.path} ${p.key}`)).toEqual([
      '$.hromada plans.p.required',
      '$.document.title plans.p.required',
      '$.document.period.to plans.p.periodOrder',
      '$.strategic_goals plans.p.array',
    ]);
  });
});
