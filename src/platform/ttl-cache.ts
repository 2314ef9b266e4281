/**
 * Values kept for a while in the server's memory (decision 0033): for public pages many people open, whose figures
 * need not be to the second — the page says when they were computed. Each entry lives `ttlMs`; past `max` entries the
 * cache forgets everything rather than grow.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  /** The value and when it was computed: kept, or computed now by `compute` and kept. */
  async value(key: string, compute: () => Promise<T>, now = Date.now()): Promise<{ value: T; at: Date }> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return { value: hit.value, at: new Date(hit.at) };
    const value = await compute();
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { value, at: now });
    return { value, at: new Date(now) };
  }
}
