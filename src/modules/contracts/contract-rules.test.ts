import { describe, expect, it } from 'vitest';
import { cents, money, reassessmentDue, volume } from './contract-rules.js';

describe('the re-assessment before a contract ends (art. 22)', () => {
  const ends = '2026-06-30';
  it('is due from the day `days` before the end until the end', () => {
    expect(reassessmentDue(ends, 30, '2026-05-30', null)).toBe(false);
    expect(reassessmentDue(ends, 30, '2026-05-31', null)).toBe(true);
    expect(reassessmentDue(ends, 30, '2026-06-30', null)).toBe(true);
    expect(reassessmentDue(ends, 30, '2026-07-01', null)).toBe(false);
    expect(reassessmentDue(ends, 45, '2026-05-16', null)).toBe(true);
  });
  it('is done by an assessment of the case on or after the due day, not by an older one', () => {
    expect(reassessmentDue(ends, 30, '2026-06-10', '2026-05-31')).toBe(false);
    expect(reassessmentDue(ends, 30, '2026-06-10', '2026-05-30')).toBe(true);
  });
});

describe('money and volumes as Ukrainian writes them', () => {
  it('two decimals, a comma, groups of thousands', () => {
    expect(money('39025')).toBe('39 025,00');
    expect(money(120.5)).toBe('120,50');
    expect(money('0')).toBe('0,00');
    expect(volume('2.75')).toBe('2,75');
    expect(volume('100.00')).toBe('100');
  });
  it('adds in cents without floating-point drift', () => {
    expect(cents('0.1') + cents('0.2')).toBe(cents('0.3'));
    expect(cents(120.5) * 50).toBe(602500);
  });
});
