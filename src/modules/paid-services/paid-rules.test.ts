import { describe, expect, it } from 'vitest';
import {
  canBePaidTo,
  averageMonthlyIncomeKop,
  bandsProblem,
  computeInvoice,
  DEFAULT_BANDS,
  DEFAULT_RULES,
  formatMoney,
  incomeQuarterFor,
  invoiceStatus,
  mergeRules,
  monthBounds,
  parseMoney,
  rulesOn,
  shareByIncome,
  type ActInput,
  type CategoryInput,
  type TariffInput,
} from './paid-rules.js';

// Every expected figure below was worked out by hand (the comment shows the sum).
const S = 'svc-care';
const tariff = (
  id: string,
  priceKop: number,
  from: string,
  to: string | null,
  unit: TariffInput['unit'] = 'hour',
  limitCenti: number | null = null,
): TariffInput => ({ id, serviceId: S, unit, priceKop, validFrom: from, validTo: to, limitCenti });
const act = (day: string, minutes = 60): ActInput => ({ serviceId: S, day, minutes });
const free = (from: string, to: string | null = null): CategoryInput => ({
  serviceId: S,
  shareBp: 0,
  validFrom: from,
  validTo: to,
});
const rules = DEFAULT_RULES[0]; // 3028 UAH, 2 and 4, bands 20/40/60/80 %

