import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, displayDate, isIsoDate, kyivLocal, kyivToday, parseDisplayDate } from './dates.js';

describe('the date module', () => {
  it("reads Kyiv's wall clock minute by minute across both changes of the clocks", () => {
    // An independent reading: Swedish dates are written the ISO way (`2026-03-29 04:00:00`).
    const wall = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Kyiv' }).replace(' ', 'T').slice(0, 16);
    // Clocks go forward on 29.03.2026 at 01:00 UTC and back on 25.10.2026 at 01:00 UTC; 1920: Kyiv mean time.
    for (const from of ['2026-03-28T22:00:00Z', '2026-10-24T22:00:00Z', '1920-06-01T00:00:00Z']) {
      for (let ms = Date.parse(from); ms < Date.parse(from) + 6 * 3_600_000; ms += 17_000) {
        expect(kyivLocal(new Date(ms))).toBe(wall(new Date(ms)));
      }
    }
    expect(kyivLocal(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T02:59');
    expect(kyivLocal(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T04:00');
    expect(kyivLocal(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T03:30');
    expect(kyivLocal(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T03:30');
  });

  it('keeps each hour its own offset when hours of summer, winter and 1920 are asked for in turn', () => {
    const wall = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Kyiv' }).replace(' ', 'T').slice(0, 16);
    const hours = ['2026-12-07T07:10:00Z', '2026-07-07T07:10:00Z', '1920-06-01T03:10:00Z', '2026-03-29T01:10:00Z'];
    // Twice round: the second time every hour is one already read.
    for (let round = 0; round < 2; round++)
      for (const h of hours)
        for (const minute of [0, 25, 49]) {
          const at = new Date(Date.parse(h) + minute * 60_000);
          expect(kyivLocal(at)).toBe(wall(at));
        }
  });
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
