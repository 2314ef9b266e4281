import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, caseCommands, caseNumber, nextCaseStatus } from './case-machine.js';

describe('the case status machine', () => {
  it('goes open → assessment → plan → active → review → active', () => {
    expect(nextCaseStatus('open', 'startAssessment')).toBe('assessment');
    expect(nextCaseStatus('assessment', 'startPlanning')).toBe('plan');
    expect(nextCaseStatus('plan', 'activate')).toBe('active');
    expect(nextCaseStatus('active', 'startReview')).toBe('review');
    expect(nextCaseStatus('review', 'resume')).toBe('active');
  });

  it('closes from every open status and reopens a closed case only', () => {
    for (const s of CASE_STATUSES.filter((x) => x !== 'closed')) expect(nextCaseStatus(s, 'close')).toBe('closed');
    expect(nextCaseStatus('closed', 'close')).toBeNull();
    expect(nextCaseStatus('closed', 'reopen')).toBe('open');
    expect(nextCaseStatus('active', 'reopen')).toBeNull();
  });

  it('refuses skipping a step', () => {
    expect(nextCaseStatus('open', 'activate')).toBeNull();
    expect(nextCaseStatus('open', 'startPlanning')).toBeNull();
    expect(nextCaseStatus('plan', 'startReview')).toBeNull();
  });

  it('offers only the commands of the status', () => {
    expect(caseCommands('open')).toEqual(['startAssessment', 'close']);
    expect(caseCommands('review')).toEqual(['resume', 'close']);
    expect(caseCommands('closed')).toEqual(['reopen']);
  });

  it('numbers cases per year with six digits', () => {
    expect(caseNumber(2026, 42)).toBe('В-2026-000042');
  });
});
