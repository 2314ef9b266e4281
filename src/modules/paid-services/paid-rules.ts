/**
 * The arithmetic of paid social services (decision 0029), pure: the payment share from income (art. 28 of the Law
 * «Про соціальні послуги»), the quarter whose income counts, and the invoice lines of a month from its acts.
 * Money is held in kopiykas (integers); a share in hundredths of a percent (basis points, 10000 = the full tariff).
 */

export const UNITS = ['hour', 'visit', 'day'] as const;
export type Unit = (typeof UNITS)[number];

/** Grounds of free services, from art. 28 part 2 of the Law (the list must be checked against the current text). */
export const FREE_GROUNDS = [
  'trafficking',
  'violence',
  'childDisability',
  'disabilityGroup1',
  'orphan',
  'careFamily',
  'otherListed',
] as const;
export type FreeGround = (typeof FREE_GROUNDS)[number];

export const CATEGORY_KINDS = ['free', 'income', 'full'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/** A band of the differentiated share: from `from` (inclusive) to `to` (exclusive; the last band includes it). */
export interface Band {
  from: number;
  to: number;
  percent: number;
}

/** The rules of payment in force from a day. */
export interface PaymentRules {
  validFrom: string;
  /** Прожитковий мінімум in kopiykas. */
  subsistenceKop: number;
  freeBelow: number;
  fullAbove: number;
  bands: Band[];
}

/**
 * The default differentiated scale between 2 and 4 subsistence minimums: linear steps of a half, 20 % … 80 % of the
 * tariff. КМУ постанова №429 of 01.06.2020 sets the real scale; it was NOT verified — check before use (docs/legal.md).
 */
export const DEFAULT_BANDS: Band[] = [
  { from: 2, to: 2.5, percent: 20 },
  { from: 2.5, to: 3, percent: 40 },
  { from: 3, to: 3.5, percent: 60 },
  { from: 3.5, to: 4, percent: 80 },
];

/**
 * The defaults of every hromada until it sets its own: the general subsistence minimum of 3028 UAH from 01.01.2025;
 * for 2026 the same figure is entered and MUST be checked against the State Budget law for 2026.
 */
export const DEFAULT_RULES: PaymentRules[] = [
  { validFrom: '2025-01-01', subsistenceKop: 302800, freeBelow: 2, fullAbove: 4, bands: DEFAULT_BANDS },
  { validFrom: '2026-01-01', subsistenceKop: 302800, freeBelow: 2, fullAbove: 4, bands: DEFAULT_BANDS },
];

/** The rules in force on `day` (the latest starting on or before it), or null before the first. */
/** An invoice can be paid only to a payee with an IBAN and an ЄДРПОУ code; without either it is shown as unpayable. */
export function canBePaidTo(payee: { iban: string | null; edrpou: string | null }): boolean {
  return !!payee.iban && !!payee.edrpou;
}

export function rulesOn(day: string, rules: PaymentRules[]): PaymentRules | null {
  let best: PaymentRules | null = null;
  for (const r of rules) if (r.validFrom <= day && (!best || r.validFrom > best.validFrom)) best = r;
  return best;
}

/** The hromada's own rules over the defaults: a row of the hromada replaces a default starting on the same day. */
export function mergeRules(own: PaymentRules[]): PaymentRules[] {
  const byDay = new Map(DEFAULT_RULES.map((r) => [r.validFrom, r]));
  for (const r of own) byDay.set(r.validFrom, r);
  return [...byDay.values()].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}

/** What is wrong with a set of bands, or null: each within the thresholds, in order, without gaps, 0–100 %. */
export function bandsProblem(bands: Band[], freeBelow: number, fullAbove: number): string | null {
  if (bands.length === 0) return 'bandsEmpty';
  let at = freeBelow;
  for (const b of bands) {
    if (!(b.to > b.from) || b.percent < 0 || b.percent > 100) return 'bandsBad';
    if (Math.abs(b.from - at) > 1e-9) return 'bandsGap';
    at = b.to;
  }
  return Math.abs(at - fullAbove) > 1e-9 ? 'bandsGap' : null;
}

/**
 * The quarter whose income counts for a decision on `day`: the last whole quarter that ended before the month
 * preceding the decision's month. 10.03.2026 → the month before is February → Q4 2025; 10.05.2026 → April → Q1 2026.
 */
export function incomeQuarterFor(day: string): { year: number; quarter: number } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  // The month preceding the decision's month, as a running month number.
  const prev = y * 12 + (m - 1) - 1;
  // The quarter containing that month, then the one before it.
  const q = Math.floor((prev % 12) / 3) + Math.floor(prev / 12) * 4 - 1;
  return { year: Math.floor(q / 4), quarter: (q % 4) + 1 };
}

