/**
 * The application's status machine (pure): statuses, the commands that move between them,
 * which policy action each command needs, and what input it requires.
 */
import type { Action } from '../../platform/policy.js';
import { isIsoDate } from './working-days.js';

export const STATUSES = [
  'draft',
  'submitted',
  'registered',
  'in_review',
  'needs_documents',
  'granted',
  'refused',
  'in_delivery',
  'completed',
  'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];

export const CHANNELS = ['online', 'front_office', 'starosta'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Before a decision the decision deadline runs (paused in needs_documents). */
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'registered', 'in_review', 'needs_documents'];
export const FINAL_STATUSES: readonly Status[] = ['refused', 'completed', 'withdrawn'];

export const COMMANDS = [
  'submit',
  'register',
  'startReview',
  'requestDocuments',
  'documentsReceived',
  'grant',
  'refuse',
  'startDelivery',
  'complete',
  'withdraw',
] as const;
export type Command = (typeof COMMANDS)[number];

interface Transition {
  from: readonly Status[];
  to: Status;
  action: Action;
  destructive: boolean;
}

export const TRANSITIONS: Record<Command, Transition> = {
  submit: { from: ['draft'], to: 'submitted', action: 'applications.register', destructive: false },
  register: { from: ['submitted'], to: 'registered', action: 'applications.register', destructive: false },
  startReview: { from: ['registered'], to: 'in_review', action: 'applications.process', destructive: false },
  requestDocuments: { from: ['in_review'], to: 'needs_documents', action: 'applications.process', destructive: false },
  documentsReceived: { from: ['needs_documents'], to: 'in_review', action: 'applications.process', destructive: false },
  grant: { from: ['in_review'], to: 'granted', action: 'applications.decide', destructive: false },
  refuse: { from: ['in_review'], to: 'refused', action: 'applications.decide', destructive: true },
  startDelivery: { from: ['granted'], to: 'in_delivery', action: 'applications.process', destructive: false },
  complete: { from: ['in_delivery'], to: 'completed', action: 'applications.process', destructive: false },
  withdraw: {
    from: ['draft', 'submitted', 'registered', 'in_review', 'needs_documents'],
    to: 'withdrawn',
    action: 'applications.register',
    destructive: true,
  },
};

export const isStatus = (v: unknown): v is Status =>
  typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
export const isCommand = (v: unknown): v is Command =>
  typeof v === 'string' && (COMMANDS as readonly string[]).includes(v);

/** The status a command leads to from `from`, or null when the machine does not allow it. */
export function nextStatus(from: Status, command: Command): Status | null {
  const t = TRANSITIONS[command];
  return t.from.includes(from) ? t.to : null;
}

/** Commands allowed from a status (whoever the actor is). */
export const commandsFrom = (status: Status): Command[] => COMMANDS.filter((c) => TRANSITIONS[c].from.includes(status));

/** Every (from, to) pair the machine allows. */
export const ALLOWED_PAIRS: [Status, Status][] = COMMANDS.flatMap((c) =>
  TRANSITIONS[c].from.map((f): [Status, Status] => [f, TRANSITIONS[c].to]),
);

/** The ground of a refusal, counted by the metrics (a refusal for lack of capacity is unmet need). */
export const REFUSAL_GROUNDS = ['no_capacity', 'not_eligible', 'documents', 'other'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** What a command carries: a note; documents and a due date; a refusal's legal reason and its ground. */
export interface CommandInput {
  note?: string;
  documents?: string[];
  dueOn?: string;
  reason?: string;
  /** A refusal's ground; «other» when not given. */
  ground?: string;
}

/** A problem with a command's input: the form field and an i18n key. */
export interface InputProblem {
  field: 'documents' | 'dueOn' | 'reason' | 'ground' | 'note';
  key: string;
}

export const MAX_NOTE = 2000;

/**
 * Checks what the command requires: a refusal needs its legal reason; a request for
 * documents needs the list and a due date that is not in the past.
 */
export function checkInput(command: Command, input: CommandInput, today: string): InputProblem[] {
  const problems: InputProblem[] = [];
  if ((input.note ?? '').length > MAX_NOTE) problems.push({ field: 'note', key: 'applications.v.noteTooLong' });
  if (command === 'refuse') {
    const reason = (input.reason ?? '').trim();
    if (!reason) problems.push({ field: 'reason', key: 'applications.v.reasonRequired' });
    else if (reason.length > MAX_NOTE) problems.push({ field: 'reason', key: 'applications.v.reasonTooLong' });
    if (
      input.ground !== undefined &&
      input.ground !== '' &&
      !(REFUSAL_GROUNDS as readonly string[]).includes(input.ground)
    )
      problems.push({ field: 'ground', key: 'applications.v.ground' });
  }
  if (command === 'requestDocuments') {
    const docs = (input.documents ?? []).map((d) => d.trim()).filter(Boolean);
    if (docs.length === 0) problems.push({ field: 'documents', key: 'applications.v.documentsRequired' });
    else if (docs.length > 20 || docs.some((d) => d.length > 300))
      problems.push({ field: 'documents', key: 'applications.v.documentsTooLong' });
    if (!input.dueOn) problems.push({ field: 'dueOn', key: 'applications.v.dueOnRequired' });
    else if (!isIsoDate(input.dueOn)) problems.push({ field: 'dueOn', key: 'applications.v.dueOnInvalid' });
    else if (input.dueOn < today) problems.push({ field: 'dueOn', key: 'applications.v.dueOnPast' });
  }
  return problems;
}
