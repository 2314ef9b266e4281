import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addWorkingDays,
  calendarFrom,
  decisionDeadline,
  deadlineState,
  holidaysOf,
  isWorkingDay,
  kyivToday,
  nextWorkingDay,
  orthodoxEaster,
  pausedWorkingDays,
  trinity,
  workingDaysBetween,
  type WorkCalendar,
} from './working-days.js';

const WAR: WorkCalendar = { martialLaw: true, extraHolidays: [], extraWorkingDays: [] };
const PEACE: WorkCalendar = { martialLaw: false, extraHolidays: [], extraWorkingDays: [] };

describe('Orthodox Easter and Trinity', () => {
  it.each([
    [2019, '2019-04-28'],
    [2020, '2020-04-19'],
    [2021, '2021-05-02'],
    [2022, '2022-04-24'],
    [2023, '2023-04-16'],
    [2024, '2024-05-05'],
    [2025, '2025-04-20'],
    [2026, '2026-04-12'],
    [2027, '2027-05-02'],
  ])('Easter %i is %s', (year, date) => {
    expect(orthodoxEaster(year)).toBe(date);
  });
  it('Trinity is Easter + 49 days, a Sunday', () => {
    expect(trinity(2024)).toBe('2024-06-23');
    expect(trinity(2025)).toBe('2025-06-08');
    for (let y = 1950; y < 2100; y++) {
      expect(new Date(`${orthodoxEaster(y)}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(new Date(`${trinity(y)}T00:00:00Z`).getUTCDay()).toBe(0);
    }
  });
  it('uses the new-calendar fixed holidays from 2023 (25 Dec, 8 May, 15 Jul, 1 Oct; no 7 Jan)', () => {
    const h2025 = holidaysOf(2025);
    expect(h2025).toEqual(
      expect.arrayContaining([
        '2025-01-01',
        '2025-03-08',
        '2025-05-01',
        '2025-05-08',
        '2025-06-28',
        '2025-07-15',
        '2025-08-24',
        '2025-10-01',
        '2025-12-25',
        '2025-04-20',
        '2025-06-08',
      ]),
    );
    expect(h2025).not.toContain('2025-01-07');
    expect(h2025).toHaveLength(11);
    expect(holidaysOf(2022)).toEqual(expect.arrayContaining(['2022-01-07', '2022-05-09', '2022-10-14']));
  });
});

describe('isWorkingDay', () => {
  it('under martial law only weekends are non-working; holidays are working days', () => {
    expect(isWorkingDay('2025-01-01', WAR)).toBe(true); // Wednesday, New Year
    expect(isWorkingDay('2025-08-25', WAR)).toBe(true); // Monday after Independence Day on Sunday: not moved
    expect(isWorkingDay('2025-01-04', WAR)).toBe(false); // Saturday
    expect(isWorkingDay('2025-01-05', WAR)).toBe(false); // Sunday
  });
  it('without martial law holidays are days off, and one on a weekend moves to the next working day', () => {
    expect(isWorkingDay('2025-01-01', PEACE)).toBe(false);
    expect(isWorkingDay('2025-08-25', PEACE)).toBe(false); // 24 Aug 2025 is a Sunday
    expect(isWorkingDay('2025-06-30', PEACE)).toBe(false); // 28 Jun 2025 is a Saturday
    expect(isWorkingDay('2025-04-21', PEACE)).toBe(false); // Easter Monday
    expect(isWorkingDay('2025-04-22', PEACE)).toBe(true);
    expect(isWorkingDay('2025-07-14', PEACE)).toBe(true);
  });
  it('a hromada’s own days override the computed rules', () => {
    const cal = { martialLaw: true, extraHolidays: ['2025-03-12'], extraWorkingDays: ['2025-03-15'] };
    expect(isWorkingDay('2025-03-12', cal)).toBe(false);
    expect(isWorkingDay('2025-03-15', cal)).toBe(true); // a Saturday made working
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('counts from the day after the start; a deadline never ends on a weekend', () => {
    expect(addWorkingDays('2026-03-02', 10, WAR)).toBe('2026-03-16'); // Mon + 10 → Mon two weeks later
    expect(addWorkingDays('2026-03-06', 1, WAR)).toBe('2026-03-09'); // Fri + 1 → Mon
    expect(addWorkingDays('2026-03-07', 0, WAR)).toBe('2026-03-09'); // Sat, 0 → next working day
    expect(nextWorkingDay('2026-03-08', WAR)).toBe('2026-03-09');
  });
  it('skips holidays only when martial law is off', () => {
    // 2025-04-18 is a Friday; Easter Monday 21 Apr is a day off in peacetime only.
    expect(addWorkingDays('2025-04-18', 1, WAR)).toBe('2025-04-21');
    expect(addWorkingDays('2025-04-18', 1, PEACE)).toBe('2025-04-22');
    // 2024-12-20 (Fri) + 10: 25 Dec and 1 Jan are working days under martial law.
    expect(addWorkingDays('2024-12-20', 10, WAR)).toBe('2025-01-03');
    expect(addWorkingDays('2024-12-20', 10, PEACE)).toBe('2025-01-07');
  });
  it('counts working days between two dates, negative backwards', () => {
    expect(workingDaysBetween('2026-03-02', '2026-03-16', WAR)).toBe(10);
    expect(workingDaysBetween('2026-03-16', '2026-03-02', WAR)).toBe(-10);
    expect(workingDaysBetween('2026-03-06', '2026-03-08', WAR)).toBe(0);
  });
  it('rejects a negative count and a malformed date', () => {
    expect(() => addWorkingDays('2026-03-02', -1, WAR)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1, WAR)).toThrow(RangeError);
  });
});

const dateArb = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addDays('2000-01-01', n));
const calArb = fc.record({
  martialLaw: fc.boolean(),
  extraHolidays: fc.array(dateArb, { maxLength: 5 }),
  extraWorkingDays: fc.array(dateArb, { maxLength: 3 }),
});

describe('working-day properties', () => {
  it('the result is a working day after the start, and counting back gives n', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), calArb, (start, n, cal) => {
        const end = addWorkingDays(start, n, cal);
        expect(isWorkingDay(end, cal)).toBe(true);
        expect(end > start).toBe(true);
        expect(workingDaysBetween(start, end, cal)).toBe(n);
      }),
    );
  });
  it('is monotonic and additive', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), calArb, (s, a, b, cal) => {
        expect(addWorkingDays(s, a + b, cal)).toBe(addWorkingDays(addWorkingDays(s, a, cal), b, cal));
        expect(addWorkingDays(s, a, cal) < addWorkingDays(s, a + b, cal)).toBe(true);
      }),
    );
  });
  it('under martial law a week of 5 working days is 7 calendar days', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 20 }), (s, weeks) => {
        if (isWorkingDay(s, WAR)) expect(addWorkingDays(s, 5 * weeks, WAR)).toBe(addDays(s, 7 * weeks));
        expect(workingDaysBetween(s, addDays(s, 7 * weeks), WAR)).toBe(5 * weeks);
      }),
    );
  });
  it('peacetime never has more working days than martial law', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 120 }), (s, span) => {
        const e = addDays(s, span);
        expect(workingDaysBetween(s, e, PEACE)).toBeLessThanOrEqual(workingDaysBetween(s, e, WAR));
      }),
    );
  });
});

describe('pauses and deadline state', () => {
  it('extends the deadline by the working days spent waiting for documents', () => {
    const registeredOn = '2026-03-02';
    const pauses = [{ from: '2026-03-04', to: '2026-03-10' }]; // Wed → next Tue: 4 working days
    const paused = pausedWorkingDays(pauses, WAR);
    expect(paused).toBe(4);
    expect(decisionDeadline({ registeredOn, days: 10, pausedDays: 0, calendar: WAR })).toBe('2026-03-16');
    expect(decisionDeadline({ registeredOn, days: 10, pausedDays: paused, calendar: WAR })).toBe('2026-03-20');
    expect(pausedWorkingDays([...pauses, { from: '2026-03-13', to: '2026-03-16' }], WAR)).toBe(5);
  });
  it('marks overdue after the deadline and at risk within two working days', () => {
    expect(deadlineState('2026-03-16', '2026-03-17', WAR)).toBe('overdue');
    expect(deadlineState('2026-03-16', '2026-03-16', WAR)).toBe('at_risk');
    expect(deadlineState('2026-03-16', '2026-03-12', WAR)).toBe('at_risk'); // Thu: Fri, Mon left
    expect(deadlineState('2026-03-16', '2026-03-11', WAR)).toBe('ok');
  });
  it('reads a stored calendar, falling back to martial law on', () => {
    expect(calendarFrom(undefined)).toEqual(WAR);
    // Editing the calendar one hromada got leaves the default of the others as it was.
    calendarFrom(undefined).extraHolidays.push('2026-12-31');
    expect(calendarFrom(null)).toEqual(WAR);
    expect(calendarFrom({ martialLaw: false, extraHolidays: ['2026-01-02', 'bad'], extraWorkingDays: 3 })).toEqual({
      martialLaw: false,
      extraHolidays: ['2026-01-02'],
      extraWorkingDays: [],
    });
  });
  it('gives today in Kyiv', () => {
    expect(kyivToday(new Date('2026-03-01T22:30:00Z'))).toBe('2026-03-02');
  });
});

describe('workingDaysBetween agrees with counting isWorkingDay day by day', () => {
  it('for any span up to three years, with and without martial law', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 1100 }),
        fc.boolean(),
        (startOffset, length, martialLaw) => {
          const from = addDays('2021-01-01', startOffset);
          const to = addDays(from, length);
          const cal = { martialLaw, extraHolidays: [], extraWorkingDays: [] };
          let expected = 0;
          for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) expected += 1;
          expect(workingDaysBetween(from, to, cal)).toBe(expected);
          expect(workingDaysBetween(to, from, cal)).toBe(expected === 0 ? 0 : -expected);
        },
      ),
      { numRuns: 200 },
    );
    expect(
      Object.is(
        workingDaysBetween('2021-01-02', '2021-01-01', { martialLaw: false, extraHolidays: [], extraWorkingDays: [] }),
        0,
      ),
    ).toBe(true);
  });
});
