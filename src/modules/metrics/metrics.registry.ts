import type { HookRegistry } from '../../platform/modules.js';
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
