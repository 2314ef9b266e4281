import type { HookRegistry } from '../../platform/modules.js';
import { isUuid } from '../../platform/ids.js';
import type { Metric, MetricUnit } from './metric.js';

declare module '../../platform/modules.js' {
  interface Hooks {
    /** A computed metric over the module's data (decision 0032). */
    metrics: Metric;
  }
}

/** Every contributed metric by key (a duplicate key is a programming error, caught at start). */
export function metricsOf(hooks: HookRegistry): Map<string, Metric> {
  const out = new Map<string, Metric>();
  for (const m of hooks.all('metrics')) {
    if (out.has(m.key)) throw new Error(`metric ${m.key} contributed twice`);
    out.set(m.key, m);
  }
  return out;
}

/** The words an indicator's unit may use for a metric's unit (an indicator with another unit cannot be bound to it). */
const UNIT_WORDS: Record<MetricUnit, string[]> = {
  persons: ['осіб', 'особи', 'особа', 'осіб/рік', 'людей', 'чоловік', 'отримувачів', 'persons'],
  families: ['сімей', 'сім’ї', "сім'ї", 'родин', 'домогосподарств', 'families'],
  children: ['дітей', 'осіб', 'children'],
  applications: ['заяв', 'звернень', 'applications'],
  cases: ['випадків', 'cases'],
  referrals: ['перенаправлень', 'направлень', 'referrals'],
  signals: ['повідомлень', 'сигналів', 'signals'],
  acts: ['актів', 'послуг', 'відвідувань', 'acts'],
  hours: ['годин', 'год', 'год.', 'hours'],
  days: ['днів', 'дні', 'робочих днів', 'days'],
  percent: ['%', 'відсотків', 'відсоток', 'percent'],
  staff: ['фахівців', 'працівників', 'осіб', 'staff'],
};

/** True when an indicator measured in `unit` (as the plan writes it; none means any) can take the metric's figures. */
export function unitFits(unit: string | null, metricUnit: MetricUnit): boolean {
  if (unit === null || unit.trim() === '') return true;
  return UNIT_WORDS[metricUnit].includes(unit.trim().toLowerCase());
}

/**
 * A metric narrowed to one service — the plans count «persons served by home care», not by every service — is named
 * by its key and the service: `delivery.personsServed?service=<uuid>`. It is the metric's base rows of that service
 * only (the service's id is checked to be an id before it is written into the SQL), without the service breakdown.
 */
const NARROWED = /^([A-Za-z][A-Za-z.]{0,60})\?service=(.{1,40})$/;

export const narrowedKey = (key: string, serviceId: string) => `${key}?service=${serviceId}`;

/** The metric's own key and the service it is narrowed to (null when not narrowed). */
export function metricKeyParts(key: string): { key: string; serviceId: string | null } {
  const m = NARROWED.exec(key);
  return m && isUuid(m[2]) ? { key: m[1], serviceId: m[2] } : { key, serviceId: null };
}

/** The metric a key names, narrowed to a service when the key says so; undefined for an unknown or unfit key. */
export function metricOf(all: Map<string, Metric>, key: string): Metric | undefined {
  const parts = metricKeyParts(key);
  const metric = all.get(parts.key);
  if (!metric || parts.serviceId === null) return parts.key === key ? metric : undefined;
  if (!metric.breakdowns.includes('service')) return undefined;
  return {
    ...metric,
    key,
    baseSql: `SELECT * FROM (${metric.baseSql}) narrowed WHERE narrowed.service::text = '${parts.serviceId}'`,
    breakdowns: metric.breakdowns.filter((b) => b !== 'service'),
  };
}
