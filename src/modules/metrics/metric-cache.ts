/**
 * Computed totals kept for a while in the server's memory, for public pages that many people open (decision 0033):
 * a figure over millions of service acts takes seconds, and the public need not see it to the second — the page says
 * when it was computed. Keyed by hromada, metric and period; each entry lives `ttlMs`. Staff pages compute live.
 */
export class MetricCache {
  private readonly entries = new Map<string, { total: number; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  /** The total and when it was computed: kept, or computed now by `compute` and kept. */
  async total(key: string, compute: () => Promise<number>, now = Date.now()): Promise<{ total: number; at: Date }> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return { total: hit.total, at: new Date(hit.at) };
    const total = await compute();
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { total, at: now });
    return { total, at: new Date(now) };
  }
}

/** The public pages' cache: five minutes. */
export const publicMetricCache = new MetricCache(5 * 60_000);
