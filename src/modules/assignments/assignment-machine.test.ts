import { describe, expect, it } from 'vitest';
import { nextStatus } from '../applications/status-machine.js';
import {
  ASSIGNMENT_STATUSES,
  PROVIDER_COMMANDS,
  STEPS,
  checkProviderInput,
  followApplication,
  nextAssignmentStatus,
  providerCommandsFrom,
} from './assignment-machine.js';

describe('the assignment machine', () => {
  it('goes assigned → accepted → in_progress → completed; a decline is possible only before the start', () => {
    expect(nextAssignmentStatus('assigned', 'accept')).toBe('accepted');
    expect(nextAssignmentStatus('accepted', 'start')).toBe('in_progress');
    expect(nextAssignmentStatus('in_progress', 'complete')).toBe('completed');
    expect(nextAssignmentStatus('assigned', 'decline')).toBe('declined');
    expect(nextAssignmentStatus('accepted', 'decline')).toBe('declined');
    expect(nextAssignmentStatus('in_progress', 'decline')).toBeNull();
    expect(nextAssignmentStatus('assigned', 'start')).toBeNull();
    expect(nextAssignmentStatus('assigned', 'complete')).toBeNull();
  });

  it('completed and declined are final for the provider', () => {
    expect(providerCommandsFrom('completed')).toEqual([]);
    expect(providerCommandsFrom('declined')).toEqual([]);
    for (const s of ASSIGNMENT_STATUSES)
      for (const c of providerCommandsFrom(s)) expect(nextAssignmentStatus(s, c)).not.toBeNull();
  });

  it('the application commands it implies are allowed by the application machine in the matching status', () => {
    // Start happens while the application is granted; completion while it is in delivery.
    expect(nextStatus('granted', STEPS.start.application!)).toBe('in_delivery');
    expect(nextStatus('in_delivery', STEPS.complete.application!)).toBe('completed');
    for (const c of PROVIDER_COMMANDS.filter((x) => !['start', 'complete'].includes(x)))
      expect(STEPS[c].application).toBeNull();
  });

  it("follows the office's own delivery commands, refusing them on a declined assignment", () => {
    expect(followApplication('startDelivery', 'assigned')).toBe('in_progress');
    expect(followApplication('startDelivery', 'accepted')).toBe('in_progress');
    expect(followApplication('startDelivery', 'in_progress')).toBe('same');
    expect(followApplication('complete', 'in_progress')).toBe('completed');
    expect(followApplication('complete', 'assigned')).toBe('completed');
    expect(followApplication('complete', 'completed')).toBe('same');
    expect(followApplication('startDelivery', 'declined')).toBeNull();
    expect(followApplication('complete', 'declined')).toBeNull();
  });
});

describe("the provider's input", () => {
  const today = '2026-03-10';
  it('a decline needs a reason', () => {
    expect(checkProviderInput('decline', { reason: '  ' }, today, null)).toEqual([
      { field: 'reason', key: 'assignments.v.reasonRequired' },
    ]);
    expect(checkProviderInput('decline', { reason: 'Немає фахівців' }, today, null)).toEqual([]);
    expect(checkProviderInput('decline', { reason: 'x'.repeat(2001) }, today, null)[0].key).toBe(
      'assignments.v.reasonTooLong',
    );
  });
  it('start and completion need a real date, not in the future, completion not before the start', () => {
    expect(checkProviderInput('start', {}, today, null)[0].key).toBe('assignments.v.dateRequired');
    expect(checkProviderInput('start', { date: '2026-02-30' }, today, null)[0].key).toBe('assignments.v.dateInvalid');
    expect(checkProviderInput('start', { date: 'invalid' }, today, null)[0].key).toBe('assignments.v.dateInvalid');
    expect(checkProviderInput('start', { date: '2026-03-11' }, today, null)[0].key).toBe('assignments.v.dateFuture');
    expect(checkProviderInput('start', { date: today }, today, null)).toEqual([]);
    expect(checkProviderInput('complete', { date: '2026-03-01' }, today, '2026-03-02')[0].key).toBe(
      'assignments.v.beforeStart',
    );
    expect(checkProviderInput('complete', { date: '2026-03-02' }, today, '2026-03-02')).toEqual([]);
    expect(checkProviderInput('accept', {}, today, null)).toEqual([]);
  });
  it('a note is at most 2000 characters', () => {
    expect(checkProviderInput('accept', { note: 'x'.repeat(2001) }, today, null)).toEqual([
      { field: 'note', key: 'assignments.v.noteTooLong' },
    ]);
  });
});
