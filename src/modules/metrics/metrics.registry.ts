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
  rides: ['поїздок', 'перевезень', 'рейсів', 'rides'],
};

/** True when an indicator measured in `unit` (as the plan writes it; none means any) can take the metric's figures. */
export function unitFits(unit: string | null, metricUnit: MetricUnit): boolean {
  if (unit === null || unit.trim() === '') return true;
  return UNIT_WORDS[metricUnit].includes(unit.trim().toLowerCase());
}

/**
 * A metric narrowed to one service — the plans count «persons served by home care», not by every service — is named
 * by its key and the service: `delivery.personsServed?service=<uuid>`; narrowed to a group of services of the
 * ministry's classifier (the codes' first part: 015 — догляд: 015.1 вдома, 015.3 денний), `…?group=015`. It is the
 * metric's base rows of that service or group only (the id or code is checked before it is written into the SQL); a
 * single service has no service breakdown, a group keeps it.
 *
 * A narrowing travels in forms and links as one value: a service's id, or `group:015`.
 */
const NARROWED = /^([A-Za-z][A-Za-z.]{0,60})\?(service|group)=(.{1,40})$/;
const GROUP = /^[0-9]{3}$/;

/** True for a narrowing value: a service's id or `group:NNN`. */
export function isNarrowing(v: string): boolean {
  const group = narrowingGroup(v);
  return group === null ? isUuid(v) : GROUP.test(group);
}

/** The classifier group a narrowing value names, or null for a single service. */
export const narrowingGroup = (v: string) => (v.startsWith('group:') ? v.slice(6) : null);

export const narrowedKey = (key: string, narrowing: string) =>
  narrowingGroup(narrowing) === null ? `${key}?service=${narrowing}` : `${key}?group=${narrowingGroup(narrowing)}`;

/** The metric's own key and what it is narrowed to, as a narrowing value (null when not narrowed). */
export function metricKeyParts(key: string): { key: string; narrowing: string | null } {
  const m = NARROWED.exec(key);
  if (m && m[2] === 'service' && isUuid(m[3])) return { key: m[1], narrowing: m[3] };
  if (m && m[2] === 'group' && GROUP.test(m[3])) return { key: m[1], narrowing: `group:${m[3]}` };
  return { key, narrowing: null };
}

/** The metric a key names, narrowed when the key says so; undefined for an unknown or unfit key. */
export function metricOf(all: Map<string, Metric>, key: string): Metric | undefined {
  const parts = metricKeyParts(key);
  const metric = all.get(parts.key);
  if (!metric || parts.narrowing === null) return parts.key === key ? metric : undefined;
  if (!metric.breakdowns.includes('service')) return undefined;
  const group = narrowingGroup(parts.narrowing);
  if (group !== null)
    return {
      ...metric,
      key,
      baseSql: `SELECT * FROM (${metric.baseSql}) narrowed WHERE narrowed.service IN (SELECT g.id FROM services g
        WHERE g.hromada_id = $1 AND split_part(g.code, '.', 1) = '${group}')`,
    };
  return {
    ...metric,
    key,
    baseSql: `SELECT * FROM (${metric.baseSql}) narrowed WHERE narrowed.service::text = '${parts.narrowing}'`,
    breakdowns: metric.breakdowns.filter((b) => b !== 'service'),
  };
}
