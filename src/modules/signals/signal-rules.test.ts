import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRIAGE_HOURS,
  fromKyiv,
  kyivDateTime,
  parseTime,
  receivedAtProblem,
  signalNumber,
  triageClock,
  triageDueAt,
} from './signal-rules.js';

const at = (iso: string) => new Date(iso);

describe('triage deadlines', () => {
  it('are 24 hours for urgent, 72 for high and 7 days for normal by default', () => {
    const received = at('2026-03-10T08:00:00Z');
    expect(triageDueAt(received, 'urgent').toISOString()).toBe('2026-03-11T08:00:00.000Z');
    expect(triageDueAt(received, 'high').toISOString()).toBe('2026-03-13T08:00:00.000Z');
    expect(triageDueAt(received, 'normal').toISOString()).toBe('2026-03-17T08:00:00.000Z');
    expect(DEFAULT_TRIAGE_HOURS).toEqual({ urgent: 24, high: 72, normal: 168 });
  });

  it('follow a hromada’s own hours', () => {
    const due = triageDueAt(at('2026-03-10T08:00:00Z'), 'urgent', { urgent: 6, high: 48, normal: 120 });
    expect(due.toISOString()).toBe('2026-03-10T14:00:00.000Z');
  });

  it('count real hours across the change to summer time (no hour gained or lost)', () => {
    // Kyiv moves to summer time on the night of 29.03.2026.
    const due = triageDueAt(fromKyiv('2026-03-28', '12:00'), 'urgent');
    expect(kyivDateTime(due)).toEqual({ date: '2026-03-29', time: '13:00' });
  });
});

describe('the clock with a fixed now', () => {
  const due = at('2026-03-11T08:00:00Z');
  it('shows the time left', () => {
    expect(triageClock(due, at('2026-03-10T20:30:00Z'))).toEqual({ overdue: false, days: 0, hours: 11, minutes: 30 });
    expect(triageClock(due, at('2026-03-08T07:00:00Z'))).toEqual({ overdue: false, days: 3, hours: 1, minutes: 0 });
  });
  it('shows how long it is overdue', () => {
    expect(triageClock(due, at('2026-03-12T10:15:59Z'))).toEqual({ overdue: true, days: 1, hours: 2, minutes: 15 });
  });
  it('is at zero, not overdue, exactly at the deadline; gone for a closed signal', () => {
    expect(triageClock(due, due)).toEqual({ overdue: false, days: 0, hours: 0, minutes: 0 });
    expect(triageClock(due, at('2026-03-20T00:00:00Z'), true)).toBeNull();
  });
});

describe('when a signal was received', () => {
  const now = at('2026-03-10T12:00:00Z');
  it('may not be in the future (a few minutes of clock skew allowed) or over a year ago', () => {
    expect(receivedAtProblem(at('2026-03-10T11:00:00Z'), now)).toBeNull();
    expect(receivedAtProblem(at('2026-03-10T12:04:00Z'), now)).toBeNull();
    expect(receivedAtProblem(at('2026-03-10T13:00:00Z'), now)).toBe('future');
    expect(receivedAtProblem(at('2025-03-01T12:00:00Z'), now)).toBe('tooOld');
  });

  it('is typed in Kyiv time, winter and summer', () => {
    expect(fromKyiv('2026-01-15', '09:30').toISOString()).toBe('2026-01-15T07:30:00.000Z');
    expect(fromKyiv('2026-07-15', '09:30').toISOString()).toBe('2026-07-15T06:30:00.000Z');
    expect(kyivDateTime(at('2026-07-15T06:30:00Z'))).toEqual({ date: '2026-07-15', time: '09:30' });
    expect(kyivDateTime(at('2026-12-31T22:30:00Z'))).toEqual({ date: '2027-01-01', time: '00:30' });
  });

  it('reads a time of day', () => {
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime('23.59')).toBe('23:59');
    expect(parseTime('24:00')).toBeNull();
    expect(parseTime('noon')).toBeNull();
  });
});

it('numbers signals per year', () => {
  expect(signalNumber(2026, 1)).toBe('С-2026-000001');
});
