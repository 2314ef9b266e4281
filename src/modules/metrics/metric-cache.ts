import { TtlCache } from '../../platform/ttl-cache.js';

/**
 * Computed totals kept for public pages: a figure over millions of service acts takes seconds, and the public need not
 * see it to the second. Keyed by hromada, metric and period. Staff pages compute live.
 */
export class MetricCache extends TtlCache<number> {
  /** The total and when it was computed: kept, or computed now by `compute` and kept. */
  async total(key: string, compute: () => Promise<number>, now = Date.now()): Promise<{ total: number; at: Date }> {
    const { value, at } = await this.value(key, compute, now);
    return { total: value, at };
  }
}

/** The public pages' cache: five minutes. */
export const publicMetricCache = new MetricCache(5 * 60_000);
