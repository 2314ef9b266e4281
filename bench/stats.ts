/** Percentile (nearest rank) of a list of numbers. */
export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))];
}

/**
 * Runs `fn` for each item sequentially and returns the durations in ms. When `fn` returns a
 * number, that is taken as the duration (for steps that exclude their own preparation).
 */
export async function timeIt<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    const r = await fn(item);
    out.push(typeof r === 'number' ? r : performance.now() - t0);
  }
  return out;
}
