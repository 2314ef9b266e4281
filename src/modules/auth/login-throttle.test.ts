import { describe, expect, it } from 'vitest';
import { delayAfter } from './login-throttle.js';

describe('the wait after failed sign-ins grows', () => {
  it('is none for the free failures, then doubles up to the cap', () => {
    expect([0, 1, 4].map((n) => delayAfter(n, 5, 900))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => delayAfter(n, 5, 900))).toEqual([1, 2, 4, 8, 16]);
    expect(delayAfter(15, 5, 900)).toBe(900);
    expect(delayAfter(10_000, 5, 900)).toBe(900);
  });
});
