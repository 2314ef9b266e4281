import { describe, expect, it } from 'vitest';
import { identifierQuery, narrowCandidates } from './persons.search.js';

describe('name candidates', () => {
  const c = (token: string, s: number) => ({ token, s });
  it('keep only the very close names when the word itself is a known name', () => {
    const all = [
      c('shevchenko', 1),
      c('shevchenka', 0.9),
      c('savchenko', 0.8),
      c('shelchenko', 0.62),
      c('shevchuk', 0.5),
    ];
    expect(narrowCandidates(all).map((x) => x.token)).toEqual(['shevchenko', 'shevchenka', 'savchenko']);
  });
  it('keep every candidate of a word nobody has (a typo)', () => {
    const all = [c('shevchenko', 0.8), c('savchenko', 0.8), c('shelchenko', 0.5)];
    expect(narrowCandidates(all)).toEqual(all);
    expect(narrowCandidates([])).toEqual([]);
  });
});

describe('identifier queries', () => {
  it('recognise РНОКПП, УНЗР and document numbers, anything else is a name', () => {
    expect(identifierQuery(' 3652504575 ')).toEqual({ kind: 'rnokpp', value: '3652504575' });
    expect(identifierQuery('20000101-01234')).toEqual({ kind: 'unzr', value: '20000101-01234' });
    expect(identifierQuery('ас 123456')).toEqual({ kind: 'document', value: 'АС123456' });
    expect(identifierQuery('Шевченко')).toBeNull();
  });
});
