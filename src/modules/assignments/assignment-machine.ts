/**
 * The assignment's status machine (pure): the provider accepts, starts and completes the
 * service, or declines it with a reason before starting; the office then re-assigns.
 * Which application command each step implies keeps the two machines consistent:
 * starting the service moves the application to in_delivery, completing it to completed.
 */
import type { Command as ApplicationCommand, Status as ApplicationStatus } from '../applications/status-machine.js';
import { isIsoDate } from '../../platform/dates.js';

export const ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'in_progress', 'completed', 'declined'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** The provider's commands. */
export const PROVIDER_COMMANDS = ['accept', 'decline', 'start', 'complete'] as const;
export type ProviderCommand = (typeof PROVIDER_COMMANDS)[number];

interface Step {
  from: readonly AssignmentStatus[];
  to: AssignmentStatus;
  application: ApplicationCommand | null;
}

export const STEPS: Record<ProviderCommand, Step> = {
  accept: { from: ['assigned'], to: 'accepted', application: null },
  decline: { from: ['assigned', 'accepted'], to: 'declined', application: null },
  start: { from: ['accepted'], to: 'in_progress', application: 'startDelivery' },
  complete: { from: ['in_progress'], to: 'completed', application: 'complete' },
};

/** Application statuses in which a provider can be (re-)assigned. */
export const ASSIGNABLE_APPLICATION: readonly ApplicationStatus[] = ['granted', 'in_delivery'];
/** Assignment statuses in which the office may hand the application to another provider. */
export const REASSIGNABLE: readonly AssignmentStatus[] = ['assigned', 'declined'];

export const isAssignmentStatus = (v: unknown): v is AssignmentStatus =>
  typeof v === 'string' && (ASSIGNMENT_STATUSES as readonly string[]).includes(v);

export const nextAssignmentStatus = (from: AssignmentStatus, c: ProviderCommand): AssignmentStatus | null =>
  STEPS[c].from.includes(from) ? STEPS[c].to : null;

export const providerCommandsFrom = (s: AssignmentStatus): ProviderCommand[] =>
  PROVIDER_COMMANDS.filter((c) => STEPS[c].from.includes(s));

/**
 * What the office's own application commands do to the assignment (the office records delivery
 * for a provider without accounts): startDelivery starts it, complete completes it. A declined
 * assignment must be re-assigned first (null = refuse the command).
 */
export function followApplication(
  command: 'startDelivery' | 'complete',
  s: AssignmentStatus,
): AssignmentStatus | 'same' | null {
  if (s === 'declined') return null;
  if (command === 'startDelivery') return s === 'assigned' || s === 'accepted' ? 'in_progress' : 'same';
  return s === 'completed' ? 'same' : 'completed';
}

export const MAX_TEXT = 2000;

export interface ProviderInput {
  note?: string;
  reason?: string;
  date?: string;
}
export interface ProviderProblem {
  field: 'reason' | 'note' | 'date';
  key: string;
}

/**
 * Checks the provider's input: a decline needs its reason; start and complete need a real date
 * that is not in the future; completion not before the start.
 */
export function checkProviderInput(
  c: ProviderCommand,
  input: ProviderInput,
  today: string,
  startedOn: string | null,
): ProviderProblem[] {
  const problems: ProviderProblem[] = [];
  if ((input.note ?? '').length > MAX_TEXT) problems.push({ field: 'note', key: 'assignments.v.noteTooLong' });
  if (c === 'decline') {
    const reason = (input.reason ?? '').trim();
    if (!reason) problems.push({ field: 'reason', key: 'assignments.v.reasonRequired' });
    else if (reason.length > MAX_TEXT) problems.push({ field: 'reason', key: 'assignments.v.reasonTooLong' });
  }
  if (c === 'start' || c === 'complete') {
    const d = input.date;
    if (!d) problems.push({ field: 'date', key: 'assignments.v.dateRequired' });
    else if (!isIsoDate(d)) problems.push({ field: 'date', key: 'assignments.v.dateInvalid' });
    else if (d > today) problems.push({ field: 'date', key: 'assignments.v.dateFuture' });
    else if (c === 'complete' && startedOn && d < startedOn)
      problems.push({ field: 'date', key: 'assignments.v.beforeStart' });
  }
  return problems;
}
