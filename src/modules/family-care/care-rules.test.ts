import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageOn,
  approvalProblems,
  capacityProblem,
  DEFAULT_INTERVALS,
  firstTerm,
  longestTerm,
  placementDue,
} from './care-rules.js';

describe('family forms of care: the rules', () => {
  it('adds months with the day clamped to the month’s end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-12-01', 6)).toBe('2027-06-01');
  });

  it('counts full years of age, the birthday itself included', () => {
    expect(ageOn('2008-12-03', '2026-12-02')).toBe(17);
    expect(ageOn('2008-12-03', '2026-12-03')).toBe(18);
    expect(ageOn('2020-02-29', '2021-02-28')).toBe(0);
  });

  it('keeps the capacity within the form’s legal limits', () => {
    expect(capacityProblem('foster', 4)).toBeNull();
    expect(capacityProblem('foster', 5)).toBe('capacity');
    expect(capacityProblem('family_home', 4)).toBe('capacity');
    expect(capacityProblem('family_home', 10)).toBeNull();
    expect(capacityProblem('patronat', 3)).toBeNull();
    expect(capacityProblem('patronat', 4)).toBe('capacity');
    expect(capacityProblem('guardian', 0)).toBe('capacity');
  });

  it('approves a candidate only after the training and a positive assessment', () => {
    expect(approvalProblems({ trained_on: null, assessment: null })).toEqual([
      'approveUntrained',
      'approveNotAssessed',
    ]);
    expect(approvalProblems({ trained_on: '2026-03-01', assessment: 'negative' })).toEqual(['approveNotAssessed']);
    expect(approvalProblems({ trained_on: '2026-03-01', assessment: 'positive' })).toEqual([]);
  });

  it('gives a patronat placement three months, extendable to six; other forms no term', () => {
    expect(firstTerm('patronat', '2026-10-01')).toBe('2027-01-01');
    expect(longestTerm('2026-10-01')).toBe('2027-04-01');
    expect(firstTerm('foster', '2026-10-01')).toBeNull();
  });

  it('sets the next visit and review from the last ones (or the placement) and marks what is overdue', () => {
    const p = { form: 'foster' as const, placed_on: '2026-01-10', until_on: null, last_visit: null, last_review: null };
    const due = placementDue(p, DEFAULT_INTERVALS, '2026-04-10');
    expect(due.visitDue).toBe('2026-04-10');
    expect(due.visitOverdue).toBe(false);
    expect(due.visitInDays).toBe(0);
    expect(placementDue(p, DEFAULT_INTERVALS, '2026-04-11').visitOverdue).toBe(true);
    const visited = placementDue({ ...p, last_visit: '2026-04-01' }, DEFAULT_INTERVALS, '2026-04-11');
    expect(visited.visitDue).toBe('2026-06-30');
    expect(visited.visitOverdue).toBe(false);
    expect(visited.reviewDue).toBe('2027-01-10');
    const patronat = placementDue(
      { ...p, form: 'patronat', until_on: '2026-04-10', last_visit: '2026-04-01' },
      DEFAULT_INTERVALS,
      '2026-04-11',
    );
    expect(patronat.visitDue).toBe('2026-05-01');
    expect(patronat.termOverdue).toBe(true);
  });
});
