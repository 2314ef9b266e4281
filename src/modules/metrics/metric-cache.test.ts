import { describe, expect, it } from 'vitest';
import { MetricCache } from './metric-cache.js';

describe('MetricCache', () => {
  it('keeps a total for its time to live and says when it was computed, then computes again', async () => {
    const cache = new MetricCache(1000);
    let calls = 0;
    const compute = () => Promise.resolve(++calls * 10);
    expect(await cache.total('1:m:2026', compute, 5000)).toEqual({ total: 10, at: new Date(5000) });
    expect(await cache.total('1:m:2026', compute, 5999)).toEqual({ total: 10, at: new Date(5000) });
    expect(await cache.total('2:m:2026', compute, 5999)).toEqual({ total: 20, at: new Date(5999) });
    expect(await cache.total('1:m:2026', compute, 6000)).toEqual({ total: 30, at: new Date(6000) });
    expect(calls).toBe(3);
  });

  it('forgets everything rather than grow past its size', async () => {
    const cache = new MetricCache(60_000, 2);
    let calls = 0;
    const compute = () => Promise.resolve(++calls);
    await cache.total('a', compute, 0);
    await cache.total('b', compute, 0);
    await cache.total('c', compute, 0);
    expect((await cache.total('a', compute, 1)).total).toBe(4);
  });
});
