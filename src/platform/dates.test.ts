import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, displayDate, isIsoDate, kyivToday, parseDisplayDate } from './dates.js';

describe('the date module', () => {
  it('takes today in Kyiv, not in UTC', () => {
    // 22:30 UTC on 31 December is already 1 January in Kyiv (UTC+2 in winter).
    expect(kyivToday(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01');
    expect(kyivToday(new Date('2026-07-01T20:59:00Z'))).toBe('2026-07-01');
  });

  it('checks calendar dates and counts days across months and leap years', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('reads and writes дд.мм.рррр', () => {
    expect(displayDate('2026-03-09')).toBe('09.03.2026');
    expect(displayDate(null)).toBe('');
    expect(parseDisplayDate(' 9.3.2026 ')).toBe('2026-03-09');
    expect(parseDisplayDate('31.02.2026')).toBeNull();
    expect(parseDisplayDate('2026-03-09')).toBeNull();
  });
});