describe('invoice arithmetic', () => {
  const cases: {
    name: string;
    acts: ActInput[];
    tariffs: TariffInput[];
    categories?: CategoryInput[];
    lines: { volumeCenti: number; priceKop: number; shareBp: number; amountKop: number; from: string; to: string }[];
    total: number;
  }[] = [
    {
      // 3 acts × 90 min = 270 min = 4,5 h × 50,00 = 225,00
      name: 'hours: tariff × volume from minutes',
      acts: [act('2026-03-02', 90), act('2026-03-09', 90), act('2026-03-16', 90)],
      tariffs: [tariff('t1', 5000, '2026-01-01', null)],
      lines: [
        { volumeCenti: 450, priceKop: 5000, shareBp: 10000, amountKop: 22500, from: '2026-03-02', to: '2026-03-16' },
      ],
      total: 22500,
    },
    {
      // 50 min = 0,8333 h × 33,33 = 27,775 → 27,78 (half up, once per line, from the exact minutes)
      name: 'hours: rounding once per line, a half up',
      acts: [act('2026-03-02', 50)],
      tariffs: [tariff('t1', 3333, '2026-01-01', null)],
      lines: [
        { volumeCenti: 83, priceKop: 3333, shareBp: 10000, amountKop: 2778, from: '2026-03-02', to: '2026-03-02' },
      ],
      total: 2778,
    },
    {
      // 3 visits × 120,00 = 360,00 (minutes do not matter)
      name: 'visits: one per act',
      acts: [act('2026-03-02', 30), act('2026-03-02', 45), act('2026-03-05', 20)],
      tariffs: [tariff('t1', 12000, '2026-01-01', null, 'visit')],
      lines: [
        { volumeCenti: 300, priceKop: 12000, shareBp: 10000, amountKop: 36000, from: '2026-03-02', to: '2026-03-05' },
      ],
      total: 36000,
    },
    {
      // 2 distinct days × 80,00 = 160,00 (two acts on 02.03 are one day)
      name: 'days: one per distinct day',
      acts: [act('2026-03-02'), act('2026-03-02'), act('2026-03-03')],
      tariffs: [tariff('t1', 8000, '2026-01-01', null, 'day')],
      lines: [
        { volumeCenti: 200, priceKop: 8000, shareBp: 10000, amountKop: 16000, from: '2026-03-02', to: '2026-03-03' },
      ],
      total: 16000,
    },
    {
      // to 15.03: 2 h × 50,00 = 100,00; from 16.03: 3 h × 60,00 = 180,00; total 280,00
      name: 'a tariff change in mid-month makes two lines',
      acts: [act('2026-03-10', 120), act('2026-03-16', 180)],
      tariffs: [tariff('t1', 5000, '2026-01-01', '2026-03-15'), tariff('t2', 6000, '2026-03-16', null)],
      lines: [
        { volumeCenti: 200, priceKop: 5000, shareBp: 10000, amountKop: 10000, from: '2026-03-10', to: '2026-03-10' },
        { volumeCenti: 300, priceKop: 6000, shareBp: 10000, amountKop: 18000, from: '2026-03-16', to: '2026-03-16' },
      ],
      total: 28000,
    },
    {
      // to 19.03 full: 2 h × 50,00 = 100,00; from 20.03 free: 2 h × 50,00 × 0 % = 0,00
      name: 'a recipient who became free during the month',
      acts: [act('2026-03-05'), act('2026-03-12'), act('2026-03-20'), act('2026-03-27')],
      tariffs: [tariff('t1', 5000, '2026-01-01', null)],
      categories: [free('2026-03-20')],
      lines: [
        { volumeCenti: 200, priceKop: 5000, shareBp: 10000, amountKop: 10000, from: '2026-03-05', to: '2026-03-12' },
        { volumeCenti: 200, priceKop: 5000, shareBp: 0, amountKop: 0, from: '2026-03-20', to: '2026-03-27' },
      ],
      total: 10000,
    },
    {
      // differentiated 40 %: 5 h × 50,00 × 40 % = 100,00
      name: 'a differentiated share',
      acts: [act('2026-03-02', 300)],
      tariffs: [tariff('t1', 5000, '2026-01-01', null)],
      categories: [{ serviceId: S, shareBp: 4000, validFrom: '2026-01-01', validTo: null }],
      lines: [
        { volumeCenti: 500, priceKop: 5000, shareBp: 4000, amountKop: 10000, from: '2026-03-02', to: '2026-03-02' },
      ],
      total: 10000,
    },
    {
      // 25 min × 47,11 × 20 % = 0,41667 h × 47,11 = 19,629 × 0,2 = 3,9258 → 3,93
      name: 'a share with rounding',
      acts: [act('2026-03-02', 25)],
      tariffs: [tariff('t1', 4711, '2026-01-01', null)],
      categories: [{ serviceId: S, shareBp: 2000, validFrom: '2026-01-01', validTo: null }],
      lines: [{ volumeCenti: 42, priceKop: 4711, shareBp: 2000, amountKop: 393, from: '2026-03-02', to: '2026-03-02' }],
      total: 393,
    },
    {
      // limit 4 h at 20 %: 3 h + 1 h of the second act at 20 % = 4 h × 50,00 × 20 % = 40,00;
      // the other 2 h of it and the third act's 3 h beyond the standard, full: 5 h × 50,00 = 250,00 → 290,00
      name: 'beyond the state standard’s monthly volume the full tariff applies (hours, an act split)',
      acts: [act('2026-03-02', 180), act('2026-03-09', 180), act('2026-03-16', 180)],
      tariffs: [tariff('t1', 5000, '2026-01-01', null, 'hour', 400)],
      categories: [{ serviceId: S, shareBp: 2000, validFrom: '2026-01-01', validTo: null }],
      lines: [
        { volumeCenti: 400, priceKop: 5000, shareBp: 2000, amountKop: 4000, from: '2026-03-02', to: '2026-03-09' },
        { volumeCenti: 500, priceKop: 5000, shareBp: 10000, amountKop: 25000, from: '2026-03-09', to: '2026-03-16' },
      ],
      total: 29000,
    },
    {
      // limit 2 days, free: 02.03 and 03.03 free (two acts on 03.03 are one day), 04.03 full 1 × 80,00 = 80,00
      name: 'beyond the monthly volume in days: a day counted once keeps its share',
      acts: [act('2026-03-02'), act('2026-03-03'), act('2026-03-03'), act('2026-03-04')],
      tariffs: [tariff('t1', 8000, '2026-01-01', null, 'day', 200)],
      categories: [free('2026-01-01')],
      lines: [
        { volumeCenti: 200, priceKop: 8000, shareBp: 0, amountKop: 0, from: '2026-03-02', to: '2026-03-03' },
        { volumeCenti: 100, priceKop: 8000, shareBp: 10000, amountKop: 8000, from: '2026-03-04', to: '2026-03-04' },
      ],
      total: 8000,
    },
  ];

  it.each(cases)('$name', (c) => {
    const r = computeInvoice(c.acts, c.tariffs, c.categories ?? []);
    expect(
      r.lines.map((l) => ({
        volumeCenti: l.volumeCenti,
        priceKop: l.priceKop,
        shareBp: l.shareBp,
        amountKop: l.amountKop,
        from: l.periodFrom,
        to: l.periodTo,
      })),
    ).toEqual(c.lines);
    expect(r.totalKop).toBe(c.total);
    expect(r.unpriced).toEqual([]);
  });

  it('an act on a day without a tariff is not counted but reported', () => {
    const r = computeInvoice([act('2025-12-31'), act('2026-01-02')], [tariff('t1', 5000, '2026-01-01', null)], []);
    expect(r.totalKop).toBe(5000);
    expect(r.unpriced).toEqual([act('2025-12-31')]);
  });
});

