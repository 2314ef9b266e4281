import { describe, expect, it } from 'vitest';
import { parseWith } from '../../platform/forms.js';
import { linkPersonForm, transitionForm } from './applications.schema.js';

describe('the application page forms', () => {
  it('a transition puts the due date together from its three boxes and keeps the fields as typed', () => {
    const r = parseWith(transitionForm, {
      command: 'requestDocuments',
      version: '3',
      documents: ' Довідка \n',
      'dueOn-day': '5',
      'dueOn-month': '3',
      'dueOn-year': '2026',
      note: '  ',
      _csrf: 'x',
    });
    expect(r).toEqual({
      ok: true,
      data: {
        command: 'requestDocuments',
        version: 3,
        documents: 'Довідка',
        dueOn: '2026-03-05',
        note: undefined,
        reason: undefined,
        assigneeId: '',
      },
    });
  });

  it('a transition without a known command or version does not parse (a bad request)', () => {
    expect(parseWith(transitionForm, { command: 'explode', version: '1' }).ok).toBe(false);
    expect(parseWith(transitionForm, { command: 'grant', version: '' }).ok).toBe(false);
    expect(parseWith(transitionForm, null).ok).toBe(false);
  });

  it('linking a person needs a person id; a version that is not a number is no version', () => {
    const id = '0b6f3c1e-8a52-4c1e-9f4e-2d3c4b5a6978';
    expect(parseWith(linkPersonForm, { personId: id, version: '7' })).toEqual({
      ok: true,
      data: { personId: id, version: 7 },
    });
    expect(parseWith(linkPersonForm, { personId: id, version: 'x' })).toEqual({
      ok: true,
      data: { personId: id, version: undefined },
    });
    expect(parseWith(linkPersonForm, { personId: 'nobody' }).ok).toBe(false);
  });
});
