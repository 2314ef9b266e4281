import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './http.js';

describe('safeReturnPath: only same-origin paths after normalisation', () => {
  it('keeps paths of this site, normalised', () => {
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/persons?q=Коваль')).toBe('/persons?q=%D0%9A%D0%BE%D0%B2%D0%B0%D0%BB%D1%8C');
    expect(safeReturnPath('/a/../cabinet#x')).toBe('/cabinet#x');
    expect(safeReturnPath('/staff')).toBe('/staff');
  });

  it.each([
    '/\t/evil.example/x',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '/x\r\nSet-Cookie: a=b',
    '/x\nLocation: //evil',
    '/\u0000',
    ' /x',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '/%0d%0a'.replace('%0d%0a', '\r\n'),
    '/./\t/evil',
    '',
    '/'.padEnd(2001, 'a'),
  ])('refuses %j', (p) => {
    expect(safeReturnPath(p)).toBe('/');
  });

  it('refuses what is not a string and uses the given fallback', () => {
    expect(safeReturnPath(undefined, '/staff')).toBe('/staff');
    expect(safeReturnPath(['/a', '/b'])).toBe('/');
    expect(safeReturnPath(42)).toBe('/');
  });
});