/** Average monthly income per family member in kopiykas: the quarter's total / 3 months / members, rounded half up. */
export function averageMonthlyIncomeKop(totalKop: number, members: number): number {
  return Math.floor((totalKop * 2 + 3 * members) / (6 * members));
}

/**
 * The share of the tariff a recipient pays by income: free below `freeBelow` subsistence minimums (strictly), full
 * above `fullAbove` (strictly), the band's percent between them (both ends included).
 */
export function shareByIncome(
  avgKop: number,
  rules: PaymentRules,
): { kind: 'free' | 'differentiated' | 'full'; ratio: number; shareBp: number } {
  const ratio = avgKop / rules.subsistenceKop;
  // Compared in kopiykas, so a ratio of exactly 2 or 4 is not lost to floating point.
  if (avgKop < rules.freeBelow * rules.subsistenceKop) return { kind: 'free', ratio, shareBp: 0 };
  if (avgKop > rules.fullAbove * rules.subsistenceKop) return { kind: 'full', ratio, shareBp: 10000 };
  const last = rules.bands[rules.bands.length - 1];
  const band =
    rules.bands.find((b) => avgKop >= b.from * rules.subsistenceKop && avgKop < b.to * rules.subsistenceKop) ?? last;
  return { kind: 'differentiated', ratio, shareBp: Math.round((band?.percent ?? 100) * 100) };
}

/** A delivered act as the invoice counts it. */
export interface ActInput {
  serviceId: string;
  day: string;
  minutes: number;
}

export interface TariffInput {
  id: string;
  serviceId: string;
  unit: Unit;
  priceKop: number;
  validFrom: string;
  validTo: string | null;
  /** The month's volume (hundredths of the unit) up to which the category's share applies; beyond it, full. */
  limitCenti: number | null;
}

export interface CategoryInput {
  serviceId: string;
  shareBp: number;
  validFrom: string;
  validTo: string | null;
}

export interface InvoiceLine {
  serviceId: string;
  tariffId: string;
  unit: Unit;
  periodFrom: string;
  periodTo: string;
  /** Volume in hundredths of the unit (hours are minutes / 60, shown rounded to two decimals). */
  volumeCenti: number;
  priceKop: number;
  shareBp: number;
  amountKop: number;
}

export interface InvoiceComputation {
  lines: InvoiceLine[];
  totalKop: number;
  /** Acts on a day with no tariff for their service (not counted; the run reports them). */
  unpriced: ActInput[];
}

const within = (day: string, from: string, to: string | null) => from <= day && (to === null || day <= to);

/** Rounds a non-negative fraction num/den to the nearest integer, a half up. */
function roundHalfUp(num: bigint, den: bigint): number {
  return Number((num * 2n + den) / (den * 2n));
}

/**
 * The lines of one recipient's month with one provider. Each act takes the tariff valid on its day and the share of
 * the category valid on that day (none: the full tariff). Beyond the tariff's monthly volume (the state standard's,
 * when set) the full tariff applies: the month's volume of the service is counted in the order of the acts, and the
 * act that crosses the limit is split (its minutes for hours). Pieces with the same service, tariff and share make one
 * line; its volume is hours (the minutes / 60), visits (one per act) or days (one per distinct day). Money is rounded
 * to kopiykas once per line, a half up: amount = volume × price × share, from the exact minutes; the total is the sum
 * of the lines.
 */
