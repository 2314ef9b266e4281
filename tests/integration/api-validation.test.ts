import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiValidationError, parseInput, validate } from '../../src/platform/api-registry.js';
import { translator } from '../../src/platform/i18n.js';

const uk = translator('uk');
const en = translator('en');

const schema = z.strictObject({
  name: z.string().min(3).max(5),
  email: z.email(),
  id: z.uuid(),
  age: z.number().int().min(18),
  tags: z.array(z.string()).min(2),
  kind: z.enum(['a', 'b']),
  address: z.object({ street: z.string() }),
});

const good = {
  name: 'Іван',
  email: 'i@example.com',
  id: '0b8e6a9e-2d9c-4f57-9c7a-1f6f1e0c1d11',
  age: 30,
  tags: ['x', 'y'],
  kind: 'a',
  address: { street: 'Шевченка' },
};

describe('API input validation with Ukrainian messages', () => {
  it('passes good input through and returns the parsed value', () => {
    expect(parseInput(schema, good, uk)).toEqual(good);
  });

  it('names each bad field by its dotted path with a Ukrainian message', () => {
    const r = validate(
      schema,
      {
        name: 'Я',
        email: 'ні',
        id: '12',
        age: 12.5,
        tags: ['x'],
        kind: 'c',
        address: {},
        extra: 1,
      },
      uk,
    );
    expect(r.success).toBe(false);
    const errors = r.success ? [] : r.errors;
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath.name).toBe('Має містити щонайменше 3 символи');
    expect(byPath.email).toContain('name@example.com');
    expect(byPath.id).toBe('Має бути ідентифікатор у форматі UUID');
    expect(byPath.age).toContain('ціле число');
    expect(byPath.tags).toBe('Має містити щонайменше 2 елементи');
    expect(byPath.kind).toBe('Допустимі значення: "a", "b"');
    expect(byPath['address.street']).toBe('Заповніть це поле');
    expect(byPath['']).toBe('Невідомі поля: extra');
  });

  it('uses Ukrainian plural forms and English on request', () => {
    const long = validate(z.object({ name: z.string().max(5) }), { name: 'задовге імʼя' }, uk);
    expect(long.success ? '' : long.errors[0].message).toBe('Має містити не більше 5 символів');
    const min = validate(z.object({ name: z.string().min(21) }), { name: 'x' }, uk);
    expect(min.success ? '' : min.errors[0].message).toBe('Має містити щонайменше 21 символ');
    const english = validate(schema, { ...good, age: 'old' }, en);
    expect(english.success ? '' : english.errors[0]).toEqual({
      path: 'age',
      message: 'Wrong type of value: expected a number',
    });
  });

  it('keeps messages written into a schema and throws ApiValidationError from parseInput', () => {
    const custom = z.object({ code: z.string().regex(/^\d{4}$/, { error: 'Чотири цифри' }) });
    expect(() => parseInput(custom, { code: 'abc' }, uk)).toThrow(ApiValidationError);
    try {
      parseInput(custom, { code: 'abc' }, uk);
    } catch (e) {
      expect((e as ApiValidationError).status).toBe(400);
      expect((e as ApiValidationError).errors).toEqual([{ path: 'code', message: 'Чотири цифри' }]);
    }
  });
});
