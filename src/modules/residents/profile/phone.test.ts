import { describe, expect, it } from 'vitest';
import { formatPhone, normalisePhone } from './phone.js';

describe('Ukrainian phone numbers', () => {
  it.each([
    ['+380671234567', '+380671234567'],
    ['+380 67 123-45-67', '+380671234567'],
    ['380 (67) 123 45 67', '+380671234567'],
    ['067 123 45 67', '+380671234567'],
    ['(044) 234-56-78', '+380442345678'],
  ])('%s → %s', (raw, stored) => {
    expect(normalisePhone(raw)).toBe(stored);
  });

  it.each(['', '12345', '+48 601 234 567', '+3806712345678', '0671234', '+380 06 123 45 67', 'телефон'])(
    'rejects %s',
    (raw) => {
      expect(normalisePhone(raw)).toBeNull();
    },
  );

  it('formats the stored form for reading', () => {
    expect(formatPhone('+380671234567')).toBe('+380 67 123 45 67');
    expect(formatPhone(null)).toBe('');
  });
});
