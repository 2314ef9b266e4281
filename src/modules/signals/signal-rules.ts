/**
 * The pure rules of early detection: the lists a signal is made of, its number, the triage deadline of its urgency
 * (configurable per hromada; these are defaults, not the unverified limits of the interagency procedures) and the
 * clock shown beside it. Times are instants (`Date`); what people type and read is Kyiv local time.
 */

export const SIGNAL_SOURCES = ['school', 'police', 'health', 'neighbours', 'hotline', 'self', 'other'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const URGENCIES = ['urgent', 'high', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SIGNAL_STATUSES = ['new', 'in_triage', 'closed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** How a signal is closed: a case opened, passed to another agency, or no action (with a reason). */
export const OUTCOMES = ['case', 'agency', 'no_action'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Hours to triage a signal, per urgency. */
export type TriageHours = Record<Urgency, number>;

/** The defaults when a hromada has set none: urgent within 24 hours, high within 72, normal within 7 days. */
export const DEFAULT_TRIAGE_HOURS: TriageHours = { urgent: 24, high: 72, normal: 168 };

/** How far back a signal's «received at» may be (a typo in the year is caught); and the clock skew allowed ahead. */
export const MAX_AGE_DAYS = 366;
export const SKEW_MS = 5 * 60_000;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** С-2026-000001: the hromada's signals numbered per year (Cyrillic С, as cases are В-). */
export const signalNumber = (year: number, n: number) => `С-${year}-${String(n).padStart(6, '0')}`;

/** When the triage of a signal received at `receivedAt` is due. */
export function triageDueAt(receivedAt: Date, urgency: Urgency, hours: TriageHours = DEFAULT_TRIAGE_HOURS): Date {
  return new Date(receivedAt.getTime() + hours[urgency] * HOUR_MS);
}

/** The clock beside an open signal: time left or overdue by, in whole hours and minutes (rounded down). */
export interface TriageClock {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** The clock of a signal due at `dueAt`, seen at `now`; none for a closed signal. */
export function triageClock(dueAt: Date, now: Date, closed = false): TriageClock | null {
  if (closed) return null;
  const diff = dueAt.getTime() - now.getTime();
  const overdue = diff < 0;
  const totalMinutes = Math.floor(Math.abs(diff) / MINUTE_MS);
  const days = Math.floor(totalMinutes / (24 * 60));
  return { overdue, days, hours: Math.floor((totalMinutes % (24 * 60)) / 60), minutes: totalMinutes % 60 };
}

/** Whether a «received at» is acceptable at `now`: not ahead of it (beyond the skew), not older than a year. */
export function receivedAtProblem(receivedAt: Date, now: Date): 'future' | 'tooOld' | null {
  if (receivedAt.getTime() > now.getTime() + SKEW_MS) return 'future';
  if (now.getTime() - receivedAt.getTime() > MAX_AGE_DAYS * 24 * HOUR_MS) return 'tooOld';
  return null;
}

const KYIV_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Kyiv's local date (`YYYY-MM-DD`) and time (`HH:MM`). */
export function kyivDateTime(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(KYIV_PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Kyiv's offset from UTC at an instant, in milliseconds. */
function kyivOffset(at: Date): number {
  const { date, time } = kyivDateTime(at);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, h, mi) - Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
}

/** A Kyiv local date (`YYYY-MM-DD`) and time (`HH:MM`) as an instant (a time skipped by the spring change moves on). */
export function fromKyiv(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const local = Date.UTC(y, m - 1, d, h, mi);
  const first = local - kyivOffset(new Date(local));
  return new Date(local - kyivOffset(new Date(first)));
}

/** `HH:MM` (or `H:MM`, `HH.MM`) → `HH:MM`, or null when it is not a time of day. */
export function parseTime(v: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(v.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}
