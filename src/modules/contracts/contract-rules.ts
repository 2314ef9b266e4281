import { addDays } from '../../platform/dates.js';

/** The unit a volume is counted in (decision 0026): hours of the acts' minutes, visits (acts), days with an act. */
export const UNITS = ['hour', 'visit', 'day'] as const;
export type Unit = (typeof UNITS)[number];

/** A contract is written on paper or signed electronically (art. 22 of the Law «Про соціальні послуги»). */
export const CONTRACT_FORMS = ['electronic', 'paper'] as const;
export type ContractForm = (typeof CONTRACT_FORMS)[number];

/** A social order: drafted, announced for the competition (bids taken), awarded to the winner, closed. */
export const ORDER_STATUSES = ['draft', 'procurement', 'awarded', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How many service rows the contract and order forms offer (blank rows are ignored; no JavaScript needed). */
export const SERVICE_ROWS = 5;
/** The numbers of those rows (`service-1`, `volume-1`, …), for the templates. */
export const serviceRowNumbers = () => Array.from({ length: SERVICE_ROWS }, (_, i) => i + 1);

/**
 * The window of the «ending soon» list when none is asked for. The re-assessment itself is due the hromada's
 * `reassessment_days` before the end (art. 22: at least 30 calendar days; the assessments module's setting), so the
 * default window shows every contract whose re-assessment is due now.
 */
export const ENDING_SOON_DAYS = 30;

/**
 * Whether a contract ending on `endsOn` needs its re-assessment on `today` (art. 22): its due day (`days` before the
 * end) has come, it has not ended, and no assessment of its case was completed on or after the due day.
 */
export function reassessmentDue(endsOn: string, days: number, today: string, lastAssessedOn: string | null): boolean {
  const due = addDays(endsOn, -days);
  if (today < due || today > endsOn) return false;
  return lastAssessedOn === null || lastAssessedOn < due;
}

const MONEY = new Intl.NumberFormat('uk-UA', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Hryvnias with two decimals and a comma, grouped as Ukrainian writes them: «12 500,00». */
export const money = (v: string | number): string => MONEY.format(Number(v)).replace(/\u202f|\u00a0/g, ' ');

const VOLUME = new Intl.NumberFormat('uk-UA', { maximumFractionDigits: 2 });
/** A volume with at most two decimals: «40», «12,5». */
export const volume = (v: string | number): string => VOLUME.format(Number(v)).replace(/\u202f|\u00a0/g, ' ');

/** Cents of a decimal text, to add money without floating-point drift. */
export const cents = (v: string | number): number => Math.round(Number(v) * 100);
