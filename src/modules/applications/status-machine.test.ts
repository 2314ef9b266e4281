import { describe, expect, it } from 'vitest';
import { roleReach } from '../../platform/policy.js';
import {
  ALLOWED_PAIRS,
  COMMANDS,
  STATUSES,
  TRANSITIONS,
  checkInput,
  commandsFrom,
  nextStatus,
  type Command,
  type Status,
} from './status-machine.js';

const ALLOWED: [Status, Command, Status][] = [
  ['draft', 'submit', 'submitted'],
  ['submitted', 'register', 'registered'],
  ['registered', 'startReview', 'in_review'],
  ['in_review', 'requestDocuments', 'needs_documents'],
  ['needs_documents', 'documentsReceived', 'in_review'],
  ['in_review', 'grant', 'granted'],
  ['in_review', 'refuse', 'refused'],
  ['granted', 'startDelivery', 'in_delivery'],
  ['in_delivery', 'complete', 'completed'],
  ['draft', 'withdraw', 'withdrawn'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['registered', 'withdraw', 'withdrawn'],
  ['in_review', 'withdraw', 'withdrawn'],
  ['needs_documents', 'withdraw', 'withdrawn'],
];

describe('status machine: allowed transitions', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, command, to) => {
    expect(nextStatus(from, command)).toBe(to);
  });
  it('allows exactly these transitions and no others', () => {
    let allowed = 0;
    for (const from of STATUSES) for (const c of COMMANDS) if (nextStatus(from, c)) allowed += 1;
    expect(allowed).toBe(ALLOWED.length);
    expect(ALLOWED_PAIRS).toHaveLength(ALLOWED.length);
  });
});

describe('status machine: refused transitions', () => {
  it.each([
    ['completed', 'startReview'],
    ['completed', 'withdraw'],
    ['refused', 'grant'],
    ['granted', 'refuse'],
    ['granted', 'withdraw'],
    ['in_delivery', 'withdraw'],
    ['withdrawn', 'register'],
    ['registered', 'grant'],
    ['registered', 'complete'],
    ['needs_documents', 'grant'],
    ['submitted', 'startReview'],
    ['draft', 'register'],
  ] as [Status, Command][])('%s --%s--> refused', (from, command) => {
    expect(nextStatus(from, command)).toBeNull();
  });
  it('final statuses allow nothing', () => {
    for (const s of ['refused', 'completed', 'withdrawn'] as Status[]) expect(commandsFrom(s)).toEqual([]);
  });
});

describe('who may do each transition', () => {
  it('decisions are the manager’s; processing the worker’s and the manager’s', () => {
    expect(TRANSITIONS.grant.action).toBe('applications.decide');
    expect(TRANSITIONS.refuse.action).toBe('applications.decide');
    expect(roleReach('manager', TRANSITIONS.grant.action)).toBe('hromada');
    expect(roleReach('worker', TRANSITIONS.grant.action)).toBeUndefined();
    for (const c of [
      'startReview',
      'requestDocuments',
      'documentsReceived',
      'startDelivery',
      'complete',
    ] as Command[]) {
      expect(TRANSITIONS[c].action).toBe('applications.process');
      expect(roleReach('worker', TRANSITIONS[c].action)).toBe('hromada');
      expect(roleReach('frontdesk', TRANSITIONS[c].action)).toBeUndefined();
      expect(roleReach('starosta', TRANSITIONS[c].action)).toBeUndefined();
    }
  });
  it('intake staff register and withdraw; a starosta within the district', () => {
    expect(roleReach('frontdesk', TRANSITIONS.withdraw.action)).toBe('hromada');
    expect(roleReach('starosta', TRANSITIONS.register.action)).toBe('district');
    expect(roleReach('provider', 'applications.read')).toBeUndefined();
  });
  it('refusal and withdrawal ask for confirmation', () => {
    expect(COMMANDS.filter((c) => TRANSITIONS[c].destructive)).toEqual(['refuse', 'withdraw']);
  });
});

describe('what a transition requires', () => {
  const today = '2026-03-02';
  it('a refusal needs its legal reason', () => {
    expect(checkInput('refuse', {}, today)).toEqual([{ field: 'reason', key: 'applications.v.reasonRequired' }]);
    expect(checkInput('refuse', { reason: 'Немає місць', ground: 'no_capacity' }, today)).toEqual([]);
    expect(checkInput('refuse', { reason: 'Немає місць' }, today)).toEqual([]);
    expect(checkInput('refuse', { reason: 'Немає місць', ground: 'busy' }, today)).toEqual([
      { field: 'ground', key: 'applications.v.ground' },
    ]);
    expect(checkInput('refuse', { reason: '   ' }, today)).toHaveLength(1);
    expect(checkInput('refuse', { reason: 'ст. 24 Закону: не належить до отримувачів' }, today)).toEqual([]);
  });
  it('a request for documents needs the list and a due date not in the past', () => {
    expect(checkInput('requestDocuments', {}, today).map((p) => p.field)).toEqual(['documents', 'dueOn']);
    expect(checkInput('requestDocuments', { documents: ['Довідка'], dueOn: '2026-03-01' }, today)).toEqual([
      { field: 'dueOn', key: 'applications.v.dueOnPast' },
    ]);
    expect(checkInput('requestDocuments', { documents: ['Довідка'], dueOn: '2026-02-31' }, today)).toEqual([
      { field: 'dueOn', key: 'applications.v.dueOnInvalid' },
    ]);
    expect(checkInput('requestDocuments', { documents: ['Довідка про доходи'], dueOn: '2026-03-10' }, today)).toEqual(
      [],
    );
  });
  it('other commands need nothing but a note of sensible length', () => {
    expect(checkInput('grant', {}, today)).toEqual([]);
    expect(checkInput('startReview', { note: 'x'.repeat(2001) }, today)).toEqual([
      { field: 'note', key: 'applications.v.noteTooLong' },
    ]);
  });
});
