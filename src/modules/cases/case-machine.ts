/**
 * The status machine of a case (Law «Про соціальні послуги» art. 18–24, after Primero's case flow):
 * open → assessment (of needs) → plan (individual plan) → active (services delivered) → review →
 * active again or closed; a closed case can be reopened, its history kept. Closing and reopening
 * need a reason. Pure: the use-cases load and store.
 */
export const CASE_STATUSES = ['open', 'assessment', 'plan', 'active', 'review', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const NOTE_KINDS = ['visit', 'call', 'meeting', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

const OPEN_STATUSES = ['open', 'assessment', 'plan', 'active', 'review'] as const;

export const CASE_COMMANDS = {
  startAssessment: { from: ['open'], to: 'assessment' },
  startPlanning: { from: ['assessment'], to: 'plan' },
  activate: { from: ['plan'], to: 'active' },
  startReview: { from: ['active'], to: 'review' },
  resume: { from: ['review'], to: 'active' },
  close: { from: OPEN_STATUSES, to: 'closed' },
  reopen: { from: ['closed'], to: 'open' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

export type CaseCommand = keyof typeof CASE_COMMANDS;
export const CASE_COMMAND_NAMES = Object.keys(CASE_COMMANDS) as CaseCommand[];

/** The commands that must say why (they end or restart the work with the person). */
export const NEEDS_REASON: readonly CaseCommand[] = ['close', 'reopen'];

/**
 * The commands a supervisor approves (decision 0019): closing is asked for and approved (or returned), never done
 * directly — required for every case type; activating needs the individual plan approved.
 */
export const NEEDS_APPROVAL: readonly CaseCommand[] = ['close'];
export const NEEDS_APPROVED_PLAN: readonly CaseCommand[] = ['activate'];

/** The status after `command`, or null when the command does not apply to `from`. */
export function nextCaseStatus(from: CaseStatus, command: CaseCommand): CaseStatus | null {
  const rule = CASE_COMMANDS[command];
  return (rule.from as readonly CaseStatus[]).includes(from) ? rule.to : null;
}

/** The commands offered in a status, in the order of the work. */
export function caseCommands(status: CaseStatus): CaseCommand[] {
  return CASE_COMMAND_NAMES.filter((c) => nextCaseStatus(status, c) !== null);
}

/** Statuses of an application a case may open from: its service was granted. */
export const CASE_FROM_APPLICATION: readonly string[] = ['granted', 'in_delivery', 'completed'];

/** The case number of the hromada's year: В-2026-000042. */
export const caseNumber = (year: number, n: number) => `В-${year}-${String(n).padStart(6, '0')}`;
