import { describe, expect, it } from 'vitest';
import {
  commandsFor,
  freeLetter,
  nextTicketStatus,
  ticketCode,
  TICKET_COMMANDS,
  TICKET_STATUSES,
} from './queue-machine.js';

describe('the queue ticket', () => {
  it('moves called → serving → served, or called → no-show, and is recalled while called', () => {
    expect(nextTicketStatus('called', 'start')).toBe('serving');
    expect(nextTicketStatus('serving', 'finish')).toBe('served');
    expect(nextTicketStatus('called', 'noShow')).toBe('no_show');
    expect(nextTicketStatus('called', 'recall')).toBe('called');
    expect(nextTicketStatus('called', 'redirect')).toBe('waiting');
    expect(nextTicketStatus('serving', 'redirect')).toBe('waiting');
  });

  it('refuses every other move; finished tickets take no command', () => {
    const allowed = new Set([
      'called:recall',
      'called:start',
      'called:noShow',
      'called:redirect',
      'serving:finish',
      'serving:redirect',
    ]);
    for (const s of TICKET_STATUSES)
      for (const c of TICKET_COMMANDS)
        expect(nextTicketStatus(s, c) !== null, `${s}:${c}`).toBe(allowed.has(`${s}:${c}`));
    expect(commandsFor('served')).toEqual([]);
    expect(commandsFor('no_show')).toEqual([]);
    expect(commandsFor('waiting')).toEqual([]);
    expect(commandsFor('serving')).toEqual(['finish', 'redirect']);
  });

  it('gives services distinct letters and prints the code', () => {
    expect(freeLetter([])).toBe('А');
    expect(freeLetter(['А', 'Б'])).toBe('В');
    expect(ticketCode('Б', 7)).toBe('Б-007');
  });
});