export function computeInvoice(
  acts: ActInput[],
  tariffs: TariffInput[],
  categories: CategoryInput[],
): InvoiceComputation {
  const groups = new Map<string, { tariff: TariffInput; shareBp: number; acts: ActInput[] }>();
  const unpriced: ActInput[] = [];
  // The month's volume used so far per service: minutes for hours, acts for visits, days for days.
  const used = new Map<string, { minutes: number; units: number; days: Map<string, number> }>();
  const add = (tariff: TariffInput, shareBp: number, piece: ActInput) => {
    const key = `${piece.serviceId}|${tariff.id}|${shareBp}`;
    const g = groups.get(key) ?? { tariff, shareBp, acts: [] };
    g.acts.push(piece);
    groups.set(key, g);
  };
  for (const act of [...acts].sort((a, b) => a.day.localeCompare(b.day))) {
    const tariff = tariffs.find((t) => t.serviceId === act.serviceId && within(act.day, t.validFrom, t.validTo));
    if (!tariff) {
      unpriced.push(act);
      continue;
    }
    const category = categories.find((c) => c.serviceId === act.serviceId && within(act.day, c.validFrom, c.validTo));
    const shareBp = category ? category.shareBp : 10000;
    const u = used.get(act.serviceId) ?? { minutes: 0, units: 0, days: new Map<string, number>() };
    used.set(act.serviceId, u);
    const limit = tariff.limitCenti;
    if (tariff.unit === 'hour') {
      // Minutes still within the limit (a limit of 40 h is 2400 minutes).
      const left = limit === null ? act.minutes : Math.max(0, Math.floor((limit * 60) / 100) - u.minutes);
      const inside = Math.min(act.minutes, left);
      u.minutes += act.minutes;
      if (inside > 0) add(tariff, shareBp, { ...act, minutes: inside });
      if (act.minutes > inside) add(tariff, 10000, { ...act, minutes: act.minutes - inside });
    } else if (tariff.unit === 'visit') {
      u.units += 1;
      add(tariff, limit === null || u.units * 100 <= limit ? shareBp : 10000, act);
    } else {
      // A day already counted keeps the share it was counted at; a new day is within the limit or beyond it.
      const known = u.days.get(act.day);
      if (known === undefined) {
        u.units += 1;
        u.days.set(act.day, limit === null || u.units * 100 <= limit ? shareBp : 10000);
      }
      add(tariff, u.days.get(act.day) ?? shareBp, act);
    }
  }
  const lines: InvoiceLine[] = [];
  for (const { tariff, shareBp, acts: group } of groups.values()) {
    // The volume as an exact fraction num/den of the unit.
    let num: bigint;
    let den: bigint;
    if (tariff.unit === 'hour') {
      num = BigInt(group.reduce((s, a) => s + a.minutes, 0));
      den = 60n;
    } else if (tariff.unit === 'visit') {
      num = BigInt(group.length);
      den = 1n;
    } else {
      num = BigInt(new Set(group.map((a) => a.day)).size);
      den = 1n;
    }
    lines.push({
      serviceId: tariff.serviceId,
      tariffId: tariff.id,
      unit: tariff.unit,
      periodFrom: group[0]?.day ?? '',
      periodTo: group[group.length - 1]?.day ?? '',
      volumeCenti: roundHalfUp(num * 100n, den),
      priceKop: tariff.priceKop,
      shareBp,
      amountKop: roundHalfUp(num * BigInt(tariff.priceKop) * BigInt(shareBp), den * 10000n),
    });
  }
  lines.sort(
    (a, b) =>
      a.serviceId.localeCompare(b.serviceId) || a.periodFrom.localeCompare(b.periodFrom) || a.shareBp - b.shareBp,
  );
  return { lines, totalKop: lines.reduce((s, l) => s + l.amountKop, 0), unpriced };
}

export type InvoiceStatus = 'paid' | 'partly' | 'unpaid' | 'overdue';

/** Paid when nothing is left; overdue after the due day with a balance; partly paid; or unpaid. */
export function invoiceStatus(totalKop: number, paidKop: number, dueOn: string, today: string): InvoiceStatus {
  if (paidKop >= totalKop) return 'paid';
  if (today > dueOn) return 'overdue';
  return paidKop > 0 ? 'partly' : 'unpaid';
}

/** '123.45' / '123,4' / '123' → kopiykas, or null when it is not a non-negative amount with at most two decimals. */
export function parseMoney(v: string): number | null {
  const m = /^(\d{1,10})(?:[.,](\d{1,2}))?$/.exec(v.trim().replace(/\s/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Kopiykas → «1 234,50» (two decimals, a comma, thin groups as Ukrainian text writes them). */
export function formatMoney(kop: number): string {
  const whole = Math.floor(kop / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${whole},${String(kop % 100).padStart(2, '0')}`;
}

/** Hundredths → «12,5» style volume text (two decimals, trailing zeros dropped). */
export function formatVolume(centi: number): string {
  const s = (centi / 100).toFixed(2).replace(/\.?0+$/, '');
  return s.replace('.', ',');
}

/** The first day of a `YYYY-MM` month and its last day. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const lastDay = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { first: `${month}-01`, last: lastDay };
}
