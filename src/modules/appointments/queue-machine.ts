/**
 * The electronic queue's ticket (pure; decision 0036): taken → waiting; a window calls it (the next waiting one) →
 * called; the window may call it again (recall), start serving it, or mark that the person did not come; serving ends
 * in served; a called or served ticket may be sent on to another window, where it waits again (ahead of the others
 * for that window).
 */
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'served', 'no_show'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_COMMANDS = ['recall', 'start', 'finish', 'noShow', 'redirect'] as const;
export type TicketCommand = (typeof TICKET_COMMANDS)[number];

const MOVES: Record<TicketCommand, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['serving'], to: 'served' },
  noShow: { from: ['called'], to: 'no_show' },
  redirect: { from: ['called', 'serving'], to: 'waiting' },
};

/** The status a command leads to from `status`, or null when the command does not apply. */
export function nextTicketStatus(status: TicketStatus, command: TicketCommand): TicketStatus | null {
  const m = MOVES[command];
  return m.from.includes(status) ? m.to : null;
}

/** The commands a ticket in `status` offers. */
export const commandsFor = (status: TicketStatus): TicketCommand[] =>
  TICKET_COMMANDS.filter((c) => nextTicketStatus(status, c) !== null);

/** Letters given to an office's services for their tickets, in order (easily told apart when called out). */
export const TICKET_LETTERS = [
  'А',
  'Б',
  'В',
  'Г',
  'Д',
  'Е',
  'Ж',
  'К',
  'Л',
  'М',
  'Н',
  'П',
  'Р',
  'С',
  'Т',
  'У',
  'Ф',
  'Х',
];

/** The first letter not yet used at the office, or null when all are taken. */
export const freeLetter = (used: readonly string[]): string | null =>
  TICKET_LETTERS.find((l) => !used.includes(l)) ?? null;

/** `А-007` */
export const ticketCode = (letter: string, number: number): string => `${letter}-${String(number).padStart(3, '0')}`;
