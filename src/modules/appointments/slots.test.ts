import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../applications/working-days.js';
import { dayGrid, isoWeekday, seatsOn, slotAt, slotsBetween, type SlotRules } from './slots.js';

// 2026-12-07 is a Monday; 2026-12-12 a Saturday; 2026-12-25 (Christmas) a Friday.
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  opens: '09:00',
  closes: '13:00',
  breakStarts: '11:00',
  breakEnds: '11:30',
}));
const rules = (o: Partial<SlotRules> = {}): SlotRules => ({
  hours: weekdays,
  slotMinutes: 30,
  seats: 2,
  calendar: { ...DEFAULT_CALENDAR, martialLaw: false },
  staff: [],
  ...o,
});
const before = '2026-12-01T08:00';

describe('slots of an office', () => {
  it('knows the ISO weekday', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
  });

  it('steps from opening by the slot length, leaves out the break, ends by closing time', () => {
    expect(dayGrid('2026-12-07', rules())).toEqual({
      times: ['09:00', '09:30', '10:00', '10:30', '11:30', '12:00', '12:30'],
    });
    // 45-minute slots: 09:00, 09:45 — 10:30 would run into the break; 11:30, 12:15 (12:15 + 45 = 13:00).
    expect(dayGrid('2026-12-07', rules({ slotMinutes: 45 }))).toEqual({ times: ['09:00', '09:45', '11:30', '12:15'] });
  });

  it('has no slots on a day without hours, on a holiday, or when all staff are away', () => {
    expect(dayGrid('2026-12-12', rules())).toEqual({ none: 'closed' });
    expect(dayGrid('2026-12-25', rules())).toEqual({ none: 'holiday' });
    // Under martial law holidays are working days.
    expect(dayGrid('2026-12-25', rules({ calendar: DEFAULT_CALENDAR }))).not.toHaveProperty('none');
    // The hromada's own day off, and a day it made a working one.
    expect(dayGrid('2026-12-08', rules({ calendar: { ...DEFAULT_CALENDAR, extraHolidays: ['2026-12-08'] } }))).toEqual({
      none: 'holiday',
    });
    expect(
      dayGrid(
        '2026-12-25',
        rules({ calendar: { martialLaw: false, extraHolidays: [], extraWorkingDays: ['2026-12-25'] } }),
      ),
    ).not.toHaveProperty('none');
    const staff = [{ userId: 'a', absences: [{ from: '2026-12-07', to: '2026-12-08' }] }];
    expect(dayGrid('2026-12-07', rules({ staff }))).toEqual({ none: 'no_staff' });
    expect(dayGrid('2026-12-09', rules({ staff }))).not.toHaveProperty('none');
  });

  it('gives no more seats than staff present', () => {
    const staff = [
      { userId: 'a', absences: [{ from: '2026-12-07', to: '2026-12-07' }] },
      { userId: 'b', absences: [] },
      { userId: 'c', absences: [] },
    ];
    expect(seatsOn('2026-12-07', rules({ staff }))).toBe(2);
    expect(seatsOn('2026-12-07', rules({ staff, seats: 5 }))).toBe(2);
    expect(seatsOn('2026-12-08', rules({ staff, seats: 5 }))).toBe(3);
    expect(seatsOn('2026-12-08', rules({ seats: 5 }))).toBe(5);
  });

  it('lists the slots of a range with their free seats, without those already begun', () => {
    const taken = new Map([
      ['2026-12-07T09:30', 2],
      ['2026-12-07T10:00', 1],
    ]);
    const s = slotsBetween(rules(), '2026-12-07', '2026-12-08', '2026-12-07T09:15', taken);
    expect(s[0]).toEqual({ start: '2026-12-07T09:30', end: '2026-12-07T10:00', seats: 2, free: 0 });
    expect(s[1]).toEqual({ start: '2026-12-07T10:00', end: '2026-12-07T10:30', seats: 2, free: 1 });
    expect(s.filter((x) => x.start.startsWith('2026-12-07'))).toHaveLength(6);
    expect(s.filter((x) => x.start.startsWith('2026-12-08'))).toHaveLength(7);
    expect(slotsBetween(rules(), '2026-12-12', '2026-12-13', before)).toEqual([]);
  });

  it('says why a wanted time is not a slot', () => {
    expect(slotAt(rules(), '2026-12-07T09:00', '2026-12-07T09:00')).toEqual({ none: 'past' });
    expect(slotAt(rules(), '2026-12-07T11:00', before)).toEqual({ none: 'not_a_slot' });
    expect(slotAt(rules(), '2026-12-07T09:10', before)).toEqual({ none: 'not_a_slot' });
    expect(slotAt(rules(), '2026-12-07T14:00', before)).toEqual({ none: 'not_a_slot' });
    expect(slotAt(rules(), '2026-12-12T09:00', before)).toEqual({ none: 'closed' });
    expect(slotAt(rules(), '2026-12-25T09:00', before)).toEqual({ none: 'holiday' });
    expect(slotAt(rules(), '2026-12-07T12:30', before, new Map([['2026-12-07T12:30', 1]]))).toEqual({
      start: '2026-12-07T12:30',
      end: '2026-12-07T13:00',
      seats: 2,
      free: 1,
    });
  });
});