describe('payment share by income (3028 UAH; free below 2, full above 4)', () => {
  // 2 × 3028 = 6056,00; 4 × 3028 = 12112,00; the band edges 2,5 × = 7570; 3 × = 9084; 3,5 × = 10598.
  const cases: [string, number, 'free' | 'differentiated' | 'full', number][] = [
    ['well below 2', 300000, 'free', 0],
    ['a kopiyka below 2', 605599, 'free', 0],
    ['exactly 2', 605600, 'differentiated', 2000],
    ['a kopiyka above 2', 605601, 'differentiated', 2000],
    ['a kopiyka below 2,5', 756999, 'differentiated', 2000],
    ['exactly 2,5', 757000, 'differentiated', 4000],
    ['exactly 3', 908400, 'differentiated', 6000],
    ['exactly 3,5', 1059800, 'differentiated', 8000],
    ['a kopiyka below 4', 1211199, 'differentiated', 8000],
    ['exactly 4', 1211200, 'differentiated', 8000],
    ['a kopiyka above 4', 1211201, 'full', 10000],
    ['well above 4', 2000000, 'full', 10000],
  ];
  it.each(cases)('%s', (_name, avgKop, kind, shareBp) => {
    const r = shareByIncome(avgKop, rules);
    expect(r.kind).toBe(kind);
    expect(r.shareBp).toBe(shareBp);
  });

  it('average monthly income per person: total / 3 / members, a half up', () => {
    // 36336,00 / 3 / 2 = 6056,00 (exactly 2 subsistence minimums)
    expect(averageMonthlyIncomeKop(3633600, 2)).toBe(605600);
    // 1000,00 / 3 / 1 = 333,333… → 333,33; 1000,01 / 3 = 333,3366… → 333,34
    expect(averageMonthlyIncomeKop(100000, 1)).toBe(33333);
    expect(averageMonthlyIncomeKop(100001, 1)).toBe(33334);
    // 0,05 / 3 / 2 = 0,833 kop → 1 kop
    expect(averageMonthlyIncomeKop(5, 2)).toBe(1);
  });
});

describe('dated rules and the income quarter', () => {
  it('the quarter before the month preceding the decision', () => {
    expect(incomeQuarterFor('2026-03-10')).toEqual({ year: 2025, quarter: 4 }); // February → Q1 → Q4 2025
    expect(incomeQuarterFor('2026-04-01')).toEqual({ year: 2025, quarter: 4 }); // March → Q1 → Q4 2025
    expect(incomeQuarterFor('2026-05-10')).toEqual({ year: 2026, quarter: 1 }); // April → Q2 → Q1 2026
    expect(incomeQuarterFor('2026-01-15')).toEqual({ year: 2025, quarter: 3 }); // December → Q4 → Q3 2025
  });

  it('the rules in force on a day; a hromada row replaces a default of the same day', () => {
    expect(rulesOn('2024-12-31', DEFAULT_RULES)).toBeNull();
    expect(rulesOn('2025-06-01', DEFAULT_RULES)?.validFrom).toBe('2025-01-01');
    expect(rulesOn('2026-06-01', DEFAULT_RULES)?.validFrom).toBe('2026-01-01');
    const own = { ...rules, validFrom: '2026-01-01', subsistenceKop: 333300 };
    const merged = mergeRules([own]);
    expect(merged).toHaveLength(2);
    expect(rulesOn('2026-02-01', merged)?.subsistenceKop).toBe(333300);
  });

  it('bands must cover 2 … 4 without gaps', () => {
    expect(bandsProblem(DEFAULT_BANDS, 2, 4)).toBeNull();
    expect(bandsProblem([{ from: 2, to: 3, percent: 50 }], 2, 4)).toBe('bandsGap');
    expect(bandsProblem([{ from: 2, to: 4, percent: 150 }], 2, 4)).toBe('bandsBad');
  });
});

describe('status and money', () => {
  it('paid / partly / unpaid / overdue', () => {
    expect(invoiceStatus(10000, 10000, '2026-04-15', '2026-05-01')).toBe('paid');
    expect(invoiceStatus(10000, 4000, '2026-04-15', '2026-04-10')).toBe('partly');
    expect(invoiceStatus(10000, 0, '2026-04-15', '2026-04-15')).toBe('unpaid');
    expect(invoiceStatus(10000, 4000, '2026-04-15', '2026-04-16')).toBe('overdue');
  });
  it('parses and formats hryvnias', () => {
    expect(parseMoney('123,4')).toBe(12340);
    expect(parseMoney('1 234.56')).toBe(123456);
    expect(parseMoney('-1')).toBeNull();
    expect(parseMoney('1,234')).toBeNull();
    expect(formatMoney(123456)).toBe('1\u00a0234,56');
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
  });
});

describe('whether an invoice can be paid', () => {
  it('needs both the IBAN and the ЄДРПОУ code', () => {
    expect(canBePaidTo({ iban: 'UA213223130000026007233566001', edrpou: '12345678' })).toBe(true);
    expect(canBePaidTo({ iban: null, edrpou: '12345678' })).toBe(false);
    expect(canBePaidTo({ iban: 'UA213223130000026007233566001', edrpou: null })).toBe(false);
    expect(canBePaidTo({ iban: '', edrpou: '' })).toBe(false);
  });
});
