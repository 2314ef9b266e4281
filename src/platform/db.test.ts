import { describe, expect, it } from 'vitest';
import { prepared } from './db.js';

describe('prepared statements', () => {
  it('name a statement by its text: the same text shares one name, another text gets another', () => {
    const a = prepared('SELECT $1::int', [1]);
    expect(a).toMatchObject({ text: 'SELECT $1::int', values: [1] });
    expect(prepared('SELECT $1::int', [2]).name).toBe(a.name);
    expect(prepared('SELECT $1::text', [1]).name).not.toBe(a.name);
    expect(a.name).toMatch(/^p_[0-9a-f]{20}$/);
  });
});
