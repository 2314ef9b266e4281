import { describe, expect, it } from 'vitest';
import { canSubmit, planProblems, statusAfterSave, type PlanInput } from './plan-machine.js';

const OPENED = '2026-03-10';
const TODAY = '2026-03-20';
const plan = (p: Partial<PlanInput>): PlanInput => ({ version: 0, items: [], ...p });
const keys = (p: PlanInput) => planProblems(p, OPENED, TODAY).map((x) => `${x.field}:${x.key}`);

describe('the individual plan’s rules', () => {
  it('accepts a goal, an action and a service with dates from the opening on', () => {
    expect(
      keys(
        plan({
          items: [
            { kind: 'goal', text: 'Жити вдома', dueOn: OPENED },
            { kind: 'action', text: 'Візит', responsibleText: 'донька' },
            { kind: 'service', serviceId: 'x', agencyId: 1, startsOn: OPENED, endsOn: '2026-12-31' },
          ],
          agreedOn: TODAY,
          agreedChannel: 'paper',
          reviewOn: TODAY,
        }),
      ),
    ).toEqual([]);
  });

  it('refuses a deadline before the opening, a term ending before it starts, bad dates', () => {
    expect(keys(plan({ items: [{ kind: 'goal', text: 'x', dueOn: '2026-03-09' }] }))).toEqual([
      'items.0.dueOn:cases.plan.v.beforeOpen',
    ]);
    expect(
      keys(plan({ items: [{ kind: 'service', serviceId: 'x', startsOn: '2026-04-01', endsOn: '2026-03-31' }] })),
    ).toEqual(['items.0.endsOn:cases.plan.v.endsBeforeStart']);
    expect(keys(plan({ items: [{ kind: 'goal', text: 'x', dueOn: 'invalid' }] }))).toEqual([
      'items.0.dueOn:cases.plan.v.date',
    ]);
  });

  it('wants a goal’s text, a service’s catalogue entry, one responsible, the whole agreement, a future review', () => {
    expect(keys(plan({ items: [{ kind: 'goal', text: ' ' }] }))).toEqual(['items.0.text:cases.plan.v.text']);
    expect(keys(plan({ items: [{ kind: 'service' }] }))).toEqual(['items.0.serviceId:cases.plan.v.service']);
    expect(keys(plan({ items: [{ kind: 'action', text: 'x', agencyId: 2 }] }))).toEqual([
      'items.0.serviceId:cases.plan.v.notService',
    ]);
    expect(keys(plan({ items: [{ kind: 'goal', text: 'x', responsibleUserId: 'u', responsibleText: 'y' }] }))).toEqual([
      'items.0.responsibleText:cases.plan.v.twoResponsible',
    ]);
    expect(keys(plan({ agreedOn: TODAY }))).toEqual(['agreedChannel:cases.plan.v.channel']);
    expect(keys(plan({ agreedChannel: 'phone' }))).toEqual(['agreedOn:cases.plan.v.agreedOn']);
    expect(keys(plan({ agreedOn: '2026-03-21', agreedChannel: 'phone' }))).toEqual(['agreedOn:cases.plan.v.future']);
    expect(keys(plan({ reviewOn: '2026-03-19' }))).toEqual(['reviewOn:cases.plan.v.reviewPast']);
  });

  it('a saved change needs the supervisor again; only a draft or returned plan with items is submitted', () => {
    expect(statusAfterSave('approved')).toBe('draft');
    expect(statusAfterSave('submitted')).toBe('draft');
    expect(statusAfterSave('returned')).toBe('returned');
    expect(statusAfterSave(null)).toBe('draft');
    expect(canSubmit('draft', 1)).toBe(true);
    expect(canSubmit('returned', 2)).toBe(true);
    expect(canSubmit('draft', 0)).toBe(false);
    expect(canSubmit('submitted', 1)).toBe(false);
    expect(canSubmit('approved', 1)).toBe(false);
  });
});
